using System.Text.RegularExpressions;

namespace TutorApp.KnowledgeTracing;

/// <summary>ONNX Runtime said no: <see cref="Exception.Message"/> names the operation and ORT's error code,
/// <see cref="OrtMessage"/> is ORT's own message.</summary>
public sealed partial class OnnxRuntimeException : Exception
{
    /// <summary>From Microsoft.ML.OnnxRuntime's exception, whose message is "[ErrorCode:Name] ORT's message".</summary>
    internal OnnxRuntimeException(string operation, Microsoft.ML.OnnxRuntime.OnnxRuntimeException ort)
        : this(operation, OrtFormat().Match(ort.Message) is { Success: true } m ? (m.Groups[1].Value, m.Groups[2].Value) : ("Fail", ort.Message), ort)
    {
    }

    private OnnxRuntimeException(string operation, (string Code, string Message) ort, Exception inner)
        : base($"ONNX Runtime {operation} failed ({ort.Code}): {ort.Message}", inner)
    {
        ErrorCode = ort.Code;
        OrtMessage = ort.Message;
    }

    public OnnxRuntimeException(string message, Exception? inner = null) : base(message, inner)
    {
        ErrorCode = "Fail";
        OrtMessage = message;
    }

    /// <summary>ORT's error code by name ("InvalidProtobuf", "InvalidArgument", ...).</summary>
    public string ErrorCode { get; }

    /// <summary>The message exactly as ORT wrote it.</summary>
    public string OrtMessage { get; }

    /// <summary>libonnxruntime.so itself could not be loaded: no session of any kind can be made in this process.</summary>
    public bool NativeLibraryMissing { get; init; }

    [GeneratedRegex(@"^\[ErrorCode:(\w+)\] (.*)$", RegexOptions.Singleline)]
    private static partial Regex OrtFormat();
}
