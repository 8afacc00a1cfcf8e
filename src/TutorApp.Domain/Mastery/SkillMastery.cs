namespace TutorApp.Domain.Mastery;

/// <summary>A student's current mastery estimate for one skill, kept up to date after every attempt.</summary>
public sealed class SkillMastery
{
    public required string StudentId { get; set; }
    public int SkillId { get; set; }

    /// <summary>P(the skill is known), from the model named in <see cref="Model"/>.</summary>
    public double Probability { get; set; }

    /// <summary>Standard deviation of <see cref="Probability"/>, where the model gives one (PSI-KT).</summary>
    public double? Uncertainty { get; set; }

    /// <summary>When the student last attempted the skill (the time <see cref="Probability"/> refers to for models that forget).</summary>
    public DateTimeOffset LastPractisedAt { get; set; }

    public int Attempts { get; set; }
    public int Correct { get; set; }
    public required string Model { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
