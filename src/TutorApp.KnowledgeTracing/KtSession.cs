using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using OrtException = Microsoft.ML.OnnxRuntime.OnnxRuntimeException;

namespace TutorApp.KnowledgeTracing;

/// <summary>How a KT model's sessions are created: threads, graph optimisation, memory arena, execution provider.</summary>
public sealed record KtSessionSettings
{
    /// <summary>Threads inside one operator; 0 lets ORT choose (one per core). Small models gain little from more.</summary>
    public int IntraOpThreads { get; init; } = 1;

    /// <summary>Threads across independent operators (used only with <see cref="ParallelExecution"/>).</summary>
    public int InterOpThreads { get; init; } = 1;

    public bool ParallelExecution { get; init; }

    public GraphOptimizationLevel Optimization { get; init; } = GraphOptimizationLevel.ORT_ENABLE_ALL;

    public bool CpuMemoryArena { get; init; } = true;

    /// <summary>Try ONNX Runtime's CUDA provider first (it needs the -p:OnnxRuntimeGpu=true build and CUDA's libraries).</summary>
    public bool Cuda { get; init; }

    public int CudaDeviceId { get; init; }
}

/// <summary>Name, element type and shape of a model input or output; -1 marks a dynamic axis.</summary>
public sealed record KtTensorInfo(string Name, TensorElementType ElementType, IReadOnlyList<long> Shape)
{
    public override string ToString() => $"{Name}: {ElementType}[{string.Join(", ", Shape.Select(d => d < 0 ? "?" : d.ToString(CultureInfo.InvariantCulture)))}]";
}

