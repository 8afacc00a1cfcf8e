using System.Collections.Concurrent;
using TutorApp.Llm;

namespace TutorApp.Cli.Evaluation;

/// <summary>
/// The harness's LLM call log: it counts calls by purpose and outcome, so a run of the LLM policy says how often the
/// model's words were used and how often the offline tutor stepped in, and prints the tally when the host stops.
/// </summary>
public sealed class LlmCallTally(TextWriter log) : ILlmCallLog, IDisposable
{
    private readonly ConcurrentDictionary<(string Purpose, string Outcome), int> _counts = new();

    public void Record(LlmCallRecord call) => _counts.AddOrUpdate((call.Purpose, call.Outcome), 1, (_, count) => count + 1);

    public void Dispose()
    {
        foreach (var ((purpose, outcome), count) in _counts.OrderBy(c => c.Key.Purpose).ThenByDescending(c => c.Value))
        {
            log.WriteLine($"llm {purpose}: {outcome} × {count}");
        }
    }
}
