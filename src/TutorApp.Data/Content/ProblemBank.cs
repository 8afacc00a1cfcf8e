using Microsoft.EntityFrameworkCore;
using TutorApp.Data.Audit;
using TutorApp.Domain.Content;
using TutorApp.Domain.Content.Bank;

namespace TutorApp.Data.Content;

/// <param name="Text">Matched against title and key.</param>
public sealed record BankFilter(string? Text = null, int? SkillId = null, string? Source = null, int? Difficulty = null, int Take = 200);

/// <summary>One problem in the admin's list: its newest version, and which version students get.</summary>
public sealed record ProblemListItem(
    int ProblemId, string Key, int LatestVersionId, int LatestNumber, VersionStatus LatestStatus, int? PublishedNumber,
    string Title, int Difficulty, string Source, int StepCount);

/// <summary>A problem as a student finds it: the published version.</summary>
public sealed record PublishedProblem(int ProblemId, int VersionId, string Title, int Difficulty, int StepCount);

/// <summary>Reading, authoring, versioning and publishing problems. Published versions are never changed.</summary>
public sealed partial class ProblemBank(IDbContextFactory<TutorDbContext> contextFactory, TimeProvider clock, AuditLog audit)
{
    public async Task<IReadOnlyList<ProblemListItem>> SearchAsync(BankFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var latest = db.ProblemVersions.Where(v => v.Number == db.ProblemVersions.Where(o => o.ProblemId == v.ProblemId).Max(o => o.Number));
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var pattern = "%" + filter.Text.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            latest = latest.Where(v => EF.Functions.ILike(v.Title, pattern) || EF.Functions.ILike(v.Problem!.Key, pattern));
        }
        if (filter.SkillId is { } skillId)
        {
            latest = latest.Where(v => v.Skills.Any(s => s.SkillId == skillId) || v.Steps.Any(s => s.Skills.Any(k => k.SkillId == skillId)));
        }
        if (!string.IsNullOrWhiteSpace(filter.Source))
        {
            var source = filter.Source.Trim() + "%";
            latest = latest.Where(v => EF.Functions.ILike(v.Source, source));
        }
        if (filter.Difficulty is { } difficulty)
        {
            latest = latest.Where(v => v.Difficulty == difficulty);
        }
        return await latest
            .OrderBy(v => v.Problem!.Key)
            .Take(filter.Take)
            .Select(v => new ProblemListItem(
                v.ProblemId, v.Problem!.Key, v.Id, v.Number, v.Status,
                db.ProblemVersions.Where(p => p.ProblemId == v.ProblemId && p.Status == VersionStatus.Published).Select(p => (int?)p.Number).FirstOrDefault(),
                v.Title, v.Difficulty, v.Source, v.Steps.Count))
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<PublishedProblem>> ListPublishedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.ProblemVersions
            .Where(v => v.Status == VersionStatus.Published)
            .OrderBy(v => v.Difficulty).ThenBy(v => v.Title)
            .Select(v => new PublishedProblem(v.ProblemId, v.Id, v.Title, v.Difficulty, v.Steps.Count))
            .ToListAsync(cancellationToken);
    }

    public async Task<int?> PublishedVersionIdAsync(int problemId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.ProblemVersions.Where(v => v.ProblemId == problemId && v.Status == VersionStatus.Published)
            .Select(v => (int?)v.Id).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>A version with everything under it (steps, skills, dependencies, misconceptions, question trees).</summary>
    public async Task<ProblemVersion?> LoadVersionAsync(int versionId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await Complete(db.ProblemVersions).AsNoTracking().AsSplitQuery().SingleOrDefaultAsync(v => v.Id == versionId, cancellationToken);
    }

    public async Task<BankProblemVersion?> LoadBankVersionAsync(int versionId, CancellationToken cancellationToken = default)
    {
        var version = await LoadVersionAsync(versionId, cancellationToken);
        return version is null ? null : BankMapping.ToBank(version, await SkillNamesAsync(cancellationToken));
    }

    public async Task<IReadOnlyList<ContentIssue>> ValidateAsync(BankProblemVersion content, CancellationToken cancellationToken = default) =>
        ContentValidator.Validate(content, (await SkillNamesAsync(cancellationToken)).Values.ToHashSet(StringComparer.Ordinal));

    /// <summary>A new problem whose first version is a draft with this content.</summary>
    public async Task<(int ProblemId, int VersionId)> CreateDraftAsync(string key, BankProblemVersion content, string? authorId, CancellationToken cancellationToken = default)
    {
        await ThrowOnErrorsAsync(content, cancellationToken, publishing: false);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Problems.AnyAsync(p => p.Key == key, cancellationToken))
        {
            throw new ContentValidationException([ContentIssue.Error("key", $"a problem with the key \"{key}\" already exists")]);
        }
        var version = BankMapping.FromBank(content with { Number = 1, Status = "draft", CreatedAt = clock.GetUtcNow(), PublishedAt = null },
            await SkillIdsAsync(db, cancellationToken), authorId);
        var problem = new Problem { Key = key, CreatedAt = clock.GetUtcNow(), Versions = [version] };
        db.Problems.Add(problem);
        await db.SaveChangesAsync(cancellationToken);
        return (problem.Id, version.Id);
    }

    /// <summary>Replaces the content of a draft version. Published and retired versions are immutable.</summary>
    public async Task SaveDraftAsync(int versionId, BankProblemVersion content, CancellationToken cancellationToken = default)
    {
        await ThrowOnErrorsAsync(content, cancellationToken, publishing: false);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var version = await LockDraftAsync(db, versionId, cancellationToken);
        await db.Entry(version).Collection(v => v.Skills).LoadAsync(cancellationToken);

        // Replace the whole graph under the version: simpler and safer than diffing trees, and drafts are small.
        await db.Steps.Where(s => s.ProblemVersionId == versionId).ExecuteDeleteAsync(cancellationToken);
        var replacement = BankMapping.FromBank(content, await SkillIdsAsync(db, cancellationToken), version.CreatedById);
        version.Title = replacement.Title;
        version.StatementMarkdown = replacement.StatementMarkdown;
        version.FinalAnswer = replacement.FinalAnswer;
        version.Difficulty = replacement.Difficulty;
        version.Source = replacement.Source;
        version.Licence = replacement.Licence;
        version.Tags = replacement.Tags;
        version.Skills.Clear();
        version.Skills.AddRange(replacement.Skills);
        version.Steps = replacement.Steps;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>A new draft version copied from the newest one, for editing a published problem.</summary>
    public async Task<int> StartNewVersionAsync(int problemId, string? authorId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var latest = await Complete(db.ProblemVersions).AsNoTracking().AsSplitQuery()
            .Where(v => v.ProblemId == problemId).OrderByDescending(v => v.Number).FirstOrDefaultAsync(cancellationToken)
            ?? throw new KeyNotFoundException($"Problem {problemId} does not exist.");
        if (latest.Status == VersionStatus.Draft)
        {
            return latest.Id;
        }
        var content = BankMapping.ToBank(latest, await SkillNamesAsync(cancellationToken));
        var draft = BankMapping.FromBank(content with { Number = latest.Number + 1, Status = "draft", CreatedAt = clock.GetUtcNow(), PublishedAt = null },
            await SkillIdsAsync(db, cancellationToken), authorId);
        draft.ProblemId = problemId;
        db.ProblemVersions.Add(draft);
        await db.SaveChangesAsync(cancellationToken);
        return draft.Id;
    }

    /// <summary>Publishes a draft after validation; the version students had until now is retired.</summary>
    public async Task<IReadOnlyList<ContentIssue>> PublishAsync(int versionId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var version = await LockDraftAsync(db, versionId, cancellationToken);
        // Validated under the lock, so what is checked is exactly what goes live.
        var content = BankMapping.ToBank(
            await Complete(db.ProblemVersions).AsNoTracking().AsSplitQuery().SingleAsync(v => v.Id == versionId, cancellationToken),
            await db.Skills.ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken));
        var issues = await ThrowOnErrorsAsync(content, cancellationToken, publishing: true);

        await db.ProblemVersions
            .Where(v => v.ProblemId == version.ProblemId && v.Status == VersionStatus.Published)
            .ExecuteUpdateAsync(set => set.SetProperty(v => v.Status, VersionStatus.Retired), cancellationToken);
        version.Status = VersionStatus.Published;
        version.PublishedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return issues;
    }

    /// <summary>
    /// Locks a version's row for the rest of the transaction and checks that it is still a draft: a save and a publish
    /// of the same version (two tabs, two admins) run one after the other, never interleaved.
    /// </summary>
    private static async Task<ProblemVersion> LockDraftAsync(TutorDbContext db, int versionId, CancellationToken cancellationToken)
    {
        var version = await db.ProblemVersions.FromSql($"SELECT * FROM problem_versions WHERE id = {versionId} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new KeyNotFoundException($"Problem version {versionId} does not exist.");
        if (version.Status != VersionStatus.Draft)
        {
            throw new ContentValidationException([ContentIssue.Error("status",
                $"version {version.Number} is {BankVocabulary.Word(version.Status)} and cannot be changed; start a new version")]);
        }
        return version;
    }

    private async Task<IReadOnlyList<ContentIssue>> ThrowOnErrorsAsync(BankProblemVersion content, CancellationToken cancellationToken, bool publishing)
    {
        var issues = await ValidateAsync(content, cancellationToken);
        // A draft may be saved half-finished; only what would corrupt the stored graph blocks saving it.
        var blocking = issues.Where(i => i.Severity == IssueSeverity.Error && (publishing || i.BreaksReferences)).ToList();
        if (blocking.Count > 0)
        {
            throw new ContentValidationException(blocking);
        }
        return issues;
    }

    private async Task<Dictionary<int, string>> SkillNamesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Skills.ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
    }

    private static Task<Dictionary<string, int>> SkillIdsAsync(TutorDbContext db, CancellationToken cancellationToken) =>
        db.Skills.ToDictionaryAsync(s => s.Name, s => s.Id, StringComparer.Ordinal, cancellationToken);

    internal static IQueryable<ProblemVersion> Complete(IQueryable<ProblemVersion> versions) => versions
        .Include(v => v.Problem)
        .Include(v => v.Skills)
        .Include(v => v.Steps).ThenInclude(s => s.Skills)
        .Include(v => v.Steps).ThenInclude(s => s.DependsOn)
        .Include(v => v.Steps).ThenInclude(s => s.Misconceptions)
        .Include(v => v.Steps).ThenInclude(s => s.Questions);
}

public sealed class ContentValidationException(IReadOnlyList<ContentIssue> issues)
    : Exception("The content is not valid: " + string.Join("; ", issues))
{
    public IReadOnlyList<ContentIssue> Issues { get; } = issues;
}
