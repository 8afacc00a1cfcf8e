using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TutorApp.Tutoring;

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
        builder.Services.AddSingleton<ProblemVersionCache>();
        builder.Services.AddSingleton<StudentRateLimiter>();
        builder.Services.AddScoped<TutoringSessions>();
        return builder;
    }
}
