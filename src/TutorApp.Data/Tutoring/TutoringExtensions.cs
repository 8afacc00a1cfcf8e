using TutorApp.Tutoring;

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
        return builder;
    }
}
