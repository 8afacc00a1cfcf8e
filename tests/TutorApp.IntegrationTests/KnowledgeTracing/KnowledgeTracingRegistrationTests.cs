using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TutorApp.Domain.Mastery;
using TutorApp.KnowledgeTracing;

namespace TutorApp.IntegrationTests.KnowledgeTracing;

/// <summary>AddKnowledgeTracing: the configured tracer, replacing the BKT registration, and BKT when loading fails.</summary>
public sealed class KnowledgeTracingRegistrationTests
{
    private static (IHost Host, ListLoggerProvider Logs) Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = KtTestPaths.RepoRoot,
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        var logs = new ListLoggerProvider();
        builder.Logging.AddProvider(logs);
        // What TutorApp.Data registers today; the module must replace it, not add a second one.
        builder.Services.AddSingleton<IKnowledgeTracer>(new BktTracer());
        builder.AddKnowledgeTracing();
        return (builder.Build(), logs);
    }

    private static Dictionary<string, string?> Settings(string model) => new()
    {
        ["KnowledgeTracing:Model"] = model,
    };

    [Fact]
    public async Task A_configured_model_card_becomes_the_one_tracer()
    {
        var (host, logs) = Build(Settings(Path.Combine(KtTestPaths.Fixtures, "tiny-cakt.card.json")));
        using (host)
        {
            await host.StartAsync();

            var tracer = Assert.IsType<CaktTracer>(Assert.Single(host.Services.GetServices<IKnowledgeTracer>()));
            Assert.Equal($"tiny-cakt@{tracer.Model.Card.Fingerprint}", tracer.Name);
            var status = host.Services.GetRequiredService<KnowledgeTracingStatus>();
            Assert.Equal(new KnowledgeTracingStatus(tracer.Name, "cpu", null), status);
            Assert.Contains(logs.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("tiny-cakt") && e.Message.Contains("cpu"));
            await host.StopAsync();
        }
    }

    [Fact]
    public void Bkt_by_configuration()
    {
        var (host, logs) = Build(Settings("bkt"));
        using (host)
        {
            Assert.IsType<BktTracer>(Assert.Single(host.Services.GetServices<IKnowledgeTracer>()));
            Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning);
        }
    }

    [Fact]
    public async Task A_model_that_does_not_match_its_card_falls_back_to_bkt()
    {
        var dir = OnnxKnowledgeTracerTests.CopyFixture("dkt", card => card["inputs"]![0]!["dtype"] = "float32");
        var (host, logs) = Build(Settings(Path.Combine(dir, "tiny-dkt.card.json")));
        using (host)
        {
            await host.StartAsync();

            Assert.IsType<BktTracer>(host.Services.GetRequiredService<IKnowledgeTracer>());
            Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("hist_skill is int64 but the card declares float32"));
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task A_missing_model_falls_back_to_bkt()
    {
        var (host, logs) = Build(Settings("models/none.card.json"));
        using (host)
        {
            await host.StartAsync();

            Assert.IsType<BktTracer>(host.Services.GetRequiredService<IKnowledgeTracer>());
            Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("model card not found"));
            await host.StopAsync();
        }
    }

    [Fact]
    public void An_unknown_execution_provider_is_refused_by_options_validation()
    {
        var settings = Settings("bkt");
        settings["KnowledgeTracing:ExecutionProvider"] = "tpu";
        var (host, _) = Build(settings);
        using (host)
        {
            var e = Assert.ThrowsAny<Exception>(() => host.StartAsync().GetAwaiter().GetResult());
            Assert.Contains("'cpu' or 'cuda'", e.Message);
        }
    }
}

internal sealed class ListLoggerProvider : ILoggerProvider
{
    private readonly ListLogger _logger = new();

    public List<(LogLevel Level, string Message)> Entries => _logger.Entries;

    public ILogger CreateLogger(string categoryName) => _logger;

    public void Dispose()
    {
    }
}
