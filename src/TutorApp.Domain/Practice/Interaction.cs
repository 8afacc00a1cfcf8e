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
}
