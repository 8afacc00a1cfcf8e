using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using Perfolizer.Mathematics.OutlierDetection;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;
using Perfolizer.Metrology;
using TutorApp.Domain.Mastery;
using TutorApp.KnowledgeTracing;

namespace TutorApp.Benchmarks;

/// <summary>
/// Latency of one call, not a mean over many: every measurement is a single invocation, so the P50 and P99 columns are
/// percentiles of per-call times (what a student waits for), slow outliers kept. The full JSON export keeps the raw measurements for the
/// Python baseline's ratio (src/kt-training/kt_training/bench.py --dotnet). In process: the generated stand-alone project
/// cannot restore the web app's framework packages from the package mirror.
/// </summary>
public class PerCallConfig : ManualConfig
{
    public PerCallConfig() : this(warmups: 10, iterations: 300)
    {
    }

    protected PerCallConfig(int warmups, int iterations)
    {
        AddJob(Job.Default.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true)).WithInvocationCount(1).WithUnrollFactor(1)
            .WithOutlierMode(OutlierMode.DontRemove).WithWarmupCount(warmups).WithIterationCount(iterations)
            .WithId($"PerCall{iterations}"));
        AddColumn(StatisticColumn.P50, new PerCallPercentileColumn(99), StatisticColumn.Max);
        AddExporter(JsonExporter.Full);
    }
}

/// <summary>A batch of 256 takes up to seconds: fewer calls.</summary>
public sealed class BatchConfig() : PerCallConfig(warmups: 2, iterations: 20);

/// <summary>A percentile BenchmarkDotNet has no predefined column for (it has P0, P25, P50, ... P95, P100).</summary>
public sealed class PerCallPercentileColumn(int percentile) : IColumn
{
    public string Id => $"P{percentile}";
    public string ColumnName => $"P{percentile}";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Statistics;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Time;
    public string Legend => $"{percentile}th percentile of the measurements (of single calls under PerCallConfig)";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var statistics = summary[benchmarkCase]?.ResultStatistics;
        return statistics is null ? "NA" : TimeInterval.FromNanoseconds(statistics.Percentiles.Percentile(percentile))
            .ToString(style.TimeUnit, "N1", style.CultureInfo, UnitPresentation.FromVisibility(style.PrintUnitsInContent));
    }
}

/// <summary>
/// ONNX inference of each shipped model through Microsoft.ML.OnnxRuntime, on one intra-op thread (the served setting):
/// one student's whole history (50 and 200 interactions, the path of a mastery read) and one incremental update after
/// 50 interactions through <see cref="OnnxKnowledgeTracer.Update"/> (DKT and CAKT: their step models; PSI-KT: the
/// window read again). Inputs: <see cref="KtInputs"/>.
/// </summary>
[Config(typeof(PerCallConfig))]
public class KtInferenceBenchmarks
{
    private OnnxKnowledgeTracer _tracer = default!;
    private KtWindow _history50 = default!;
    private KtWindow _history200 = default!;
    private KnowledgeState _after50 = default!;
    private SkillAttempt _next = default!;

    [Params("dkt-assist2009", "cakt-assist2009", "psikt-assist2009")]
    public string Model { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _tracer = OnnxKnowledgeTracer.For(KtInputs.LoadShipped(Model));
        var learner = KtInputs.LongLearner;
        _history50 = KtInputs.Window(_tracer.Model, learner, 50);
        _history200 = KtInputs.Window(_tracer.Model, learner, 200);
        var attempts = KtInputs.Attempts(learner, 51);
        _after50 = attempts.Take(50).Aggregate(KnowledgeState.Empty, _tracer.Update);
        _next = attempts[50];
    }

    [GlobalCleanup]
    public void Cleanup() => _tracer.Dispose();

    [Benchmark]
    public KtPrediction OneStudent50() => _tracer.Model.Predict(_history50, []);

    [Benchmark]
    public KtPrediction OneStudent200() => _tracer.Model.Predict(_history200, []);

    [Benchmark]
    public KnowledgeState StepUpdate() => _tracer.Update(_after50, _next);
}

/// <summary>256 students × 50 interactions in one run (next-step probabilities of every position, as in evaluation);
/// divide by 256 for the time per student.</summary>
[Config(typeof(BatchConfig))]
public class KtBatchBenchmarks
{
    private KtModel _model = default!;
    private List<KtWindow> _batch = default!;

    [Params("dkt-assist2009", "cakt-assist2009", "psikt-assist2009")]
    public string Model { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _model = KtInputs.LoadShipped(Model);
        _batch = KtInputs.BatchLearners.Select(s => KtInputs.Window(_model, s, KtInputs.BatchLength)).ToList();
    }

    [GlobalCleanup]
    public void Cleanup() => _model.Dispose();

    [Benchmark]
    public float[][] Batch256x50() => _model.PredictNextSteps(_batch);
}

/// <summary>BKT, the fallback tracer: one answer's update, with fitted-looking parameters, after 50 interactions.</summary>
[MemoryDiagnoser]
[Config(typeof(BktConfig))]
public class BktUpdateBenchmarks
{
    private readonly BktTracer _tracer = new();
    private KnowledgeState _after50 = default!;
    private SkillAttempt _next = default!;

    [GlobalSetup]
    public void Setup()
    {
        var attempts = KtInputs.Attempts(KtInputs.LongLearner, 51);
        _after50 = attempts.Take(50).Aggregate(KnowledgeState.Empty, _tracer.Update);
        _next = attempts[50];
    }

    [Benchmark]
    public KnowledgeState BktUpdate() => _tracer.Update(_after50, _next);
}

/// <summary>BKT's update takes well under a microsecond: a per-call timer would measure itself, so these percentiles
/// are over iterations of many calls each.</summary>
public sealed class BktConfig : ManualConfig
{
    public BktConfig()
    {
        AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance));
        AddColumn(StatisticColumn.P50, new PerCallPercentileColumn(99));
        AddExporter(JsonExporter.Full);
    }
}
