namespace TutorApp.Domain.Content;

/// <summary>A knowledge component: the unit mastery is tracked for. Skills form a tree (parent) and a prerequisite DAG.</summary>
public sealed class Skill
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public int? ParentId { get; set; }
    public Skill? Parent { get; set; }

    /// <summary>The skills that should be mastered before this one.</summary>
    public List<SkillPrerequisite> Prerequisites { get; set; } = [];
}

public sealed class SkillPrerequisite
{
    public int SkillId { get; set; }
    public int PrerequisiteId { get; set; }
    public Skill? Prerequisite { get; set; }
}
