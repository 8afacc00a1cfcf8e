namespace TutorApp.Domain.Mastery;

/// <summary>One step attempt as knowledge tracing sees it: a skill, right or wrong, when.</summary>
public sealed record SkillAttempt(int SkillId, bool Correct, DateTimeOffset At);

/// <summary>
/// Turns a student's attempt history into the probability of mastery per skill. BKT is the always-available
/// baseline; sequence models (CAKT, PSI-KT served as ONNX) implement the same interface.
/// </summary>
public interface IKnowledgeTracer
{
    string Name { get; }

    /// <summary>Mastery per skill id after the whole history (oldest first), for the skills it mentions.</summary>
    IReadOnlyDictionary<int, double> Estimate(IReadOnlyList<SkillAttempt> history);
}
