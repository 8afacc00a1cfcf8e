using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using TutorApp.Tutoring;
using TutorApp.Tutoring.Realization;

namespace TutorApp.Data.Tutoring;

public static class TutoringExtensions
{
    public static IHostApplicationBuilder AddTutoring(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TutoringOptions>()
            .BindConfiguration(TutoringOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<SocraticEngine>();
        // The authored words unless a host registers another realizer (the LLM tutor does).
        builder.Services.TryAddSingleton<ITurnRealizer, OfflineTurnRealizer>();
        builder.Services.AddSingleton<ProblemVersionCache>();
        builder.Services.AddSingleton<StudentRateLimiter>();
        builder.Services.AddScoped<TutoringSessions>();
        builder.Services.AddSingleton<TutoringTelemetry>();
        builder.Services.AddSingleton<LlmMetrics>();
        return builder;
    }
}
