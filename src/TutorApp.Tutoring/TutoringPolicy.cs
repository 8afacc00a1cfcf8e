namespace TutorApp.Tutoring;

/// <summary>How the tutor behaves; the defaults follow TreeInstruct and MathDial practice.</summary>
public sealed record TutoringPolicy
{
    public static readonly TutoringPolicy Default = new();

    /// <summary>How the tutor chooses its questions; the evaluation harness compares the strategies.</summary>
    public TutoringStrategy Strategy { get; init; } = TutoringStrategy.Adaptive;

    /// <summary>
    /// Null: never give a bottom-out hint (one that states the value). Otherwise a bottom-out hint is given only once the
    /// student has failed this many attempts on the step; it is then labelled Telling / "Revealing answer".
    /// </summary>
    public int? BottomOutAfterFailedAttempts { get; init; }

    /// <summary>Failed attempts at one level of a step's question tree before a short teaching move (TreeInstruct: after repeated failure).</summary>
    public int FailuresBeforeTeaching { get; init; } = 2;

    /// <summary>A skill at or above this probability counts as mastered: the step is asked at step level, without sub-questions.</summary>
    public double MasteredThreshold { get; init; } = 0.85;

    /// <summary>A skill below this probability counts as weak: after a first wrong answer the finest question is asked at once.</summary>
    public double WeakThreshold { get; init; } = 0.4;
}

/// <summary>How the tutor chooses its next move.</summary>
public enum TutoringStrategy
{
    /// <summary>The question-tree planner: sub-questions, misconception remediation, teaching moves, mastery (TreeInstruct).</summary>
    Adaptive,
    /// <summary>A linear scaffold: each step's question in dependency order; after a wrong answer the step's hints in their
    /// fixed order, never adapted to the answer or to mastery.</summary>
    Linear,
    /// <summary>A telling baseline: the steps' questions in order, and after the first wrong answer (or "I don't know") the
    /// worked solution with the final answer.</summary>
    Telling,
}
