using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using TutorApp.Data.Content;
using TutorApp.Domain.Content;
using TutorApp.Domain.Content.Bank;

namespace TutorApp.Data.Tutoring;

/// <summary>A published (or retired) version as the tutor uses it: the bank form plus the ids to record attempts against.</summary>
public sealed record TutoringProblem(
    int ProblemId, int VersionId, BankProblemVersion Bank, IReadOnlyDictionary<string, int> StepIds, IReadOnlyDictionary<string, int> SkillIds);

/// <summary>
/// Published and retired versions never change, so each is loaded once per process; every turn of every session on
/// it then runs without reading the problem again. Drafts are never cached (and never tutored).
/// </summary>
public sealed class ProblemVersionCache(IServiceScopeFactory scopes)
{
    private readonly ConcurrentDictionary<int, Lazy<Task<TutoringProblem?>>> _versions = new();

    public async Task<TutoringProblem?> GetAsync(int versionId)
    {
        var entry = _versions.GetOrAdd(versionId, id => new Lazy<Task<TutoringProblem?>>(() => LoadAsync(id)));
        try
        {
            return await entry.Value;
        }
        catch
        {
            // A failed load (database unavailable for a moment) must not stay cached: the next request tries again.
            _versions.TryRemove(KeyValuePair.Create(versionId, entry));
            throw;
        }
    }

    private async Task<TutoringProblem?> LoadAsync(int versionId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var bank = scope.ServiceProvider.GetRequiredService<ProblemBank>();
        var version = await bank.LoadVersionAsync(versionId);
        if (version is null || version.Status == VersionStatus.Draft)
        {
            _versions.TryRemove(versionId, out _);
            return null;
        }
        var skills = await scope.ServiceProvider.GetRequiredService<SkillCatalog>().ListAsync();
        var names = skills.ToDictionary(s => s.Id, s => s.Name);
        return new TutoringProblem(
            version.ProblemId,
            version.Id,
            BankMapping.ToBank(version, names),
            version.Steps.ToDictionary(s => s.Key, s => s.Id, StringComparer.Ordinal),
            skills.ToDictionary(s => s.Name, s => s.Id, StringComparer.Ordinal));
    }
}
