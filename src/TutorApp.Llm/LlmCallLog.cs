namespace TutorApp.Llm;

/// <summary>One call to a model, as the call log keeps it: no prompt or reply text, no student data beyond the session id.</summary>
/// <param name="Purpose">What the call was for: "turn", "simulate", "suggest", "test".</param>
/// <param name="Outcome">What became of the reply: "accepted", "rejected: leak", "failed: timeout", ...</param>
/// <param name="Detail">Why, in a few words (the guard's reason, the validation counts); never student text.</param>
public sealed record LlmCallRecord(
    DateTimeOffset At,
    string Purpose,
    string Model,
    long? SessionId,
    int LatencyMs,
    int? InputTokens,
    int? OutputTokens,
    string Outcome,
    string? Detail);

/// <summary>Where LLM calls are recorded. Must not block or throw: it is called on the tutoring hot path.</summary>
public interface ILlmCallLog
{
    void Record(LlmCallRecord call);
}
