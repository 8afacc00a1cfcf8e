namespace TutorApp.Domain.Audit;

/// <summary>One admin change to content, users or models, as the audit log keeps it (append-only).</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>The admin's user id; null for changes made from the command line.</summary>
    public string? ActorId { get; set; }

    /// <summary>The admin's email (or "cli") at the time, so the entry stays readable after the account is gone.</summary>
    public required string ActorName { get; set; }

    /// <summary>What was done, e.g. "problem.publish" (see <see cref="AuditActions"/>).</summary>
    public required string Action { get; set; }

    /// <summary>What it was done to, e.g. "problem version 12".</summary>
    public required string Target { get; set; }

    public required string Details { get; set; }
}

/// <summary>The actions the log knows: content (problems, skills, imports), users (export, deletion) and models.</summary>
public static class AuditActions
{
    public const string ProblemCreate = "problem.create";
    public const string ProblemSaveDraft = "problem.save-draft";
    public const string ProblemNewVersion = "problem.new-version";
    public const string ProblemPublish = "problem.publish";
    /// <summary>Every imported draft of the review queue published at once.</summary>
    public const string ProblemPublishAll = "problem.publish-all";
    public const string SkillCreate = "skill.create";
    public const string SkillUpdate = "skill.update";
    public const string SkillAddPrerequisite = "skill.add-prerequisite";
    public const string SkillRemovePrerequisite = "skill.remove-prerequisite";
    public const string BankImport = "bank.import";
    public const string UserExport = "user.export";
    public const string UserDelete = "user.delete";
    public const string ModelChange = "model.change";
}
