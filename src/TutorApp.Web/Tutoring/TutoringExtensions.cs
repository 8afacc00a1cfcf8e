using TutorApp.Tutoring;
using TutorApp.Web.Observability;

namespace TutorApp.Web.Tutoring;

public static class TutoringExtensions
{
    public static WebApplicationBuilder AddTutoring(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TutoringOptions>()
            .BindConfiguration(TutoringOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<SocraticEngine>();
        builder.Services.AddSingleton<ProblemVersionCache>();
        builder.Services.AddSingleton<StudentRateLimiter>();
        builder.Services.AddScoped<TutoringSessions>();
        builder.Services.AddSingleton<TutoringTelemetry>();
        builder.Services.AddSingleton<LlmMetrics>();
        return builder;
    }
}
