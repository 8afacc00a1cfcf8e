using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace TutorApp.Tutoring;

/// <summary>
/// Instruments for the optional LLM tutor: every call to a model (what it was for, how it ended, how long it took,
/// tokens used). Exposed with the app's other metrics at /metrics.
/// </summary>
public sealed class LlmMetrics
{
    public const string MeterName = "TutorApp.Llm";

    private readonly Counter<long> _calls;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _tokens;

    public LlmMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _calls = meter.CreateCounter<long>("tutor.llm.calls", "{call}", "Calls to a language model, by purpose and outcome.");
        _duration = meter.CreateHistogram("tutor.llm.call.duration", "s", "Time from request to complete response of a language-model call.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60] });
        _tokens = meter.CreateCounter<long>("tutor.llm.tokens", "{token}", "Tokens sent to and received from language models.");
    }

    /// <param name="purpose">What the call was for, e.g. "realize" (phrase the tutor move) or "simulate" (the student simulator).</param>
    /// <param name="outcome">"ok", "error", "timeout" or "rejected" (the answer failed a check).</param>
    public void RecordCall(string purpose, string outcome, TimeSpan duration)
    {
        var tags = new TagList { { "purpose", purpose }, { "outcome", outcome } };
        _calls.Add(1, tags);
        _duration.Record(duration.TotalSeconds, tags);
    }

    public void RecordTokens(string purpose, long input, long output)
    {
        _tokens.Add(input, new TagList { { "purpose", purpose }, { "direction", "input" } });
        _tokens.Add(output, new TagList { { "purpose", purpose }, { "direction", "output" } });
    }
}
