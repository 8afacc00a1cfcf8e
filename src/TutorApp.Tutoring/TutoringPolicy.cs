namespace TutorApp.Tutoring;

/// <summary>How the tutor behaves; the defaults follow TreeInstruct and MathDial practice.</summary>
public sealed record TutoringPolicy
{
    public static readonly TutoringPolicy Default = new();

    /// <summary>
    /// Null: never give a bottom-out hint (one that states the value). Otherwise a bottom-out hint is given only once the
    /// student has failed this many attempts on the step; it is then labelled Telling / "Revealing answer".
    /// </summary>
    public int? BottomOutAfterFailedAttempts { get; init; }

    /// <summary>Failed attempts at one level of a step's question tree before a short teaching move.</summary>
    public int FailuresBeforeTeaching { get; init; } = 3;

    /// <summary>A skill at or above this probability counts as mastered: the step is asked at step level, without sub-questions.</summary>
    public double MasteredThreshold { get; init; } = 0.85;

    /// <summary>A skill below this probability counts as weak: after a first wrong answer the finest question is asked at once.</summary>
    public double WeakThreshold { get; init; } = 0.4;
}
