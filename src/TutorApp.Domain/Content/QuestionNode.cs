using TutorApp.Domain.Answers;

namespace TutorApp.Domain.Content;

/// <summary>MathDial's teacher moves (Macina et al. 2023).</summary>
public enum TeacherMove
{
    Focus,
    Probing,
    Telling,
    Generic,
}

/// <summary>When the tutor goes from a node's parent to this node (TreeInstruct).</summary>
public enum NodeTrigger
{
    /// <summary>The first question for the step.</summary>
    Root,
    /// <summary>A sibling question after a wrong answer to the parent.</summary>
    WrongAnswer,
    /// <summary>After a wrong answer that shows the node's misconception.</summary>
    Misconception,
    /// <summary>A deeper question after a right but incomplete answer.</summary>
    Incomplete,
}

/// <summary>One Socratic question in a step's question tree.</summary>
public sealed class QuestionNode
{
    public int Id { get; set; }
    public int StepId { get; set; }
    public int? ParentId { get; set; }
    public QuestionNode? Parent { get; set; }

    /// <summary>Unique within the problem version, e.g. "s1.q1".</summary>
    public required string Key { get; set; }

    /// <summary>Order among siblings.</summary>
    public int Position { get; set; }

    public NodeTrigger Trigger { get; set; }

    /// <summary>Set when <see cref="Trigger"/> is <see cref="NodeTrigger.Misconception"/>.</summary>
    public int? MisconceptionId { get; set; }
    public Misconception? Misconception { get; set; }

    public TeacherMove Move { get; set; }

    /// <summary>The finer intent, e.g. "Seeking self-correction" or "Revealing strategy".</summary>
    public string SubMove { get; set; } = "";

    public required string Text { get; set; }

    /// <summary>What the question asks for; null for an open question (an explanation).</summary>
    public AnswerSpec? Expected { get; set; }

    /// <summary>From a gentle nudge (level 1) to, optionally, a bottom-out hint as the last level.</summary>
    public List<Hint> Hints { get; set; } = [];
}

public sealed record Hint(int Level, string Text, bool IsBottomOut = false);
