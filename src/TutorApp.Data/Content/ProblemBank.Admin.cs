using Microsoft.EntityFrameworkCore;
using TutorApp.Domain.Content;

namespace TutorApp.Data.Content;

public sealed record VersionSummary(int VersionId, int Number, VersionStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt);

/// <summary>A problem and all its versions, oldest first: the editor's version history.</summary>
public sealed record ProblemHistory(int ProblemId, string Key, IReadOnlyList<VersionSummary> Versions);

public sealed partial class ProblemBank
{
    /// <summary>The history of the problem that <paramref name="versionId"/> belongs to; null when there is no such version.</summary>
    public async Task<ProblemHistory?> HistoryOfVersionAsync(int versionId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var problem = await db.ProblemVersions.Where(v => v.Id == versionId)
            .Select(v => new { v.ProblemId, v.Problem!.Key })
            .SingleOrDefaultAsync(cancellationToken);
        if (problem is null)
        {
            return null;
        }
        var versions = await db.ProblemVersions.Where(v => v.ProblemId == problem.ProblemId)
            .OrderBy(v => v.Number)
            .Select(v => new VersionSummary(v.Id, v.Number, v.Status, v.CreatedAt, v.PublishedAt))
            .ToListAsync(cancellationToken);
        return new ProblemHistory(problem.ProblemId, problem.Key, versions);
    }
}
