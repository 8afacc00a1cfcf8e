namespace TutorApp.Domain.Sessions;

public enum SessionStatus
{
    Active,
    Solved,
    Abandoned,
}

/// <summary>One student working on one problem version with the tutor; resumable at any time.</summary>
public sealed class TutoringSession
{
    public long Id { get; set; }
    public required string StudentId { get; set; }

    /// <summary>The version the session started with; it keeps it even after newer versions are published.</summary>
    public int ProblemVersionId { get; set; }

    public SessionStatus Status { get; set; }

    /// <summary>The tutoring engine's dialogue state as JSON, everything needed to resume exactly where it was.</summary>
    public required string State { get; set; }

    public int TurnCount { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Optimistic concurrency: two tabs sending at once must not both advance the same state.</summary>
    public int Revision { get; set; }

    public List<TutoringTurn> Turns { get; set; } = [];
}

public enum Speaker
{
    Tutor,
    Student,
}

/// <summary>One utterance. Student text is stored as typed and always shown encoded, never as markup.</summary>
public sealed class TutoringTurn
{
    public long Id { get; set; }
    public long SessionId { get; set; }
    public int Number { get; set; }
    public Speaker Speaker { get; set; }
    public required string Text { get; set; }

    /// <summary>The tutor's MathDial move ("Focus", "Probing", "Telling", "Generic"); null for student turns.</summary>
    public string? Move { get; set; }

    public string? SubMove { get; set; }

    /// <summary>The student's intent as the evaluator read it; null for tutor turns.</summary>
    public string? Intent { get; set; }

    public string? StepKey { get; set; }
    public string? NodeKey { get; set; }

    /// <summary>The step's misconception the evaluator recognised in a student's message; null otherwise.</summary>
    public string? MisconceptionKey { get; set; }

    /// <summary>The tutor gave a value away (an allowed bottom-out hint).</summary>
    public bool RevealedAnswer { get; set; }

    /// <summary>The leak guard replaced the planned text.</summary>
    public bool GuardIntervened { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
