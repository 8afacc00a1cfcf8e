using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TutorApp.KnowledgeTracing.Onnx;

/// <summary>
/// A loaded ONNX Runtime library and its environment. One per library path for the life of the process: a native
/// library is never unloaded (sessions and ORT's own threads may still run code from it), and ORT wants one
/// environment per process anyway.
/// </summary>
public sealed class OnnxRuntime
{
    public const string LibraryFileName = "libonnxruntime.so.1";

    private static readonly ConcurrentDictionary<string, Lazy<OnnxRuntime>> Loaded = new(StringComparer.Ordinal);

    private readonly OrtHandle _env;
    private readonly ILogger _logger;
    private int _cudaWarned;

    private OnnxRuntime(OrtApi api, string libraryPath, ILogger logger)
    {
        Api = api;
        LibraryPath = libraryPath;
        _logger = logger;
        // ORT_LOGGING_LEVEL_WARNING = 2: ORT's own log lines for problems only.
        _env = api.CreateEnv(2, "tutorapp");
        MemoryInfo = api.CreateCpuMemoryInfo();
        AvailableProviders = api.GetAvailableProviders();
    }

    internal OrtApi Api { get; }
    internal OrtHandle Env => _env;
    internal OrtHandle MemoryInfo { get; }

    public string Version => Api.Version;
    public string LibraryPath { get; }

    /// <summary>Providers compiled into the library. CUDA being listed does not mean its libraries can load.</summary>
    public IReadOnlyList<string> AvailableProviders { get; }

    /// <summary>Loads the library from <paramref name="directory"/> (a file path is accepted too).</summary>
    public static OnnxRuntime Load(string directory, ILogger? logger = null)
    {
        var path = Path.GetFullPath(Directory.Exists(directory) || !File.Exists(directory) ? Path.Combine(directory, LibraryFileName) : directory);
        var lazy = Loaded.GetOrAdd(path, p => new Lazy<OnnxRuntime>(() => new OnnxRuntime(OrtApi.Load(p), p, logger ?? NullLogger.Instance)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // A failed load is not cached: the library may be put in place later.
            Loaded.TryRemove(new KeyValuePair<string, Lazy<OnnxRuntime>>(path, lazy));
            throw;
        }
    }

    public OnnxSession CreateSession(string modelPath, OnnxSessionSettings? settings = null)
    {
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"ONNX model not found: {modelPath}", modelPath);
        }
        return Create(settings ?? new(), options => Api.CreateSession(_env, modelPath, options));
    }

    public OnnxSession CreateSession(byte[] model, OnnxSessionSettings? settings = null) =>
        Create(settings ?? new(), options => Api.CreateSession(_env, model, options));

    private OnnxSession Create(OnnxSessionSettings settings, Func<OrtHandle, OrtHandle> open)
    {
        if (settings.Provider == ExecutionProvider.Cuda)
        {
            try
            {
                using var cudaOptions = BuildOptions(settings, cuda: true);
                return new OnnxSession(this, open(cudaOptions), "cuda");
            }
            catch (OnnxRuntimeException e)
            {
                // One warning per process, not one per session: the cause (missing GPU libraries) is the same each time.
                if (Interlocked.Exchange(ref _cudaWarned, 1) == 0)
                {
                    _logger.LogWarning("CUDA execution provider requested but unavailable, running ONNX models on the CPU instead: {Reason}", e.OrtMessage);
                }
            }
        }
        using var options = BuildOptions(settings, cuda: false);
        return new OnnxSession(this, open(options), "cpu");
    }

    private OrtHandle BuildOptions(OnnxSessionSettings settings, bool cuda)
    {
        var options = Api.CreateSessionOptions();
        try
        {
            Api.SetIntraOpNumThreads(options, settings.IntraOpThreads);
            Api.SetInterOpNumThreads(options, settings.InterOpThreads);
            Api.SetExecutionMode(options, settings.ParallelExecution ? 1 : 0);
            Api.SetGraphOptimizationLevel(options, (int)settings.Optimization);
            Api.SetCpuMemArena(options, settings.CpuMemoryArena);
            if (cuda)
            {
                Api.AppendCudaProvider(options, new Dictionary<string, string>
                {
                    ["device_id"] = settings.CudaDeviceId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["arena_extend_strategy"] = "kSameAsRequested",
                });
            }
            return options;
        }
        catch
        {
            options.Dispose();
            throw;
        }
    }
}
