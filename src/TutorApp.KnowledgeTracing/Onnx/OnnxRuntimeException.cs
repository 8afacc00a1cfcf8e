namespace TutorApp.KnowledgeTracing.Onnx;

/// <summary>ONNX Runtime said no: <see cref="Exception.Message"/> is ORT's own message, <see cref="ErrorCode"/> its OrtErrorCode.</summary>
public sealed class OnnxRuntimeException : Exception
{
    public OnnxRuntimeException(int errorCode, string message, string operation)
        : base($"ONNX Runtime {operation} failed ({CodeName(errorCode)}): {message}")
    {
        ErrorCode = errorCode;
        OrtMessage = message;
    }

    public OnnxRuntimeException(string message, Exception? inner = null) : base(message, inner)
    {
        ErrorCode = -1;
        OrtMessage = message;
    }

    public int ErrorCode { get; }

    /// <summary>The message exactly as ORT wrote it.</summary>
    public string OrtMessage { get; }

    // OrtErrorCode in onnxruntime_c_api.h, in declaration order.
    private static string CodeName(int code) => code switch
    {
        0 => "OK",
        1 => "FAIL",
        2 => "INVALID_ARGUMENT",
        3 => "NO_SUCHFILE",
        4 => "NO_MODEL",
        5 => "ENGINE_ERROR",
        6 => "RUNTIME_EXCEPTION",
        7 => "INVALID_PROTOBUF",
        8 => "MODEL_LOADED",
        9 => "NOT_IMPLEMENTED",
        10 => "INVALID_GRAPH",
        11 => "EP_FAIL",
        _ => $"code {code}",
    };
}
