namespace TutorApp.Domain.Problems;

/// <summary>A knowledge component: the unit that mastery is tracked for.</summary>
public sealed class Skill
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
}
