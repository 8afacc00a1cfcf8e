using System.ComponentModel.DataAnnotations;
using TutorApp.Tutoring;

namespace TutorApp.Data.Tutoring;

public sealed class TutoringOptions
{
    public const string Section = "Tutoring";

    /// <summary>Adaptive (the question-tree planner) for students; the linear and telling baselines exist for the evaluation harness.</summary>
    public TutoringStrategy Strategy { get; set; } = TutoringStrategy.Adaptive;

    /// <summary>Longer student messages are refused with a message saying so (the turn column holds 4,000).</summary>
    [Range(1, 4000)]
    public int MaxMessageLength { get; set; } = 2000;

    /// <summary>Messages one student may send per minute, across all their sessions (rapid-fire protection).</summary>
    [Range(1, 10_000)]
    public int MessagesPerMinute { get; set; } = 30;

    /// <summary>A bottom-out hint (which gives the value away) is allowed only after this many failed attempts on a
    /// step; null: never.</summary>
    [Range(1, 100)]
    public int? BottomOutAfterFailedAttempts { get; set; } = 4;

    /// <summary>Failed attempts at one level of the question tree before a short teaching move.</summary>
    [Range(1, 20)]
    public int FailuresBeforeTeaching { get; set; } = 2;

    /// <summary>P(known) below which a skill counts as weak: the tutor descends to the finest questions at once.</summary>
    [Range(0.0, 0.5)]
    public double WeakThreshold { get; set; } = 0.4;
}
