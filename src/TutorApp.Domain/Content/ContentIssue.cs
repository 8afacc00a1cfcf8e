namespace TutorApp.Domain.Content;

public enum IssueSeverity
{
    /// <summary>Blocks publishing and importing.</summary>
    Error,
    /// <summary>A pedagogical concern shown to the author; does not block.</summary>
    Warning,
}

/// <param name="Path">Where, as a JSON path into the bank format, e.g. <c>steps[1].expected</c>.</param>
/// <param name="BreaksReferences">The content refers to something that does not exist or is not unique, so it cannot
/// even be stored as a draft (other errors only block publishing).</param>
public sealed record ContentIssue(IssueSeverity Severity, string Path, string Message, bool BreaksReferences = false)
{
    public override string ToString() => $"{(Severity == IssueSeverity.Error ? "error" : "warning")}: {Path}: {Message}";

    public static ContentIssue Error(string path, string message) => new(IssueSeverity.Error, path, message);
    public static ContentIssue Warning(string path, string message) => new(IssueSeverity.Warning, path, message);
    public static ContentIssue Reference(string path, string message) => new(IssueSeverity.Error, path, message, BreaksReferences: true);
}
