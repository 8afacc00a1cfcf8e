using System.Runtime.InteropServices;

namespace TutorApp.KnowledgeTracing.Onnx;

internal enum OrtHandleKind
{
    Env,
    MemoryInfo,
    Session,
    Value,
    TypeInfo,
    TensorTypeAndShapeInfo,
    SessionOptions,
    CudaProviderOptions,
}

/// <summary>
/// One owned ORT object. A SafeHandle so that the matching Release* runs exactly once, also when an exception or the
/// finalizer gets there first, and never while a P/Invoke-style call is still using it.
/// </summary>
internal sealed unsafe class OrtHandle : SafeHandle
{
    private readonly delegate* unmanaged[Cdecl]<nint, void> _release;

    public OrtHandle(nint handle, OrtHandleKind kind, OrtApi api) : base(0, ownsHandle: true)
    {
        Kind = kind;
        _release = api.ReleaseFunction(kind);
        SetHandle(handle);
    }

    public OrtHandleKind Kind { get; }

    public override bool IsInvalid => handle == 0;

    /// <summary>The raw pointer, for passing to ORT; throws once released so that no call sees a dangling pointer.</summary>
    public nint Pointer
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            return handle;
        }
    }

    protected override bool ReleaseHandle()
    {
        _release(handle);
        return true;
    }
}
