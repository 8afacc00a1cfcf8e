using TutorApp.Domain.Answers;

namespace TutorApp.Domain.Content;

/// <summary>One sub-goal of a problem's solution.</summary>
public sealed class SolutionStep
{
    public int Id { get; set; }
    public int ProblemVersionId { get; set; }
    public ProblemVersion? ProblemVersion { get; set; }

    /// <summary>1-based order of the step within its version.</summary>
    public int Position { get; set; }

    /// <summary>Unique within the version, e.g. "s1"; dependencies, trees and exports refer to steps by key.</summary>
    public required string Key { get; set; }

    public required string Prompt { get; set; }
    /// <summary>Null only in an unfinished draft; publishing requires it.</summary>
    public AnswerSpec? Expected { get; set; }
    public List<StepSkill> Skills { get; set; } = [];
    public List<StepDependency> DependsOn { get; set; } = [];
    public List<Misconception> Misconceptions { get; set; } = [];
    public List<QuestionNode> Questions { get; set; } = [];
}

public sealed class StepSkill
{
    public int StepId { get; set; }
    public int SkillId { get; set; }
    public Skill? Skill { get; set; }
}

/// <summary>The step <see cref="StepId"/> uses the result of <see cref="DependsOnStepId"/>.</summary>
public sealed class StepDependency
{
    public int StepId { get; set; }
    public int DependsOnStepId { get; set; }
    public SolutionStep? DependsOnStep { get; set; }
}

/// <summary>A known wrong way to do a step: how to recognise it and the question that addresses it.</summary>
public sealed class Misconception
{
    public int Id { get; set; }
    public int StepId { get; set; }

    /// <summary>Unique within the step, e.g. "m1"; question nodes refer to it by key in exports.</summary>
    public required string Key { get; set; }

    public required string Description { get; set; }

    /// <summary>Answers that show this misconception.</summary>
    public List<decimal> WrongValues { get; set; } = [];

    /// <summary>Regular expressions (case-insensitive) that recognise it in the student's words.</summary>
    public List<string> Patterns { get; set; } = [];

    public required string RemediationQuestion { get; set; }
}
