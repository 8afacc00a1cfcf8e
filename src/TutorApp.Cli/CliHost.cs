using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TutorApp.Data;
using TutorApp.Data.Hosting;
using TutorApp.KnowledgeTracing;

namespace TutorApp.Cli;

/// <summary>The services a command needs, configured from the same appsettings.json (and environment) as the web app.</summary>
internal static class CliHost
{
    public static IHost Build()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = ContentRoot.Find() });
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
            .AddFilter("TutorApp", LogLevel.Information);
        builder.AddTutorData();
        // The configured tracer, as the web app uses it (mastery commands must trace with the same model).
        builder.AddKnowledgeTracing();
        return builder.Build();
    }
}
