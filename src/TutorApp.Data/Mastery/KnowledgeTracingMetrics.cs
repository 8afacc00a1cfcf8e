using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace TutorApp.Data.Mastery;

/// <summary>How long the knowledge tracer takes to re-estimate mastery after a turn (BKT or an ONNX model alike).</summary>
public sealed class KnowledgeTracingMetrics
{
    public const string MeterName = "TutorApp.KnowledgeTracing";

    private readonly Histogram<double> _inference;

    public KnowledgeTracingMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _inference = meter.CreateHistogram("tutor.kt.inference.duration", "s", "Time to update a student's mastery with a turn's new interactions.",
            advice: new InstrumentAdvice<double>
            {
                HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
            });
    }

    public void RecordInference(string model, long startTimestamp) =>
        _inference.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, new KeyValuePair<string, object?>("model", model));
}
