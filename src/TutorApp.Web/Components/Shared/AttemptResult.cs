namespace TutorApp.Web.Components.Shared;

public enum AttemptOutcome
{
    Correct,
    Incorrect,
    /// <summary>The text could not be read as an answer of the expected kind; the solver asks again.</summary>
    NotUnderstood,
}

/// <summary>What checking one answer in <see cref="ProblemSolver"/> gave, and the words shown for it.</summary>
public sealed record AttemptResult(AttemptOutcome Outcome, string Feedback);
