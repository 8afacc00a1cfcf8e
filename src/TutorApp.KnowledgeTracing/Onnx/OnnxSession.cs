using System.Runtime.InteropServices;

namespace TutorApp.KnowledgeTracing.Onnx;

/// <summary>A loaded model. Thread-safe for <see cref="Run"/> (ORT sessions allow concurrent runs).</summary>
public sealed unsafe class OnnxSession : IDisposable
{
    private readonly OnnxRuntime _runtime;
    private readonly OrtHandle _session;
    private readonly Utf8Array _inputNames;
    private readonly Utf8Array _outputNames;
    private int _disposed;

    internal OnnxSession(OnnxRuntime runtime, OrtHandle session, string provider)
    {
        _runtime = runtime;
        _session = session;
        Provider = provider;
        try
        {
            Inputs = Describe(input: true);
            Outputs = Describe(input: false);
        }
        catch
        {
            session.Dispose();
            throw;
        }
        _inputNames = new Utf8Array(Inputs.Select(i => i.Name));
        _outputNames = new Utf8Array(Outputs.Select(o => o.Name));
    }

    /// <summary>The execution provider actually in use: "cpu", or "cuda" when the CUDA provider was appended.</summary>
    public string Provider { get; }

    public IReadOnlyList<OnnxValueInfo> Inputs { get; }
    public IReadOnlyList<OnnxValueInfo> Outputs { get; }

    private List<OnnxValueInfo> Describe(bool input)
    {
        var api = _runtime.Api;
        var count = api.GetCount(_session, input);
        var result = new List<OnnxValueInfo>(count);
        for (var i = 0; i < count; i++)
        {
            var name = api.GetName(_session, input, i);
            var (type, shape) = api.GetTypeAndShape(_session, input, i);
            var known = type is (int)OnnxElementType.Float or (int)OnnxElementType.Int64 ? (OnnxElementType)type : OnnxElementType.Undefined;
            result.Add(new OnnxValueInfo(name, known, shape) { RawElementType = type });
        }
        return result;
    }

    /// <summary>Runs the model on <paramref name="inputs"/> (every model input, by name) and returns the requested
    /// outputs (all when <paramref name="outputNames"/> is null), copied into managed tensors.</summary>
    public IReadOnlyDictionary<string, OnnxTensor> Run(IReadOnlyDictionary<string, OnnxTensor> inputs, IReadOnlyList<string>? outputNames = null)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var api = _runtime.Api;
        var inputIndexes = new int[inputs.Count];
        var inputTensors = new OnnxTensor[inputs.Count];
        var n = 0;
        foreach (var (name, tensor) in inputs)
        {
            var index = IndexOf(Inputs, name, "input");
            Validate(Inputs[index], tensor);
            inputIndexes[n] = index;
            inputTensors[n++] = tensor;
        }
        var missing = Inputs.Where(i => !inputs.ContainsKey(i.Name)).Select(i => i.Name).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"model input(s) not given: {string.Join(", ", missing)}");
        }
        var outputIndexes = (outputNames ?? Outputs.Select(o => o.Name).ToList()).Select(o => IndexOf(Outputs, o, "output")).ToArray();

        var pins = new GCHandle[inputTensors.Length];
        var values = new OrtHandle?[inputTensors.Length];
        var outputs = new nint[outputIndexes.Length];
        var addedRef = false;
        try
        {
            _session.DangerousAddRef(ref addedRef);
            for (var i = 0; i < inputTensors.Length; i++)
            {
                var t = inputTensors[i];
                pins[i] = GCHandle.Alloc(t.Data, GCHandleType.Pinned);
                values[i] = api.CreateTensor(_runtime.MemoryInfo, (void*)pins[i].AddrOfPinnedObject(), t.Length * t.ElementSize,
                    t.Shape.ToArray(), (int)t.ElementType);
            }
            api.Run(_session,
                inputIndexes.Select(i => _inputNames[i]).ToArray(),
                values.Select(v => v!.Pointer).ToArray(),
                outputIndexes.Select(i => _outputNames[i]).ToArray(),
                outputs);
            var result = new Dictionary<string, OnnxTensor>(outputIndexes.Length, StringComparer.Ordinal);
            for (var i = 0; i < outputs.Length; i++)
            {
                result[Outputs[outputIndexes[i]].Name] = Copy(outputs[i], Outputs[outputIndexes[i]].Name);
            }
            return result;
        }
        finally
        {
            var release = api.ReleaseFunction(OrtHandleKind.Value);
            foreach (var output in outputs.Where(o => o != 0))
            {
                release(output);
            }
            foreach (var value in values)
            {
                value?.Dispose();
            }
            foreach (var pin in pins.Where(p => p.IsAllocated))
            {
                pin.Free();
            }
            if (addedRef)
            {
                _session.DangerousRelease();
            }
        }
    }

    private OnnxTensor Copy(nint value, string name)
    {
        var api = _runtime.Api;
        if (!api.IsTensor(value))
        {
            throw new OnnxRuntimeException($"output {name} is not a tensor; only tensor outputs are supported");
        }
        var (type, shape, count) = api.GetValueTypeAndShape(value);
        var data = api.GetTensorData(value);
        switch (type)
        {
            case (int)OnnxElementType.Float:
                var floats = new float[count];
                new ReadOnlySpan<float>(data, checked((int)count)).CopyTo(floats);
                return OnnxTensor.Float(floats, shape);
            case (int)OnnxElementType.Int64:
                var longs = new long[count];
                new ReadOnlySpan<long>(data, checked((int)count)).CopyTo(longs);
                return OnnxTensor.Int64(longs, shape);
            default:
                throw new OnnxRuntimeException($"output {name} has element type {type}; only float32 and int64 are supported");
        }
    }

    private static int IndexOf(IReadOnlyList<OnnxValueInfo> infos, string name, string what)
    {
        for (var i = 0; i < infos.Count; i++)
        {
            if (infos[i].Name == name)
            {
                return i;
            }
        }
        throw new ArgumentException($"the model has no {what} named '{name}' (it has: {string.Join(", ", infos.Select(x => x.Name))})");
    }

    private static void Validate(OnnxValueInfo info, OnnxTensor tensor)
    {
        if (info.ElementType != tensor.ElementType)
        {
            throw new ArgumentException($"input {info.Name} expects {info} but was given {tensor}");
        }
        if (info.Shape.Count != tensor.Shape.Count ||
            info.Shape.Zip(tensor.Shape).Any(p => p.First >= 0 && p.First != p.Second))
        {
            throw new ArgumentException($"input {info.Name} expects shape {info} but was given {tensor}");
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _session.Dispose();
        _inputNames.Dispose();
        _outputNames.Dispose();
    }
}
