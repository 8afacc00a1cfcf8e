using Microsoft.Extensions.Logging;
using TutorApp.KnowledgeTracing.Onnx;

namespace TutorApp.IntegrationTests.KnowledgeTracing;

/// <summary>The own ONNX Runtime binding against the real native library and real exported models.</summary>
public sealed class OnnxBindingTests
{
    private static readonly OnnxRuntime Runtime = OnnxRuntime.Load(KtTestPaths.OnnxRuntimeDirectory);

    private static string Fixture(string file) => Path.Combine(KtTestPaths.Fixtures, file);

    [Fact]
    public void The_library_reports_its_version_and_providers()
    {
        Assert.Matches(@"^\d+\.\d+\.\d+", Runtime.Version);
        Assert.Contains("CPUExecutionProvider", Runtime.AvailableProviders);
        Assert.Same(Runtime, OnnxRuntime.Load(KtTestPaths.OnnxRuntimeDirectory));
    }

    [Fact]
    public void A_session_describes_its_inputs_and_outputs()
    {
        using var session = Runtime.CreateSession(Fixture("tiny-dkt.onnx"));

        Assert.Equal(["hist_skill", "hist_correct"], session.Inputs.Select(i => i.Name));
        Assert.Equal(OnnxElementType.Int64, session.Inputs[0].ElementType);
        Assert.Equal(OnnxElementType.Float, session.Inputs[1].ElementType);
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
        using var session = Runtime.CreateSession(Fixture($"{model}.onnx"));

        var outputs = session.Run(parity.Inputs);

        Assert.True(parity.MaxDifference(outputs) < parity.Tolerance, $"max |ORT - PyTorch| = {parity.MaxDifference(outputs)}");
    }

