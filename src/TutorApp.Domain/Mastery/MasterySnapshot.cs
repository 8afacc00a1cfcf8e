namespace TutorApp.Domain.Mastery;

/// <summary>A student's mastery of one skill right after one interaction on it: the points of a mastery trajectory.</summary>
public sealed class MasterySnapshot
{
    public long Id { get; set; }
    public required string StudentId { get; set; }
    public int SkillId { get; set; }
    public long InteractionId { get; set; }

    /// <summary>Whether the answer that moved the mastery here was right.</summary>
    public bool Correct { get; set; }

    public double Probability { get; set; }
    public double? Uncertainty { get; set; }
    public required string Model { get; set; }

    /// <summary>When the interaction happened.</summary>
    public DateTimeOffset TakenAt { get; set; }
}