/// <summary>
/// One model file in an ONNX Runtime session (Microsoft.ML.OnnxRuntime). Inputs go in and outputs come out by name, as
/// managed arrays; what ORT refuses comes back as <see cref="OnnxRuntimeException"/> with ORT's own message. Thread-safe
/// for <see cref="Run"/> (ORT sessions allow concurrent runs).
/// </summary>
public sealed class KtSession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly Dictionary<string, KtTensorInfo> _inputs;
    private readonly string[] _allOutputs;
    private readonly HashSet<string> _outputs;
    private int _disposed;

    private KtSession(InferenceSession session, string provider)
    {
        _session = session;
        Provider = provider;
        Inputs = Describe(session.InputNames, session.InputMetadata);
        Outputs = Describe(session.OutputNames, session.OutputMetadata);
        _inputs = Inputs.ToDictionary(i => i.Name, StringComparer.Ordinal);
        _allOutputs = [.. session.OutputNames];
        _outputs = [.. _allOutputs];
    }

    /// <summary>The execution provider in use: "cpu", or "cuda" when the CUDA provider was appended.</summary>
    public string Provider { get; }

    public IReadOnlyList<KtTensorInfo> Inputs { get; }
    public IReadOnlyList<KtTensorInfo> Outputs { get; }

    /// <summary>The version of the native library, e.g. "1.32.0".</summary>
    public static string RuntimeVersion => Native(() => OrtEnv.Instance().GetVersionString());

    /// <summary>
    /// Opens the model file at <paramref name="path"/>. With <see cref="KtSessionSettings.Cuda"/> the CUDA provider is
    /// tried first; when it cannot be used, <paramref name="cudaUnavailable"/> hears why and the session runs on the CPU.
    /// </summary>
    public static KtSession Open(string path, KtSessionSettings? settings = null, Action<string>? cudaUnavailable = null) =>
        File.Exists(path)
            ? Open(options => new InferenceSession(path, options), settings ?? new(), cudaUnavailable)
            : throw new FileNotFoundException($"ONNX model not found: {path}", path);

    /// <summary>As <see cref="Open(string, KtSessionSettings?, Action{string}?)"/>, from the model's bytes.</summary>
    public static KtSession Open(byte[] model, KtSessionSettings? settings = null, Action<string>? cudaUnavailable = null) =>
        Open(options => new InferenceSession(model, options), settings ?? new(), cudaUnavailable);

    private static KtSession Open(Func<SessionOptions, InferenceSession> create, KtSessionSettings settings, Action<string>? cudaUnavailable)
    {
        if (settings.Cuda)
        {
            try
            {
                return Native(() => Create(create, settings, cuda: true));
            }
            catch (OnnxRuntimeException e) when (!e.NativeLibraryMissing)
            {
                cudaUnavailable?.Invoke(e.OrtMessage);
            }
        }
        return Native(() => Create(create, settings, cuda: false));
    }

    private static KtSession Create(Func<SessionOptions, InferenceSession> create, KtSessionSettings settings, bool cuda)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = settings.IntraOpThreads,
            InterOpNumThreads = settings.InterOpThreads,
            ExecutionMode = settings.ParallelExecution ? ExecutionMode.ORT_PARALLEL : ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = settings.Optimization,
            EnableCpuMemArena = settings.CpuMemoryArena,
        };
        if (cuda)
        {
            using var cudaOptions = new OrtCUDAProviderOptions();
            cudaOptions.UpdateOptions(new Dictionary<string, string>
            {
                ["device_id"] = settings.CudaDeviceId.ToString(CultureInfo.InvariantCulture),
                ["arena_extend_strategy"] = "kSameAsRequested",
            });
            options.AppendExecutionProvider_CUDA(cudaOptions);
        }
        return new KtSession(Ort("CreateSession", () => create(options)), cuda ? "cuda" : "cpu");
    }

    /// <summary>Runs the model on <paramref name="inputs"/> (every model input, by name) and returns the requested
    /// outputs (all when <paramref name="outputNames"/> is null), copied into managed tensors.</summary>
    public IReadOnlyDictionary<string, KtTensor> Run(IReadOnlyDictionary<string, KtTensor> inputs, IReadOnlyList<string>? outputNames = null)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        // Checked here so that a caller's mistake is named in our terms, not as ORT's generic shape error.
        foreach (var (name, tensor) in inputs)
        {
            Validate(_inputs.TryGetValue(name, out var info) ? info
                : throw new ArgumentException($"the model has no input named '{name}' (it has: {string.Join(", ", _inputs.Keys)})"), tensor);
        }
        if (inputs.Count != _inputs.Count)
        {
            throw new ArgumentException($"model input(s) not given: {string.Join(", ", _inputs.Keys.Where(n => !inputs.ContainsKey(n)))}");
        }
        var wanted = outputNames ?? _allOutputs;
        foreach (var name in wanted)
        {
            if (!_outputs.Contains(name))
            {
                throw new ArgumentException($"the model has no output named '{name}' (it has: {string.Join(", ", _allOutputs)})");
            }
        }

        var names = new string[inputs.Count];
        var values = new OrtValue[inputs.Count];
        var n = 0;
        try
        {
            foreach (var (name, tensor) in inputs)
            {
                names[n] = name;
                // Over the managed arrays (pinned until disposed): no copy of the inputs.
                values[n++] = tensor.ToOrtValue();
            }
            using var outputs = Ort("Run", () => _session.Run(_runOptions, names, values, wanted));
            var result = new Dictionary<string, KtTensor>(wanted.Count, StringComparer.Ordinal);
            var i = 0;
            foreach (var output in outputs)
            {
                result[wanted[i++]] = KtTensor.From(output);
            }
            return result;
        }
        finally
        {
            for (var i = 0; i < n; i++)
            {
                values[i].Dispose();
            }
        }
    }

    private static void Validate(KtTensorInfo info, KtTensor tensor)
    {
        if (info.ElementType != tensor.ElementType)
        {
            throw new ArgumentException($"input {info.Name} expects {info} but was given {tensor}");
        }
        var fits = info.Shape.Count == tensor.Shape.Count;
        for (var i = 0; fits && i < info.Shape.Count; i++)
        {
            fits = info.Shape[i] < 0 || info.Shape[i] == tensor.Shape[i];
        }
        if (!fits)
        {
            throw new ArgumentException($"input {info.Name} expects shape {info} but was given {tensor}");
        }
    }

    private static List<KtTensorInfo> Describe(IReadOnlyList<string> names, IReadOnlyDictionary<string, NodeMetadata> metadata) =>
        names.Select(name => new KtTensorInfo(name, metadata[name].ElementDataType, metadata[name].Dimensions.Select(d => (long)d).ToList())).ToList();

    /// <summary>ORT's failures as <see cref="OnnxRuntimeException"/>, naming the operation.</summary>
    private static T Ort<T>(string operation, Func<T> call)
    {
        try
        {
            return call();
        }
        catch (OrtException e)
        {
            throw new OnnxRuntimeException(operation, e);
        }
    }

    /// <summary>
    /// The first call into ORT loads libonnxruntime.so. Where it is missing or cannot load (a platform the package has no
    /// build for, a dependency missing), .NET says so only as a type initializer failure: turn that into a clear error.
    /// The CPU package has no CUDA entry point, so asking it for CUDA ends up here too.
    /// </summary>
    private static T Native<T>(Func<T> call)
    {
        try
        {
            return call();
        }
        catch (OrtException e)
        {
            throw new OnnxRuntimeException("SessionOptions", e);
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException { InnerException: DllNotFoundException })
        {
            throw new OnnxRuntimeException(
                $"ONNX Runtime's native library (libonnxruntime.so, from the Microsoft.ML.OnnxRuntime package's runtimes/linux-x64/native) could not be loaded: {(e.InnerException ?? e).Message}", e)
            {
                NativeLibraryMissing = true,
            };
        }
        catch (EntryPointNotFoundException e)
        {
            throw new OnnxRuntimeException($"this build of ONNX Runtime has no CUDA provider (build with -p:OnnxRuntimeGpu=true): {e.Message}", e);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _session.Dispose();
        _runOptions.Dispose();
    }
}
