using System.Runtime.InteropServices;
using System.Text;

namespace TutorApp.KnowledgeTracing.Onnx;

/// <summary>
/// The slice of the ONNX Runtime C API this app uses, called through the function table that
/// <c>OrtGetApiBase()->GetApi(version)</c> returns. Slot numbers are zero-based positions in <c>struct OrtApi</c>
/// (append-only across versions; checked on 1.30.0, see docs/onnxruntime-c-api.md). Every call that returns an
/// <c>OrtStatus*</c> goes through <see cref="Check"/>, which turns a non-null status into an exception and releases it.
/// </summary>
internal sealed unsafe class OrtApi
{
    // Every slot used exists since API 16; asking for the lowest version that has them lets newer libraries load too.
    public const uint ApiVersion = 16;

    private const int SlotCreateStatus = 0, SlotGetErrorCode = 1, SlotGetErrorMessage = 2, SlotCreateEnv = 3,
        SlotCreateSession = 7, SlotCreateSessionFromArray = 8, SlotRun = 9, SlotCreateSessionOptions = 10,
        SlotSetSessionExecutionMode = 13, SlotEnableCpuMemArena = 18, SlotDisableCpuMemArena = 19,
        SlotSetSessionGraphOptimizationLevel = 23, SlotSetIntraOpNumThreads = 24, SlotSetInterOpNumThreads = 25,
        SlotSessionGetInputCount = 30, SlotSessionGetOutputCount = 31, SlotSessionGetInputTypeInfo = 33,
        SlotSessionGetOutputTypeInfo = 34, SlotSessionGetInputName = 36, SlotSessionGetOutputName = 37,
        SlotCreateTensorWithDataAsOrtValue = 49, SlotIsTensor = 50, SlotGetTensorMutableData = 51,
        SlotCastTypeInfoToTensorInfo = 55, SlotGetTensorElementType = 60, SlotGetDimensionsCount = 61,
        SlotGetDimensions = 62, SlotGetTensorShapeElementCount = 64, SlotGetTensorTypeAndShape = 65, SlotGetValueType = 67,
        SlotCreateCpuMemoryInfo = 69, SlotAllocatorFree = 76, SlotGetAllocatorWithDefaultOptions = 78,
        SlotReleaseEnv = 92, SlotReleaseStatus = 93, SlotReleaseMemoryInfo = 94, SlotReleaseSession = 95,
        SlotReleaseValue = 96, SlotReleaseTypeInfo = 98, SlotReleaseTensorTypeAndShapeInfo = 99,
        SlotReleaseSessionOptions = 100, SlotGetAvailableProviders = 125, SlotReleaseAvailableProviders = 126,
        SlotAppendCudaV2 = 204, SlotCreateCudaProviderOptions = 205, SlotUpdateCudaProviderOptions = 206,
        SlotReleaseCudaProviderOptions = 208;

    private readonly nint* _table;

    private OrtApi(nint* table, string version)
    {
        _table = table;
        Version = version;
    }

    public string Version { get; }

    /// <summary>Loads <c>libonnxruntime.so.1</c> (or the platform's name for it) from <paramref name="libraryPath"/>.</summary>
    public static OrtApi Load(string libraryPath)
    {
        if (!File.Exists(libraryPath))
        {
            throw new OnnxRuntimeException(
                $"ONNX Runtime native library not found at {libraryPath}. Set KnowledgeTracing:OnnxRuntimeDirectory to the folder " +
                "that holds it (infra/setup.sh copies it to .local/onnxruntime from the npm package onnxruntime-node).");
        }
        nint library;
        try
        {
            library = NativeLibrary.Load(libraryPath);
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            throw new OnnxRuntimeException($"ONNX Runtime native library at {libraryPath} could not be loaded: {e.Message}", e);
        }
        if (!NativeLibrary.TryGetExport(library, "OrtGetApiBase", out var getApiBase))
        {
            throw new OnnxRuntimeException($"{libraryPath} has no OrtGetApiBase export: it is not an ONNX Runtime library.");
        }
        // OrtApiBase = { const OrtApi* (*GetApi)(uint32_t); const char* (*GetVersionString)(void); }
        var apiBase = ((delegate* unmanaged[Cdecl]<nint*>)getApiBase)();
        var getApi = (delegate* unmanaged[Cdecl]<uint, nint*>)apiBase[0];
        var getVersion = (delegate* unmanaged[Cdecl]<byte*>)apiBase[1];
        var version = Marshal.PtrToStringUTF8((nint)getVersion()) ?? "?";
        var table = getApi(ApiVersion);
        if (table == null)
        {
            throw new OnnxRuntimeException($"ONNX Runtime {version} at {libraryPath} does not offer API version {ApiVersion}.");
        }
        return new OrtApi(table, version);
    }

