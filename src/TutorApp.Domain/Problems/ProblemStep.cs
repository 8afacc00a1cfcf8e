namespace TutorApp.Domain.Problems;

/// <summary>One sub-goal of a problem, answered with a number.</summary>
public sealed class ProblemStep
{
    public int Id { get; set; }
    public int ProblemId { get; set; }
    public Problem? Problem { get; set; }

    /// <summary>1-based order of the step within its problem.</summary>
    public int Position { get; set; }

    public required string Prompt { get; set; }
    public decimal ExpectedValue { get; set; }

    /// <summary>Largest absolute difference from <see cref="ExpectedValue"/> still accepted as correct.</summary>
    public decimal Tolerance { get; set; }

    public int SkillId { get; set; }
    public Skill? Skill { get; set; }

    public bool Accepts(decimal value) => Math.Abs(value - ExpectedValue) <= Tolerance;
}
