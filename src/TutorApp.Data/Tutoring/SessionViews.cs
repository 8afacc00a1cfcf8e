namespace TutorApp.Data.Tutoring;

/// <summary>A tutoring session as the student's page and the JSON API show it.</summary>
public sealed record SessionView(
    long Id,
    int ProblemId,
    int ProblemVersionId,
    string Title,
    string Statement,
    string Status,
    int ResolvedSteps,
    int TotalSteps,
    IReadOnlyList<TurnView> Turns,
    IReadOnlyList<SkillChange> MasteryChanges);

/// <summary>
/// A turn as the student sees it: the words only. The tutor's move labels (Focus, Probing, Telling) are the teacher's
/// reading of the dialogue and stay in the teacher's transcript; shown to a student they read as jargon or as a verdict.
/// </summary>
public sealed record TurnView(int Number, string Speaker, string Text, bool RevealedAnswer, DateTimeOffset At);

/// <summary>How a skill's mastery moved during the session (shown on the finish screen).</summary>
public sealed record SkillChange(string Skill, double Before, double After);

/// <summary>A session in the student's history list.</summary>
public sealed record SessionSummary(long Id, int ProblemId, string Title, string Status, int TurnCount, DateTimeOffset StartedAt, DateTimeOffset UpdatedAt);

public sealed record StartSessionRequest(int ProblemId);

public sealed record SendMessageRequest(string? Text);

/// <summary>A request the tutor refuses, with a message for the student (the API returns it as problem details).</summary>
public sealed class TutoringRequestException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}
