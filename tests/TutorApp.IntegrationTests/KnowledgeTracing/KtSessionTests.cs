using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using TutorApp.KnowledgeTracing;
using OnnxRuntimeException = TutorApp.KnowledgeTracing.OnnxRuntimeException;

namespace TutorApp.IntegrationTests.KnowledgeTracing;

/// <summary>Sessions over Microsoft.ML.OnnxRuntime against the real native library and real exported models. The native
/// library missing: <see cref="Faults.NativeLibraryMissingTests"/> (out of process).</summary>
public sealed class KtSessionTests
{
    private static string Fixture(string file) => Path.Combine(KtTestPaths.Fixtures, file);

    [Fact]
    public void The_library_reports_its_version_and_providers()
    {
        Assert.Matches(@"^\d+\.\d+\.\d+", KtSession.RuntimeVersion);
        Assert.Contains("CPUExecutionProvider", OrtEnv.Instance().GetAvailableProviders());
    }

    [Fact]
    public void A_session_describes_its_inputs_and_outputs()
    {
        using var session = KtSession.Open(Fixture("tiny-dkt.onnx"));

        Assert.Equal(["hist_skill", "hist_correct"], session.Inputs.Select(i => i.Name));
        Assert.Equal(TensorElementType.Int64, session.Inputs[0].ElementType);
        Assert.Equal(TensorElementType.Float, session.Inputs[1].ElementType);
        Assert.Equal([-1L, -1L], session.Inputs[0].Shape);
        Assert.Equal("logits", Assert.Single(session.Outputs).Name);
        Assert.Equal([-1L, -1L, 5L], session.Outputs[0].Shape);
        Assert.Equal("cpu", session.Provider);
    }

    [Theory]
    [InlineData("tiny-dkt")]
    [InlineData("tiny-cakt")]
    [InlineData("tiny-psikt")]
    public void Float_and_int64_tensors_go_in_and_the_pytorch_outputs_come_out(string model)
    {
        var parity = ParityFile.Read(Fixture($"{model}.parity.json"));
        using var session = KtSession.Open(Fixture($"{model}.onnx"));

        var outputs = session.Run(parity.Inputs);

        Assert.True(parity.MaxDifference(outputs) < parity.Tolerance, $"max |ORT - PyTorch| = {parity.MaxDifference(outputs)}");
    }

    [Fact]
    public void A_session_from_bytes_with_other_options_gives_the_same_outputs()
    {
        var parity = ParityFile.Read(Fixture("tiny-cakt.parity.json"));
        using var fromFile = KtSession.Open(Fixture("tiny-cakt.onnx"));
        using var fromBytes = KtSession.Open(File.ReadAllBytes(Fixture("tiny-cakt.onnx")), new KtSessionSettings
        {
            IntraOpThreads = 2, InterOpThreads = 2, ParallelExecution = true, Optimization = GraphOptimizationLevel.ORT_DISABLE_ALL, CpuMemoryArena = false,
        });

        var a = fromFile.Run(parity.Inputs)["logits"].Floats;
        var b = fromBytes.Run(parity.Inputs)["logits"].Floats;

        Assert.Equal(a.Length, b.Length);
        Assert.All(a.Zip(b), p => Assert.True(Math.Abs(p.First - p.Second) < 1e-5));
    }

    [Fact]
    public void Only_the_requested_outputs_are_returned()
    {
        var parity = ParityFile.Read(Fixture("tiny-psikt.parity.json"));
        using var session = KtSession.Open(Fixture("tiny-psikt.onnx"));

        var outputs = session.Run(parity.Inputs, ["mastery", "traits"]);

        Assert.Equal(["mastery", "traits"], outputs.Keys.Order());
        Assert.Equal([3L, 4L], outputs["traits"].Shape);
    }

