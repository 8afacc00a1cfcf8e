using TutorApp.Domain.Content;

namespace TutorApp.Web.Components.Admin.Editor;

/// <summary>One step of the problem being edited, with its misconceptions and its question tree.</summary>
public sealed class StepModel
{
    /// <summary>Fixed once created: dependencies and question nodes refer to the step by this key.</summary>
    public required string Key { get; init; }

    public string Prompt { get; set; } = "";

    /// <summary>Null while the author has not said what the step asks for (publishing requires it).</summary>
    public AnswerSpecModel? Expected { get; set; }

    public List<string> Skills { get; set; } = [];
    public List<string> DependsOn { get; set; } = [];
    public List<MisconceptionModel> Misconceptions { get; } = [];

    /// <summary>Normally one root question; more (or none) only while the author is working on it.</summary>
    public List<QuestionNodeModel> Roots { get; } = [];

    /// <summary>Every node of the step's tree, depth-first in sibling order (parents before their children).</summary>
    public IEnumerable<QuestionNodeModel> Nodes => Roots.SelectMany(r => r.SelfAndDescendants);
}

/// <summary>A known wrong way to do a step.</summary>
public sealed class MisconceptionModel
{
    /// <summary>Fixed once created: question nodes refer to the misconception by this key.</summary>
    public required string Key { get; init; }

    public string Description { get; set; } = "";
    public List<decimal> WrongValues { get; set; } = [];
    public List<string> Patterns { get; set; } = [];
    public string RemediationQuestion { get; set; } = "";
}

/// <summary>One Socratic question in a step's tree.</summary>
public sealed class QuestionNodeModel
{
    /// <summary>Unique within the version, e.g. "s1.q2".</summary>
    public required string Key { get; init; }

    /// <summary>The step whose tree holds the node; nodes never move between steps.</summary>
    public required StepModel Step { get; init; }

    /// <summary>Null for a root. Changed only by the tree operations of <see cref="ProblemEditorModel"/>.</summary>
    public QuestionNodeModel? Parent { get; internal set; }

    public List<QuestionNodeModel> Children { get; } = [];

    public NodeTrigger Trigger { get; set; }

    /// <summary>Key of one of the step's misconceptions, when <see cref="Trigger"/> is <see cref="NodeTrigger.Misconception"/>.</summary>
    public string? Misconception { get; set; }

    public TeacherMove Move { get; set; } = TeacherMove.Focus;
    public string SubMove { get; set; } = "";
    public string Text { get; set; } = "";

    /// <summary>Null for an open question (an explanation is wanted, not a value).</summary>
    public AnswerSpecModel? Expected { get; set; }

    /// <summary>The hint ladder; a hint's level is its position (1, 2, 3...).</summary>
    public List<HintModel> Hints { get; } = [];

    public IEnumerable<QuestionNodeModel> SelfAndDescendants => new[] { this }.Concat(Children.SelectMany(c => c.SelfAndDescendants));

    public int Depth => Parent is null ? 0 : Parent.Depth + 1;

    /// <summary>The list this node sits in: its parent's children, or the step's roots.</summary>
    internal List<QuestionNodeModel> Siblings => Parent?.Children ?? Step.Roots;
}

public sealed class HintModel
{
    public string Text { get; set; } = "";

    /// <summary>The hint that gives the answer away; only the last level of a ladder may be one.</summary>
    public bool IsBottomOut { get; set; }
}
