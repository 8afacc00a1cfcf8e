using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace TutorApp.Data.Tutoring;

/// <summary>Tutoring instruments: sessions started and solved, turns by intent, and the time one whole turn takes.</summary>
public sealed class TutoringTelemetry
{
    public const string SourceName = "TutorApp.Tutoring";

    /// <summary>Spans for tutoring turns, children of the request's span (the web app exports them when Telemetry:OtlpEndpoint is set).</summary>
    public static readonly ActivitySource Source = new(SourceName);

    private readonly Counter<long> _sessionsStarted;
    private readonly Counter<long> _sessionsSolved;
    private readonly Counter<long> _turns;
    private readonly Histogram<double> _turnDuration;

    public TutoringTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(SourceName);
        _sessionsStarted = meter.CreateCounter<long>("tutor.tutoring.sessions.started", "{session}", "Tutoring sessions started.");
        _sessionsSolved = meter.CreateCounter<long>("tutor.tutoring.sessions.solved", "{session}", "Tutoring sessions in which the student solved the problem.");
        _turns = meter.CreateCounter<long>("tutor.tutoring.turns", "{turn}", "Student messages answered by the tutor, by the intent recognised in them.");
        _turnDuration = meter.CreateHistogram("tutor.tutoring.turn.duration", "s",
            "Time to answer one student message: evaluate, plan, realize, guard, store and update mastery.",
            advice: new InstrumentAdvice<double>
            {
                HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 10],
            });
    }

    public void SessionStarted() => _sessionsStarted.Add(1);

    public void TurnCompleted(string intent, bool solved, long startTimestamp)
    {
        var tag = new KeyValuePair<string, object?>("intent", intent);
        _turns.Add(1, tag);
        _turnDuration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, tag);
        if (solved)
        {
            _sessionsSolved.Add(1);
        }
    }
}