    private nint Slot(int index) => _table[index];

    // ------------------------------------------------------------------------------------------------- status

    public void Check(nint status, string operation)
    {
        if (status == 0)
        {
            return;
        }
        var code = ((delegate* unmanaged[Cdecl]<nint, int>)Slot(SlotGetErrorCode))(status);
        var message = Marshal.PtrToStringUTF8(((delegate* unmanaged[Cdecl]<nint, nint>)Slot(SlotGetErrorMessage))(status)) ?? "";
        ((delegate* unmanaged[Cdecl]<nint, void>)Slot(SlotReleaseStatus))(status);
        throw new OnnxRuntimeException(code, message, operation);
    }

    /// <summary>Makes a status the way ORT would (used by tests to prove the error path reads ORT's message).</summary>
    public nint CreateStatus(int code, string message)
    {
        var bytes = Utf8(message);
        fixed (byte* p = bytes)
        {
            return ((delegate* unmanaged[Cdecl]<int, byte*, nint>)Slot(SlotCreateStatus))(code, p);
        }
    }

    // ------------------------------------------------------------------------------------------------- release

    public delegate* unmanaged[Cdecl]<nint, void> ReleaseFunction(OrtHandleKind kind) => kind switch
    {
        OrtHandleKind.Env => (delegate* unmanaged[Cdecl]<nint, void>)Slot(SlotReleaseEnv),
        OrtHandleKind.MemoryInfo => (delegate* unmanaged[Cdecl]<nint, void>)Slot(SlotReleaseMemoryInfo),
        OrtHandleKind.Session => (delegate* unmanaged[Cdecl]<nint, void>)Slot(SlotReleaseSession),
        OrtHandleKind.Value => (delegate* unmanaged[Cdecl]<nint, void>)Slot(SlotReleaseValue),
        OrtHandleKind.TypeInfo => (delegate* unmanaged[Cdecl]<nint, void>)Slot(SlotReleaseTypeInfo),
        OrtHandleKind.TensorTypeAndShapeInfo => (delegate* unmanaged[Cdecl]<nint, void>)Slot(SlotReleaseTensorTypeAndShapeInfo),
        OrtHandleKind.SessionOptions => (delegate* unmanaged[Cdecl]<nint, void>)Slot(SlotReleaseSessionOptions),
        OrtHandleKind.CudaProviderOptions => (delegate* unmanaged[Cdecl]<nint, void>)Slot(SlotReleaseCudaProviderOptions),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private OrtHandle Own(nint handle, OrtHandleKind kind) => new(handle, kind, this);

    // ------------------------------------------------------------------------------------------------- environment

    public OrtHandle CreateEnv(int logLevel, string logId)
    {
        nint env;
        var id = Utf8(logId);
        fixed (byte* p = id)
        {
            Check(((delegate* unmanaged[Cdecl]<int, byte*, nint*, nint>)Slot(SlotCreateEnv))(logLevel, p, &env), "CreateEnv");
        }
        return Own(env, OrtHandleKind.Env);
    }

    public IReadOnlyList<string> GetAvailableProviders()
    {
        nint names;
        int count;
        Check(((delegate* unmanaged[Cdecl]<nint*, int*, nint>)Slot(SlotGetAvailableProviders))(&names, &count), "GetAvailableProviders");
        try
        {
            var result = new string[count];
            for (var i = 0; i < count; i++)
            {
                result[i] = Marshal.PtrToStringUTF8(((nint*)names)[i]) ?? "";
            }
            return result;
        }
        finally
        {
            Check(((delegate* unmanaged[Cdecl]<nint, int, nint>)Slot(SlotReleaseAvailableProviders))(names, count), "ReleaseAvailableProviders");
        }
    }

    public OrtHandle CreateCpuMemoryInfo()
    {
        nint info;
        // OrtArenaAllocator = 1, OrtMemTypeDefault = 0: plain CPU memory that ORT reads in place.
        Check(((delegate* unmanaged[Cdecl]<int, int, nint*, nint>)Slot(SlotCreateCpuMemoryInfo))(1, 0, &info), "CreateCpuMemoryInfo");
        return Own(info, OrtHandleKind.MemoryInfo);
    }

    public nint GetDefaultAllocator()
    {
        nint allocator;
        // The default allocator is owned by ORT and never released.
        Check(((delegate* unmanaged[Cdecl]<nint*, nint>)Slot(SlotGetAllocatorWithDefaultOptions))(&allocator), "GetAllocatorWithDefaultOptions");
        return allocator;
    }

    // ------------------------------------------------------------------------------------------------- session options

    public OrtHandle CreateSessionOptions()
    {
        nint options;
        Check(((delegate* unmanaged[Cdecl]<nint*, nint>)Slot(SlotCreateSessionOptions))(&options), "CreateSessionOptions");
        return Own(options, OrtHandleKind.SessionOptions);
    }

    public void SetIntraOpNumThreads(OrtHandle options, int threads) =>
        Check(((delegate* unmanaged[Cdecl]<nint, int, nint>)Slot(SlotSetIntraOpNumThreads))(options.Pointer, threads), "SetIntraOpNumThreads");

    public void SetInterOpNumThreads(OrtHandle options, int threads) =>
        Check(((delegate* unmanaged[Cdecl]<nint, int, nint>)Slot(SlotSetInterOpNumThreads))(options.Pointer, threads), "SetInterOpNumThreads");

    public void SetGraphOptimizationLevel(OrtHandle options, int level) =>
        Check(((delegate* unmanaged[Cdecl]<nint, int, nint>)Slot(SlotSetSessionGraphOptimizationLevel))(options.Pointer, level), "SetSessionGraphOptimizationLevel");

    public void SetExecutionMode(OrtHandle options, int mode) =>
        Check(((delegate* unmanaged[Cdecl]<nint, int, nint>)Slot(SlotSetSessionExecutionMode))(options.Pointer, mode), "SetSessionExecutionMode");

    public void SetCpuMemArena(OrtHandle options, bool enabled) =>
        Check(((delegate* unmanaged[Cdecl]<nint, nint>)Slot(enabled ? SlotEnableCpuMemArena : SlotDisableCpuMemArena))(options.Pointer),
            enabled ? "EnableCpuMemArena" : "DisableCpuMemArena");

    /// <summary>Appends the CUDA execution provider (V2 options); throws ORT's message when its libraries cannot load.</summary>
    public void AppendCudaProvider(OrtHandle options, IReadOnlyDictionary<string, string> settings)
    {
        nint cudaOptions;
        Check(((delegate* unmanaged[Cdecl]<nint*, nint>)Slot(SlotCreateCudaProviderOptions))(&cudaOptions), "CreateCUDAProviderOptions");
        using var owned = Own(cudaOptions, OrtHandleKind.CudaProviderOptions);
        using var keys = new Utf8Array(settings.Keys);
        using var values = new Utf8Array(settings.Values);
        Check(((delegate* unmanaged[Cdecl]<nint, byte**, byte**, nuint, nint>)Slot(SlotUpdateCudaProviderOptions))(
            owned.Pointer, keys.Pointers, values.Pointers, (nuint)settings.Count), "UpdateCUDAProviderOptions");
        Check(((delegate* unmanaged[Cdecl]<nint, nint, nint>)Slot(SlotAppendCudaV2))(options.Pointer, owned.Pointer),
            "SessionOptionsAppendExecutionProvider_CUDA_V2");
    }

    // ------------------------------------------------------------------------------------------------- sessions

    public OrtHandle CreateSession(OrtHandle env, string path, OrtHandle options)
    {
        nint session;
        // ORTCHAR_T is char (UTF-8) on Linux and macOS, wchar_t on Windows.
        if (OperatingSystem.IsWindows())
        {
            fixed (char* p = path)
            {
                Check(((delegate* unmanaged[Cdecl]<nint, char*, nint, nint*, nint>)Slot(SlotCreateSession))(env.Pointer, p, options.Pointer, &session), "CreateSession");
            }
        }
        else
        {
            var bytes = Utf8(path);
            fixed (byte* p = bytes)
            {
                Check(((delegate* unmanaged[Cdecl]<nint, byte*, nint, nint*, nint>)Slot(SlotCreateSession))(env.Pointer, p, options.Pointer, &session), "CreateSession");
            }
        }
        return Own(session, OrtHandleKind.Session);
    }

    public OrtHandle CreateSession(OrtHandle env, ReadOnlySpan<byte> model, OrtHandle options)
    {
        nint session;
        fixed (byte* p = model)
        {
            Check(((delegate* unmanaged[Cdecl]<nint, byte*, nuint, nint, nint*, nint>)Slot(SlotCreateSessionFromArray))(
                env.Pointer, p, (nuint)model.Length, options.Pointer, &session), "CreateSessionFromArray");
        }
        return Own(session, OrtHandleKind.Session);
    }

    public int GetCount(OrtHandle session, bool inputs)
    {
        nuint count;
        Check(((delegate* unmanaged[Cdecl]<nint, nuint*, nint>)Slot(inputs ? SlotSessionGetInputCount : SlotSessionGetOutputCount))(session.Pointer, &count),
            inputs ? "SessionGetInputCount" : "SessionGetOutputCount");
        return checked((int)count);
    }

    public string GetName(OrtHandle session, bool input, int index)
    {
        var allocator = GetDefaultAllocator();
        nint name;
        Check(((delegate* unmanaged[Cdecl]<nint, nuint, nint, nint*, nint>)Slot(input ? SlotSessionGetInputName : SlotSessionGetOutputName))(
            session.Pointer, (nuint)index, allocator, &name), input ? "SessionGetInputName" : "SessionGetOutputName");
        try
        {
            return Marshal.PtrToStringUTF8(name) ?? "";
        }
        finally
        {
            // The name was allocated with the allocator passed in and must go back to it.
            Check(((delegate* unmanaged[Cdecl]<nint, nint, nint>)Slot(SlotAllocatorFree))(allocator, name), "AllocatorFree");
        }
    }

    /// <summary>Element type and shape (-1 for a symbolic axis) of input or output <paramref name="index"/>;
    /// element type 0 when it is not a tensor.</summary>
    public (int ElementType, long[] Shape) GetTypeAndShape(OrtHandle session, bool input, int index)
    {
        nint typeInfo;
        Check(((delegate* unmanaged[Cdecl]<nint, nuint, nint*, nint>)Slot(input ? SlotSessionGetInputTypeInfo : SlotSessionGetOutputTypeInfo))(
            session.Pointer, (nuint)index, &typeInfo), input ? "SessionGetInputTypeInfo" : "SessionGetOutputTypeInfo");
        using var owned = Own(typeInfo, OrtHandleKind.TypeInfo);
        nint tensorInfo;
        // The tensor info borrowed from a type info belongs to it: not released separately.
        Check(((delegate* unmanaged[Cdecl]<nint, nint*, nint>)Slot(SlotCastTypeInfoToTensorInfo))(owned.Pointer, &tensorInfo), "CastTypeInfoToTensorInfo");
        return tensorInfo == 0 ? (0, []) : ReadTensorInfo(tensorInfo);
    }

    private (int ElementType, long[] Shape) ReadTensorInfo(nint tensorInfo)
    {
        int elementType;
        Check(((delegate* unmanaged[Cdecl]<nint, int*, nint>)Slot(SlotGetTensorElementType))(tensorInfo, &elementType), "GetTensorElementType");
        nuint rank;
        Check(((delegate* unmanaged[Cdecl]<nint, nuint*, nint>)Slot(SlotGetDimensionsCount))(tensorInfo, &rank), "GetDimensionsCount");
        var shape = new long[(int)rank];
        fixed (long* p = shape)
        {
            Check(((delegate* unmanaged[Cdecl]<nint, long*, nuint, nint>)Slot(SlotGetDimensions))(tensorInfo, p, rank), "GetDimensions");
        }
        return (elementType, shape);
    }

    // ------------------------------------------------------------------------------------------------- values

    /// <summary>A tensor over caller-owned memory; the memory must stay pinned until the value is released.</summary>
    public OrtHandle CreateTensor(OrtHandle memoryInfo, void* data, long byteLength, ReadOnlySpan<long> shape, int elementType)
    {
        nint value;
        fixed (long* s = shape)
        {
            Check(((delegate* unmanaged[Cdecl]<nint, void*, nuint, long*, nuint, int, nint*, nint>)Slot(SlotCreateTensorWithDataAsOrtValue))(
                memoryInfo.Pointer, data, (nuint)byteLength, s, (nuint)shape.Length, elementType, &value), "CreateTensorWithDataAsOrtValue");
        }
        return Own(value, OrtHandleKind.Value);
    }

    public void Run(OrtHandle session, nint[] inputNames, nint[] inputs, nint[] outputNames, nint[] outputs)
    {
        fixed (nint* inNames = inputNames, inValues = inputs, outNames = outputNames, outValues = outputs)
        {
            Check(((delegate* unmanaged[Cdecl]<nint, nint, nint*, nint*, nuint, nint*, nuint, nint*, nint>)Slot(SlotRun))(
                session.Pointer, 0, inNames, inValues, (nuint)inputs.Length, outNames, (nuint)outputNames.Length, outValues), "Run");
        }
    }

    public bool IsTensor(nint value)
    {
        int onnxType;
        Check(((delegate* unmanaged[Cdecl]<nint, int*, nint>)Slot(SlotGetValueType))(value, &onnxType), "GetValueType");
        int isTensor;
        Check(((delegate* unmanaged[Cdecl]<nint, int*, nint>)Slot(SlotIsTensor))(value, &isTensor), "IsTensor");
        return onnxType == 1 && isTensor != 0;
    }

    public (int ElementType, long[] Shape, long Count) GetValueTypeAndShape(nint value)
    {
        nint info;
        Check(((delegate* unmanaged[Cdecl]<nint, nint*, nint>)Slot(SlotGetTensorTypeAndShape))(value, &info), "GetTensorTypeAndShape");
        using var owned = Own(info, OrtHandleKind.TensorTypeAndShapeInfo);
        var (type, shape) = ReadTensorInfo(owned.Pointer);
        nuint count;
        Check(((delegate* unmanaged[Cdecl]<nint, nuint*, nint>)Slot(SlotGetTensorShapeElementCount))(owned.Pointer, &count), "GetTensorShapeElementCount");
        return (type, shape, checked((long)count));
    }

    public void* GetTensorData(nint value)
    {
        void* data;
        Check(((delegate* unmanaged[Cdecl]<nint, void**, nint>)Slot(SlotGetTensorMutableData))(value, &data), "GetTensorMutableData");
        return data;
    }

    private static byte[] Utf8(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }
}

/// <summary>NUL-terminated UTF-8 copies of strings in unmanaged memory, as a <c>const char* const*</c>.</summary>
internal sealed unsafe class Utf8Array : IDisposable
{
    private readonly nint[] _strings;
    private readonly nint _array;

    public Utf8Array(IEnumerable<string> values)
    {
        _strings = values.Select(v => Marshal.StringToCoTaskMemUTF8(v)).ToArray();
        _array = Marshal.AllocHGlobal(nint.Size * Math.Max(_strings.Length, 1));
        for (var i = 0; i < _strings.Length; i++)
        {
            ((nint*)_array)[i] = _strings[i];
        }
    }

    public byte** Pointers => (byte**)_array;

    public nint this[int index] => _strings[index];

    public void Dispose()
    {
        foreach (var s in _strings)
        {
            Marshal.FreeCoTaskMem(s);
        }
        Marshal.FreeHGlobal(_array);
    }
}
