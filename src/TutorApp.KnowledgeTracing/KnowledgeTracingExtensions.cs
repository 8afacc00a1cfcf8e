using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TutorApp.Domain.Mastery;

namespace TutorApp.KnowledgeTracing;

public static class KnowledgeTracingExtensions
{
    /// <summary>
    /// Registers <see cref="IKnowledgeTracer"/> from configuration, replacing any earlier registration (TutorApp.Data
    /// registers plain BKT): BKT when <c>KnowledgeTracing:Model</c> is "bkt", else the ONNX model its card describes.
    /// When the model, its card or the native library cannot be loaded, BKT serves instead and one warning says why.
    /// The tracer is built at start-up, so a broken configuration shows in the first log lines, not on the first answer.
    /// </summary>
    public static IHostApplicationBuilder AddKnowledgeTracing(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<KnowledgeTracingOptions>()
            .BindConfiguration(KnowledgeTracingOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.RemoveAll<IKnowledgeTracer>();
        builder.Services.TryAddSingleton<KnowledgeTracerFactory>();
        builder.Services.AddSingleton(services => services.GetRequiredService<KnowledgeTracerFactory>().Create());
        builder.Services.AddSingleton(services => services.GetRequiredService<KnowledgeTracerFactory>().Status);
        builder.Services.AddSingleton(services => ActiveModel.Describe(services.GetRequiredService<IKnowledgeTracer>(),
            services.GetRequiredService<KnowledgeTracingStatus>(), services.GetRequiredService<IOptions<KnowledgeTracingOptions>>()));
        builder.Services.AddHostedService<KnowledgeTracingStartup>();
        return builder;
    }
}

/// <summary>Builds the configured tracer once; remembers what it built and why it fell back, if it did.</summary>
public sealed class KnowledgeTracerFactory(IOptions<KnowledgeTracingOptions> options, IHostEnvironment environment, ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger("TutorApp.KnowledgeTracing");
    private readonly Lock _lock = new();
    private IKnowledgeTracer? _tracer;

    public KnowledgeTracingStatus Status
    {
        get
        {
            Create();
            return _status!;
        }
    }

    private KnowledgeTracingStatus? _status;

    public IKnowledgeTracer Create()
    {
        lock (_lock)
        {
            return _tracer ??= Build();
        }
    }

    private IKnowledgeTracer Build()
    {
        var o = options.Value;
        var bkt = new BktTracer(LoadBktParameters(o.BktParameters));
        if (string.Equals(o.Model, "bkt", StringComparison.OrdinalIgnoreCase))
        {
            _status = new KnowledgeTracingStatus(bkt.Name, "cpu", null);
            return bkt;
        }
        try
        {
            var model = KtModel.Load(ResolveModel(o.Model), o.SessionSettings(), _logger);
            _logger.LogInformation("Knowledge tracing: model {Model} ({Kind}, {Skills} skills) on {Provider}, ONNX Runtime {Version}",
                model.Name, model.Card.Model, model.NumSkills, model.Provider, KtSession.RuntimeVersion);
            var tracer = OnnxKnowledgeTracer.For(model, loggers.CreateLogger<OnnxKnowledgeTracer>(), bkt);
            _status = new KnowledgeTracingStatus(tracer.Name, model.Provider, null);
            return tracer;
        }
        catch (Exception e) when (e is OnnxRuntimeException or ModelCardException or IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning("Knowledge tracing model {Model} could not be loaded, using BKT instead: {Reason}", o.Model, e.Message);
            _status = new KnowledgeTracingStatus(bkt.Name, "cpu", e.Message);
            return bkt;
        }
    }

    private string Resolve(string path) => Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(environment.ContentRootPath, path));

    private string ResolveModel(string path)
    {
        if (Path.IsPathRooted(path))
        {
            return path;
        }
        var fromRoot = Resolve(path);
        var fromBinaries = Path.Combine(AppContext.BaseDirectory, path);
        return File.Exists(fromRoot) || !File.Exists(fromBinaries) ? fromRoot : fromBinaries;
    }

    private IReadOnlyDictionary<int, BktParameters>? LoadBktParameters(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }
        try
        {
            return BktParameterFile.Read(Resolve(path));
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidDataException)
        {
            _logger.LogWarning("BKT parameters {Path} could not be read, using the defaults: {Reason}", path, e.Message);
            return null;
        }
    }
}

/// <summary>Builds the tracer while the host starts, so a fallback warning is logged at start-up.</summary>
internal sealed class KnowledgeTracingStartup(KnowledgeTracerFactory factory) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        factory.Create();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Fitted BKT parameters per skill id as JSON: {"12": {"initial": .., "learn": .., "slip": .., "guess": ..}}.</summary>
public static class BktParameterFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static IReadOnlyDictionary<int, BktParameters> Read(string path)
    {
        var raw = JsonSerializer.Deserialize<Dictionary<int, BktParameters>>(File.ReadAllText(path), Json)
            ?? throw new InvalidDataException($"{path} is empty");
        var problems = raw.SelectMany(kv => kv.Value.Validate().Select(p => $"skill {kv.Key}: {p}")).ToList();
        return problems.Count == 0 ? raw : throw new InvalidDataException($"{path}: {string.Join("; ", problems)}");
    }

    public static void Write(string path, IReadOnlyDictionary<int, BktParameters> parameters) =>
        File.WriteAllText(path, JsonSerializer.Serialize(parameters.OrderBy(kv => kv.Key).ToDictionary(kv => kv.Key, kv => kv.Value), Json));
}
