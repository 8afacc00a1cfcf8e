namespace TutorApp.KnowledgeTracing.Onnx;

/// <summary>ONNX tensor element types this binding reads and writes (values of ONNXTensorElementDataType).</summary>
public enum OnnxElementType
{
    Undefined = 0,
    Float = 1,
    Int64 = 7,
}

/// <summary>A dense row-major tensor in managed memory: float32 or int64, the two types the KT models use.</summary>
public sealed class OnnxTensor
{
    private OnnxTensor(OnnxElementType elementType, long[] shape, float[]? floats, long[]? longs)
    {
        var expected = shape.Aggregate(1L, (a, d) => d >= 0 ? a * d : throw new ArgumentException($"negative dimension in shape [{string.Join(", ", shape)}]"));
        var length = floats?.Length ?? longs!.Length;
        if (expected != length)
        {
            throw new ArgumentException($"shape [{string.Join(", ", shape)}] holds {expected} elements but the data has {length}");
        }
        ElementType = elementType;
        Shape = shape;
        _floats = floats;
        _longs = longs;
    }

    private readonly float[]? _floats;
    private readonly long[]? _longs;

    public OnnxElementType ElementType { get; }
    public IReadOnlyList<long> Shape { get; }
    public long Length => _floats?.Length ?? _longs!.Length;

    public static OnnxTensor Float(float[] data, params long[] shape) => new(OnnxElementType.Float, shape, data, null);

    public static OnnxTensor Int64(long[] data, params long[] shape) => new(OnnxElementType.Int64, shape, null, data);

    public float[] Floats => _floats ?? throw new InvalidOperationException($"tensor holds {ElementType}, not float");

    public long[] Longs => _longs ?? throw new InvalidOperationException($"tensor holds {ElementType}, not int64");

    internal Array Data => (Array?)_floats ?? _longs!;

    internal int ElementSize => ElementType == OnnxElementType.Float ? sizeof(float) : sizeof(long);

    public override string ToString() => $"{ElementType}[{string.Join(", ", Shape)}]";
}

/// <summary>Name, element type and shape of a model input or output; -1 marks a dynamic axis.</summary>
public sealed record OnnxValueInfo(string Name, OnnxElementType ElementType, IReadOnlyList<long> Shape)
{
    public int RawElementType { get; init; }

    public override string ToString() =>
        $"{Name}: {(ElementType == OnnxElementType.Undefined ? $"type {RawElementType}" : ElementType.ToString())}[{string.Join(", ", Shape.Select(d => d < 0 ? "?" : d.ToString()))}]";
}
