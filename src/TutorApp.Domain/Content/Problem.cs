using TutorApp.Domain.Answers;

namespace TutorApp.Domain.Content;

/// <summary>A problem's identity; its content lives in versions, of which published ones never change.</summary>
public sealed class Problem
{
    public int Id { get; set; }

    /// <summary>Stable key across databases and exports, e.g. "gsm8k-train-00017".</summary>
    public required string Key { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public List<ProblemVersion> Versions { get; set; } = [];
}

public enum VersionStatus
{
    Draft,
    Published,
    /// <summary>Superseded by a newer published version; kept for the sessions that used it.</summary>
    Retired,
}

public sealed class ProblemVersion
{
    public int Id { get; set; }
    public int ProblemId { get; set; }
    public Problem? Problem { get; set; }

    /// <summary>1, 2, 3... within the problem.</summary>
    public int Number { get; set; }

    public VersionStatus Status { get; set; }
    public required string Title { get; set; }

    /// <summary>Markdown with <c>$...$</c> LaTeX; rendered as untrusted text (raw HTML is not allowed).</summary>
    public required string StatementMarkdown { get; set; }

    public required AnswerSpec FinalAnswer { get; set; }

    /// <summary>1 (easiest) to 5.</summary>
    public int Difficulty { get; set; } = 1;

    public string Source { get; set; } = "";
    public string Licence { get; set; } = "";
    public List<string> Tags { get; set; } = [];

    /// <summary>Skills of the problem as a whole (each step names its own too).</summary>
    public List<ProblemVersionSkill> Skills { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedById { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public List<SolutionStep> Steps { get; set; } = [];
}

public sealed class ProblemVersionSkill
{
    public int ProblemVersionId { get; set; }
    public int SkillId { get; set; }
    public Skill? Skill { get; set; }
}
