namespace TutorApp.Domain.Problems;

public sealed class Problem
{
    public int Id { get; set; }
    public required string Title { get; set; }

    /// <summary>Markdown with <c>$...$</c> LaTeX; rendered as untrusted text (raw HTML is not allowed).</summary>
    public required string StatementMarkdown { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedById { get; set; }
    public List<ProblemStep> Steps { get; set; } = [];
}
