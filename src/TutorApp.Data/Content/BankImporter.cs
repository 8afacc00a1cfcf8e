using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using TutorApp.Domain.Content;
using TutorApp.Domain.Content.Bank;
using TutorApp.Domain.Content.Import;

namespace TutorApp.Data.Content;

/// <param name="DraftsToReview">New problems waiting in the review queue (imports of generated questions as drafts).</param>
/// <param name="FlaggedQuestions">Generated step questions among them that the importer flagged as unsure.</param>
public sealed record ImportSummary(
    int ProblemsImported, int ProblemsAlreadyPresent, int SkillsCreated, int Steps, int QuestionNodes, int Misconceptions,
    int DraftsToReview, int FlaggedQuestions, double Seconds);

/// <summary>Marks the new draft versions of an import for the review queue, with the importer's doubts about their questions.</summary>
/// <param name="File">The imported file's name.</param>
public sealed record ImportReview(string File, DateTimeOffset ImportedAt, IReadOnlyList<StepQuestionFlags> Flags);

/// <summary>
/// Stores a bank document all-or-nothing: everything is validated first (against the skills already stored too),
/// then written in one transaction. Problems whose key is already stored are left as they are and counted.
/// </summary>
public sealed class BankImporter(IDbContextFactory<TutorDbContext> contextFactory)
{
    // Large imports (GSM8K: 7,473 problems, ~100,000 rows) are written in slices so the change tracker stays small.
    private const int ProblemsPerSave = 250;

    // What a flag's detail column holds (a quoted solution sentence can be longer).
    private const int FlagDetailLength = 500;

    /// <param name="review">For imports of generated questions: their new drafts go to the review queue, in the same transaction.</param>
    public async Task<ImportSummary> ImportAsync(BankDocument document, string? authorId = null, ImportReview? review = null,
        CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);

        var storedSkills = await db.Skills.AsNoTracking().Include(s => s.Prerequisites).ToListAsync(cancellationToken);
        var storedNames = storedSkills.ToDictionary(s => s.Id, s => s.Name);
        var storedEdges = storedSkills.SelectMany(s => s.Prerequisites.Select(p => (s.Name, storedNames[p.PrerequisiteId])));
        var issues = BankValidator.Validate(document, storedNames.Values.ToHashSet(StringComparer.Ordinal), storedEdges)
            .Where(i => i.Severity == IssueSeverity.Error).ToList();
        if (issues.Count > 0)
        {
            throw new ContentValidationException(issues);
        }

        var skillsCreated = await StoreSkillsAsync(db, document.Skills, storedSkills, cancellationToken);
        var skillIds = await db.Skills.ToDictionaryAsync(s => s.Name, s => s.Id, StringComparer.Ordinal, cancellationToken);

        var keys = document.Problems.Select(p => p.Key).ToList();
        var present = (await db.Problems.Where(p => keys.Contains(p.Key)).Select(p => p.Key).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var fresh = document.Problems.Where(p => !present.Contains(p.Key)).ToList();

        var flags = (review?.Flags ?? []).ToLookup(f => f.ProblemKey, StringComparer.Ordinal);
        int drafts = 0, flagged = 0;
        foreach (var slice in fresh.Chunk(ProblemsPerSave))
        {
            foreach (var bankProblem in slice)
            {
                var problem = new Problem
                {
                    Key = bankProblem.Key,
                    CreatedAt = bankProblem.Versions[0].CreatedAt,
                    Versions = bankProblem.Versions.Select(v => BankMapping.FromBank(v, skillIds, authorId)).ToList(),
                };
                db.Problems.Add(problem);
                if (review is not null)
                {
                    foreach (var version in problem.Versions.Where(v => v.Status == VersionStatus.Draft))
                    {
                        var stepFlags = flags[bankProblem.Key].ToList();
                        db.ImportedDrafts.Add(new ImportedDraft
                        {
                            ProblemVersion = version,
                            File = review.File.Length <= 300 ? review.File : review.File[..300],
                            ImportedAt = review.ImportedAt,
                            Flags = stepFlags.SelectMany(s => s.Flags.Select(f => new StoredQuestionFlag
                            {
                                StepKey = s.StepKey,
                                Question = s.Question,
                                Reason = f.Reason,
                                Detail = f.Detail.Length <= FlagDetailLength ? f.Detail : f.Detail[..(FlagDetailLength - 1)] + "…",
                            })).ToList(),
                        });
                        drafts++;
                        flagged += stepFlags.Count;
                    }
                }
            }
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        await transaction.CommitAsync(cancellationToken);

        var versions = fresh.SelectMany(p => p.Versions).ToList();
        return new ImportSummary(
            fresh.Count, present.Count, skillsCreated,
            versions.Sum(v => v.Steps.Count), versions.Sum(v => v.Tree.Count), versions.Sum(v => v.Steps.Sum(s => s.Misconceptions.Count)),
            drafts, flagged, Math.Round(stopwatch.Elapsed.TotalSeconds, 2));
    }

    /// <summary>Creates missing skills, then adds missing parents and prerequisite edges; stored descriptions are kept.</summary>
    private static async Task<int> StoreSkillsAsync(TutorDbContext db, IReadOnlyList<BankSkill> skills, List<Skill> stored, CancellationToken cancellationToken)
    {
        var storedNames = stored.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var created = skills.Where(s => !storedNames.Contains(s.Name)).Select(s => new Skill { Name = s.Name, Description = s.Description }).ToList();
        db.Skills.AddRange(created);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);

        var all = await db.Skills.Include(s => s.Prerequisites).ToDictionaryAsync(s => s.Name, StringComparer.Ordinal, cancellationToken);
        foreach (var bankSkill in skills)
        {
            var skill = all[bankSkill.Name];
            if (bankSkill.Parent is not null && skill.ParentId is null)
            {
                skill.ParentId = all[bankSkill.Parent].Id;
            }
            foreach (var prerequisite in bankSkill.Prerequisites.Select(name => all[name].Id).Distinct())
            {
                if (skill.Prerequisites.All(p => p.PrerequisiteId != prerequisite))
                {
                    db.SkillPrerequisites.Add(new SkillPrerequisite { SkillId = skill.Id, PrerequisiteId = prerequisite });
                }
            }
        }
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return created.Count;
    }
}