    [Fact]
    public void A_session_from_bytes_with_other_options_gives_the_same_outputs()
    {
        var parity = ParityFile.Read(Fixture("tiny-cakt.parity.json"));
        using var fromFile = Runtime.CreateSession(Fixture("tiny-cakt.onnx"));
        using var fromBytes = Runtime.CreateSession(File.ReadAllBytes(Fixture("tiny-cakt.onnx")), new OnnxSessionSettings
        {
            IntraOpThreads = 2, InterOpThreads = 2, ParallelExecution = true, Optimization = GraphOptimization.None, CpuMemoryArena = false,
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
        using var session = Runtime.CreateSession(Fixture("tiny-psikt.onnx"));

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
            var fromFile = Assert.Throws<OnnxRuntimeException>(() => Runtime.CreateSession(path));
            var fromBytes = Assert.Throws<OnnxRuntimeException>(() => Runtime.CreateSession(bytes));

            Assert.Contains("CreateSession", fromFile.Message);
            Assert.False(string.IsNullOrWhiteSpace(fromFile.OrtMessage));
            Assert.Contains(fromBytes.OrtMessage, fromBytes.Message);
            Assert.NotEqual(0, fromBytes.ErrorCode);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_status_from_ort_becomes_an_exception_with_its_code_and_message()
    {
        var status = Runtime.Api.CreateStatus(2, "bad thing happened");

        var e = Assert.Throws<OnnxRuntimeException>(() => Runtime.Api.Check(status, "Test"));

        Assert.Equal(2, e.ErrorCode);
        Assert.Equal("bad thing happened", e.OrtMessage);
        Assert.Contains("INVALID_ARGUMENT", e.Message);
    }

    [Fact]
    public void Inputs_that_do_not_fit_the_model_are_named_before_ort_sees_them()
    {
        using var session = Runtime.CreateSession(Fixture("tiny-dkt.onnx"));
        var skills = OnnxTensor.Int64([0, 1, 2], 1, 3);
        var correct = OnnxTensor.Float([1, 0, 1], 1, 3);

        var wrongType = Assert.Throws<ArgumentException>(() => session.Run(new Dictionary<string, OnnxTensor>
            { ["hist_skill"] = correct, ["hist_correct"] = correct }));
        var wrongName = Assert.Throws<ArgumentException>(() => session.Run(new Dictionary<string, OnnxTensor>
            { ["skills"] = skills, ["hist_correct"] = correct }));
        var missing = Assert.Throws<ArgumentException>(() => session.Run(new Dictionary<string, OnnxTensor> { ["hist_skill"] = skills }));
        var wrongRank = Assert.Throws<ArgumentException>(() => session.Run(new Dictionary<string, OnnxTensor>
            { ["hist_skill"] = OnnxTensor.Int64([0, 1, 2], 3), ["hist_correct"] = correct }));

        Assert.Contains("hist_skill", wrongType.Message);
        Assert.Contains("skills", wrongName.Message);
        Assert.Contains("hist_correct", missing.Message.Replace("not given: hist_correct", "hist_correct"));
        Assert.Contains("shape", wrongRank.Message);
    }

    [Fact]
    public void An_index_ort_rejects_at_run_time_comes_back_as_ort_s_message()
    {
        using var session = Runtime.CreateSession(Fixture("tiny-dkt.onnx"));

        var e = Assert.Throws<OnnxRuntimeException>(() => session.Run(new Dictionary<string, OnnxTensor>
        {
            ["hist_skill"] = OnnxTensor.Int64([0, 99], 1, 2),
            ["hist_correct"] = OnnxTensor.Float([1, 0], 1, 2),
        }));

        Assert.Contains("Run", e.Message);
        Assert.False(string.IsNullOrWhiteSpace(e.OrtMessage));
    }

    [Fact]
    public void A_disposed_session_refuses_to_run_and_disposing_twice_is_harmless()
    {
        var parity = ParityFile.Read(Fixture("tiny-dkt.parity.json"));
        var session = Runtime.CreateSession(Fixture("tiny-dkt.onnx"));
        session.Dispose();
        session.Dispose();

        Assert.Throws<ObjectDisposedException>(() => session.Run(parity.Inputs));
    }

    [Fact]
    public void A_missing_native_library_is_a_clear_error()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"no-ort-{Guid.NewGuid():N}");

        var e = Assert.Throws<OnnxRuntimeException>(() => OnnxRuntime.Load(dir));

        Assert.Contains("not found", e.Message);
        Assert.Contains("OnnxRuntimeDirectory", e.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_library_is_a_clear_error()
    {
        var dir = Directory.CreateTempSubdirectory("fake-ort").FullName;
        File.WriteAllText(Path.Combine(dir, OnnxRuntime.LibraryFileName), "not a shared object");

        var e = Assert.Throws<OnnxRuntimeException>(() => OnnxRuntime.Load(dir));

        Assert.Contains("could not be loaded", e.Message);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void Cuda_without_its_provider_libraries_falls_back_to_cpu_with_one_warning()
    {
        // A second path to the same library gives a runtime of its own, with its own logger and warn-once flag.
        var dir = Directory.CreateTempSubdirectory("ort-link").FullName;
        File.CreateSymbolicLink(Path.Combine(dir, OnnxRuntime.LibraryFileName), Path.Combine(KtTestPaths.OnnxRuntimeDirectory, OnnxRuntime.LibraryFileName));
        var logger = new ListLogger();
        var runtime = OnnxRuntime.Load(dir, logger);
        var settings = new OnnxSessionSettings { Provider = ExecutionProvider.Cuda };

        using var first = runtime.CreateSession(Fixture("tiny-dkt.onnx"), settings);
        using var second = runtime.CreateSession(Fixture("tiny-dkt.onnx"), settings);

        // This test runs where ORT's CUDA provider libraries are absent (the npm build ships none).
        Assert.Equal("cpu", first.Provider);
        Assert.Equal("cpu", second.Provider);
        var warning = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("CUDA", warning.Message);
        Assert.Contains("CPU", warning.Message);
        var parity = ParityFile.Read(Fixture("tiny-dkt.parity.json"));
        Assert.True(parity.MaxDifference(first.Run(parity.Inputs)) < parity.Tolerance);
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
