using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace TutorApp.KnowledgeTracing;

/// <summary>A dense row-major tensor in managed memory: float32 or int64, the two element types the KT models use.</summary>
public sealed class KtTensor
{
    private readonly float[]? _floats;
    private readonly long[]? _longs;
    private readonly long[] _shape;

    private KtTensor(long[] shape, float[]? floats, long[]? longs)
    {
        var expected = 1L;
        foreach (var d in shape)
        {
            expected *= d >= 0 ? d : throw new ArgumentException($"negative dimension in shape [{string.Join(", ", shape)}]");
        }
        var length = floats?.Length ?? longs!.Length;
        if (expected != length)
        {
            throw new ArgumentException($"shape [{string.Join(", ", shape)}] holds {expected} elements but the data has {length}");
        }
        _shape = shape;
        _floats = floats;
        _longs = longs;
    }

    public static KtTensor Float(float[] data, params long[] shape) => new(shape, data, null);

    public static KtTensor Int64(long[] data, params long[] shape) => new(shape, null, data);

    public TensorElementType ElementType => _floats is null ? TensorElementType.Int64 : TensorElementType.Float;
    public IReadOnlyList<long> Shape => _shape;

    public float[] Floats => _floats ?? throw new InvalidOperationException($"tensor holds {ElementType}, not float");

    public long[] Longs => _longs ?? throw new InvalidOperationException($"tensor holds {ElementType}, not int64");

    /// <summary>An ORT value over this tensor's array, pinned until the value is disposed.</summary>
    internal OrtValue ToOrtValue() => _floats is { } floats
        ? OrtValue.CreateTensorValueFromMemory(floats, _shape)
        : OrtValue.CreateTensorValueFromMemory(_longs!, _shape);

    /// <summary>A copy of an output ORT allocated (it is freed with the run's results).</summary>
    internal static KtTensor From(OrtValue value)
    {
        var info = value.GetTensorTypeAndShape();
        return info.ElementDataType switch
        {
            TensorElementType.Float => Float(value.GetTensorDataAsSpan<float>().ToArray(), info.Shape),
            TensorElementType.Int64 => Int64(value.GetTensorDataAsSpan<long>().ToArray(), info.Shape),
            var other => throw new OnnxRuntimeException($"an output has element type {other}; only float32 and int64 are supported"),
        };
    }

    public override string ToString() => $"{ElementType}[{string.Join(", ", _shape)}]";
}
