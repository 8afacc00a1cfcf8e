using TutorApp.Domain.Content.Import;

namespace TutorApp.Domain.Content;

/// <summary>
/// A problem version created by an import of generated questions (GSM8K, MathDial). It stays a draft, out of students'
/// reach, until an admin publishes it from the review queue (or the import was told to publish at once).
/// </summary>
public sealed class ImportedDraft
{
    public int ProblemVersionId { get; set; }
    public ProblemVersion? ProblemVersion { get; set; }

    /// <summary>The imported file's name, e.g. "train.jsonl".</summary>
    public required string File { get; set; }

    public DateTimeOffset ImportedAt { get; set; }

    public List<StoredQuestionFlag> Flags { get; set; } = [];
}

/// <summary>One doubt of the importer about a generated step question (see <see cref="QuestionFlag"/>).</summary>
public sealed class StoredQuestionFlag
{
    public long Id { get; set; }
    public int ProblemVersionId { get; set; }
    public required string StepKey { get; set; }

    /// <summary>The question as the importer wrote it; the flag is open while the step's prompt is still this text.</summary>
    public required string Question { get; set; }

    public QuestionFlagReason Reason { get; set; }
    public required string Detail { get; set; }
}