    [Fact]
    public void A_corrupt_model_fails_with_ort_s_message()
    {
        var bytes = File.ReadAllBytes(Fixture("tiny-dkt.onnx"))[..200];
        var path = Path.Combine(Path.GetTempPath(), $"corrupt-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, bytes);
        try
        {
            var fromFile = Assert.Throws<OnnxRuntimeException>(() => KtSession.Open(path));
            var fromBytes = Assert.Throws<OnnxRuntimeException>(() => KtSession.Open(bytes));

            Assert.Contains("CreateSession", fromFile.Message);
            Assert.False(string.IsNullOrWhiteSpace(fromFile.OrtMessage));
            Assert.Contains(fromBytes.OrtMessage, fromBytes.Message);
            Assert.NotEqual("Ok", fromBytes.ErrorCode);
            Assert.Contains(fromBytes.ErrorCode, fromBytes.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Inputs_that_do_not_fit_the_model_are_named_before_ort_sees_them()
    {
        using var session = KtSession.Open(Fixture("tiny-dkt.onnx"));
        var skills = KtTensor.Int64([0, 1, 2], 1, 3);
        var correct = KtTensor.Float([1, 0, 1], 1, 3);

        var wrongType = Assert.Throws<ArgumentException>(() => session.Run(new Dictionary<string, KtTensor>
            { ["hist_skill"] = correct, ["hist_correct"] = correct }));
        var wrongName = Assert.Throws<ArgumentException>(() => session.Run(new Dictionary<string, KtTensor>
            { ["skills"] = skills, ["hist_correct"] = correct }));
        var missing = Assert.Throws<ArgumentException>(() => session.Run(new Dictionary<string, KtTensor> { ["hist_skill"] = skills }));
        var wrongRank = Assert.Throws<ArgumentException>(() => session.Run(new Dictionary<string, KtTensor>
            { ["hist_skill"] = KtTensor.Int64([0, 1, 2], 3), ["hist_correct"] = correct }));

        Assert.Contains("hist_skill", wrongType.Message);
        Assert.Contains("skills", wrongName.Message);
        Assert.Contains("hist_correct", missing.Message.Replace("not given: hist_correct", "hist_correct"));
        Assert.Contains("shape", wrongRank.Message);
    }

    [Fact]
    public void An_index_ort_rejects_at_run_time_comes_back_as_ort_s_message()
    {
        using var session = KtSession.Open(Fixture("tiny-dkt.onnx"));

        var e = Assert.Throws<OnnxRuntimeException>(() => session.Run(new Dictionary<string, KtTensor>
        {
            ["hist_skill"] = KtTensor.Int64([0, 99], 1, 2),
            ["hist_correct"] = KtTensor.Float([1, 0], 1, 2),
        }));

        Assert.Contains("Run", e.Message);
        Assert.False(string.IsNullOrWhiteSpace(e.OrtMessage));
    }

    [Fact]
    public void A_disposed_session_refuses_to_run_and_disposing_twice_is_harmless()
    {
        var parity = ParityFile.Read(Fixture("tiny-dkt.parity.json"));
        var session = KtSession.Open(Fixture("tiny-dkt.onnx"));
        session.Dispose();
        session.Dispose();

        Assert.Throws<ObjectDisposedException>(() => session.Run(parity.Inputs));
    }

    [Fact]
    public void Cuda_where_it_cannot_be_used_falls_back_to_cpu_with_one_warning_per_model()
    {
        // This build has ONNX Runtime's CPU package (and no machine here has a GPU): CUDA can never be appended.
        var logger = new ListLogger();

        using var model = KtModel.Load(Fixture("tiny-cakt.card.json"), new KtSessionSettings { Cuda = true }, logger);

        Assert.Equal("cpu", model.Provider);
        Assert.Equal("cpu", model.StepSession!.Provider);
        var warning = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("CUDA", warning.Message);
        Assert.Contains("CPU", warning.Message);
        Assert.Contains("tiny-cakt", warning.Message);
        var parity = ParityFile.Read(Fixture("tiny-cakt.parity.json"));
        Assert.True(parity.MaxDifference(model.Session.Run(parity.Inputs)) < parity.Tolerance);
    }
}

internal sealed class ListLogger : ILogger
{
    public List<(LogLevel Level, string Message)> Entries { get; } = [];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Entries)
        {
            Entries.Add((logLevel, formatter(state, exception)));
        }
    }
}
