namespace TutorApp.Domain.Mastery;

/// <summary>A student's current mastery estimate for one skill, kept up to date after every attempt.</summary>
public sealed class SkillMastery
{
    public required string StudentId { get; set; }
    public int SkillId { get; set; }

    /// <summary>P(the skill is known), from the model named in <see cref="Model"/>.</summary>
    public double Probability { get; set; }

    public int Attempts { get; set; }
    public int Correct { get; set; }
    public required string Model { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
