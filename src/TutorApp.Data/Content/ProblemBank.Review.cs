using Microsoft.EntityFrameworkCore;
using TutorApp.Data.Audit;
using TutorApp.Domain.Audit;
using TutorApp.Domain.Content;
using TutorApp.Domain.Content.Import;

namespace TutorApp.Data.Content;

/// <summary>One imported draft waiting for review, with the importer's doubts that still apply to its questions.</summary>
public sealed record ReviewItem(
    int ProblemId, int VersionId, string Key, string Title, string Source, string File, DateTimeOffset ImportedAt,
    int StepCount, IReadOnlyList<ReviewFlag> OpenFlags);

/// <param name="Question">The step's question as the importer wrote it (and as it still reads).</param>
public sealed record ReviewFlag(string StepKey, string Question, QuestionFlagReason Reason, string Detail)
{
    public string Describe() => new QuestionFlag(Reason, Detail).Describe();
}

/// <param name="Waiting">Every imported draft still waiting, of which <paramref name="Flagged"/> have an open flag.</param>
/// <param name="Items">The first of them: flagged ones first (most flags first), then by key.</param>
public sealed record ReviewQueue(int Waiting, int Flagged, IReadOnlyList<ReviewItem> Items);

/// <summary>The import review queue: imported drafts an admin checks, edits and publishes (one by one or all at once).</summary>
public sealed partial class ProblemBank
{
    public async Task<ReviewQueue> ReviewQueueAsync(int take = 200, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        // A flag is open while its step still asks the question the importer wrote; an edited prompt closes it.
        var waiting = db.ImportedDrafts.Where(d => d.ProblemVersion!.Status == VersionStatus.Draft)
            .Select(d => new
            {
                Draft = d,
                Open = d.Flags.Count(f => db.Steps.Any(s => s.ProblemVersionId == f.ProblemVersionId && s.Key == f.StepKey && s.Prompt == f.Question)),
            });
        var total = await waiting.CountAsync(cancellationToken);
        var flagged = await waiting.CountAsync(w => w.Open > 0, cancellationToken);
        var rows = await waiting
            .OrderByDescending(w => w.Open).ThenBy(w => w.Draft.ProblemVersion!.Problem!.Key)
            .Take(take)
            .Select(w => new
            {
                w.Draft.ProblemVersion!.ProblemId,
                w.Draft.ProblemVersionId,
                w.Draft.ProblemVersion.Problem!.Key,
                w.Draft.ProblemVersion.Title,
                w.Draft.ProblemVersion.Source,
                w.Draft.File,
                w.Draft.ImportedAt,
                Steps = w.Draft.ProblemVersion.Steps.Count,
            })
            .ToListAsync(cancellationToken);

        var versionIds = rows.Select(r => r.ProblemVersionId).ToList();
        var openFlags = (await db.QuestionFlags.AsNoTracking()
                .Where(f => versionIds.Contains(f.ProblemVersionId)
                    && db.Steps.Any(s => s.ProblemVersionId == f.ProblemVersionId && s.Key == f.StepKey && s.Prompt == f.Question))
                .OrderBy(f => f.Id)
                .ToListAsync(cancellationToken))
            .ToLookup(f => f.ProblemVersionId);
        var items = rows.Select(r => new ReviewItem(r.ProblemId, r.ProblemVersionId, r.Key, r.Title, r.Source, r.File, r.ImportedAt, r.Steps,
            openFlags[r.ProblemVersionId].Select(f => new ReviewFlag(f.StepKey, f.Question, f.Reason, f.Detail)).ToList())).ToList();
        return new ReviewQueue(total, flagged, items);
    }

    /// <summary>
    /// Publishes every imported draft in the review queue in one transaction, audited in the same transaction: all of
    /// them or, when any fails validation, none (the exception names each problem and what is wrong with it).
    /// </summary>
    /// <returns>How many problems were published.</returns>
    public async Task<int> PublishAllImportedAsync(AuditActor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The same row locks as a single publish or a draft save, so neither can slip in between the check and the update.
        var ids = await db.Database.SqlQuery<int>($"""
            SELECT v.id AS "Value" FROM problem_versions v JOIN imported_drafts d ON d.problem_version_id = v.id
            WHERE v.status = {VersionStatus.Draft.ToString()} ORDER BY v.id FOR UPDATE OF v
            """).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return 0;
        }
        var skillNames = await db.Skills.ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var known = skillNames.Values.ToHashSet(StringComparer.Ordinal);
        var errors = new List<ContentIssue>();
        var problemIds = new List<int>();
        foreach (var slice in ids.Chunk(500))
        {
            var versions = await Complete(db.ProblemVersions).AsNoTracking().AsSplitQuery().Where(v => slice.Contains(v.Id))
                .ToListAsync(cancellationToken);
            foreach (var version in versions)
            {
                problemIds.Add(version.ProblemId);
                errors.AddRange(ContentValidator.Validate(BankMapping.ToBank(version, skillNames), known)
                    .Where(i => i.Severity == IssueSeverity.Error)
                    .Select(i => ContentIssue.Error($"{version.Problem!.Key}: {i.Path}", i.Message)));
            }
        }
        if (errors.Count > 0)
        {
            throw new ContentValidationException(errors);
        }

        var now = clock.GetUtcNow();
        await db.ProblemVersions
            .Where(v => problemIds.Contains(v.ProblemId) && v.Status == VersionStatus.Published)
            .ExecuteUpdateAsync(set => set.SetProperty(v => v.Status, VersionStatus.Retired), cancellationToken);
        var published = await db.ProblemVersions.Where(v => ids.Contains(v.Id))
            .ExecuteUpdateAsync(set => set.SetProperty(v => v.Status, VersionStatus.Published).SetProperty(v => v.PublishedAt, now), cancellationToken);
        audit.Add(db, actor, AuditActions.ProblemPublishAll, "review queue", $"{published} imported problem(s) published");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return published;
    }
}
