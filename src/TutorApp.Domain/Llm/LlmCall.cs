namespace TutorApp.Domain.Llm;

/// <summary>One call to an LLM as the call log keeps it: cost and outcome, never prompt or reply text.</summary>
public sealed class LlmCall
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>"turn", "simulate", "suggest" or "test".</summary>
    public required string Purpose { get; set; }

    public required string Model { get; set; }

    /// <summary>The tutoring session the call served, if any: the only link to a student.</summary>
    public long? SessionId { get; set; }

    public int LatencyMs { get; set; }
    public int? InputTokens { get; set; }
    public int? OutputTokens { get; set; }

    /// <summary>"accepted", "rejected", "failed", "unvalidated", "attempt" (a simulated student's reply), "ok".</summary>
    public required string Outcome { get; set; }

    /// <summary>Why: the guard's reason, the validation counts, the error.</summary>
    public string? Detail { get; set; }
}
