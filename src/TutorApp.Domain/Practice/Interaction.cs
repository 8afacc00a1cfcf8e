namespace TutorApp.Domain.Practice;

/// <summary>One step attempt by a student: the raw event that knowledge tracing learns from.</summary>
public sealed class Interaction
{
    public long Id { get; set; }
    public required string StudentId { get; set; }
    public int StepId { get; set; }
    public int SkillId { get; set; }
    public bool Correct { get; set; }
    public required string AnswerText { get; set; }
    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>Hints the student had received on this step before this attempt.</summary>
    public int HintsUsed { get; set; }

    /// <summary>The tutoring session, when the attempt was made in one.</summary>
    public long? SessionId { get; set; }
}
