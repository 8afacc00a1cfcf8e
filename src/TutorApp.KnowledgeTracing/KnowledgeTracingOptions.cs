using System.ComponentModel.DataAnnotations;

namespace TutorApp.KnowledgeTracing;

/// <summary>Section "KnowledgeTracing" of appsettings.json.</summary>
public sealed class KnowledgeTracingOptions
{
    public const string Section = "KnowledgeTracing";

    /// <summary>"bkt", or the path of a model card (or of an .onnx with its card beside it), relative to the content
    /// root or to the app's binaries (where the shipped models are copied, under Models/).</summary>
    [Required]
    public string Model { get; set; } = "bkt";

    /// <summary>"cpu" or "cuda". With cuda the CUDA provider is tried and the CPU used, with a warning, when it cannot load
    /// (always so in the default build, which has ONNX Runtime's CPU package; -p:OnnxRuntimeGpu=true has the CUDA one).</summary>
    [RegularExpression("^(cpu|cuda)$", ErrorMessage = "KnowledgeTracing:ExecutionProvider must be 'cpu' or 'cuda'.")]
    public string ExecutionProvider { get; set; } = "cpu";

    [Range(0, 256)]
    public int IntraOpThreads { get; set; } = 1;

    [Range(0, 64)]
    public int CudaDeviceId { get; set; }

    /// <summary>Optional JSON of fitted BKT parameters per skill id ({"12": {"initial":..,"learn":..,"slip":..,"guess":..}}),
    /// written by <c>tutor kt fit-bkt</c>; BKT (model or fallback) uses the defaults without it.</summary>
    public string? BktParameters { get; set; }

    public KtSessionSettings SessionSettings() => new()
    {
        IntraOpThreads = IntraOpThreads,
        Cuda = ExecutionProvider == "cuda",
        CudaDeviceId = CudaDeviceId,
    };
}

/// <summary>What knowledge tracing runs on, for health checks and admin pages.</summary>
public sealed record KnowledgeTracingStatus(string Tracer, string Provider, string? FallbackReason);
