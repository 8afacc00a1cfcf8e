using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TutorApp.Data.Mastery;
using TutorApp.Domain.Content;
using TutorApp.Domain.Mastery;
using TutorApp.Domain.Sessions;

namespace TutorApp.Data.Content;

public enum RecommendationKind
{
    /// <summary>A skill in the zone of proximal development: not mastered, its prerequisites mastered.</summary>
    Practise,

    /// <summary>A skill that was mastered but has faded below the review threshold.</summary>
    Review,

    /// <summary>Nothing is ready (a cycle in the learned graph, or no prerequisite mastered anywhere): the weakest skill.</summary>
    Strengthen,
}

/// <param name="Mastery">The skill's mastery today, or null when the student has never practised it.</param>
/// <param name="Reason">One line saying why, e.g. "Practise: fractions of a quantity — prerequisite 'multiplication' mastered".</param>
public sealed record Recommendation(int ProblemId, string Title, int SkillId, string SkillName, double? Mastery, RecommendationKind Kind, string Reason);

/// <summary>
/// What to practise next. Reviews first: skills mastered at their last practice whose mastery today (after forgetting)
/// fell below <see cref="MasteryOptions.ReviewThreshold"/>, most faded first. Then the zone of proximal development:
/// skills not mastered whose prerequisites (authored, plus the model's learned graph where it has one) are all
/// mastered, nearest to mastery first. Each skill gets the easiest published problem on it that the student has not
/// solved (in any version) and is not already working on.
/// </summary>
public sealed class ProblemRecommender(
    IDbContextFactory<TutorDbContext> contextFactory,
    MasteryQueries mastery,
    IKnowledgeTracer tracer,
    IOptions<MasteryOptions> options,
    TimeProvider clock)
{
    private sealed record Candidate(int SkillId, double? Mastery, RecommendationKind Kind, string Reason);

    private sealed record ProblemOption(int ProblemId, string Title, int Difficulty, int Steps, IReadOnlyList<int> SkillIds);

    public async Task<IReadOnlyList<Recommendation>> RecommendAsync(string studentId, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        var current = (await mastery.CurrentAsync(studentId, now, cancellationToken)).ToDictionary(v => v.SkillId);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var names = await db.Skills.ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var prerequisites = (await db.SkillPrerequisites.Select(p => new { p.SkillId, p.PrerequisiteId }).ToListAsync(cancellationToken))
            .Select(p => (p.SkillId, p.PrerequisiteId, Learned: false))
            .Concat(tracer.LearnedPrerequisites
                .Where(e => e.Probability >= o.LearnedPrerequisiteMinProbability && names.ContainsKey(e.SkillId) && names.ContainsKey(e.PrerequisiteId))
                .Select(e => (e.SkillId, e.PrerequisiteId, Learned: true)))
            .DistinctBy(p => (p.SkillId, p.PrerequisiteId))
            .ToLookup(p => p.SkillId, p => (p.PrerequisiteId, p.Learned));

        var problems = (await db.ProblemVersions.AsNoTracking()
            .Where(v => v.Status == VersionStatus.Published)
            .Select(v => new { v.ProblemId, v.Title, v.Difficulty, Steps = v.Steps.Count, Skills = v.Steps.SelectMany(s => s.Skills.Select(k => k.SkillId)).Distinct().ToList() })
            .ToListAsync(cancellationToken))
            .Select(p => new ProblemOption(p.ProblemId, p.Title, p.Difficulty, p.Steps, p.Skills))
            .ToList();
        // Solved or under way in any version: a problem re-published after an edit is still the same problem.
        var solved = await ProblemIdsAsync(db, studentId, SessionStatus.Solved, cancellationToken);
        var active = await ProblemIdsAsync(db, studentId, SessionStatus.Active, cancellationToken);

        double? Now(int skillId) => current.TryGetValue(skillId, out var v) ? v.Probability : null;
        bool Mastered(int skillId) => Now(skillId) >= o.MasteredThreshold;
        var practised = problems.SelectMany(p => p.SkillIds).Distinct().Where(names.ContainsKey).ToList();

        var review = practised
            .Where(id => current.TryGetValue(id, out var v) && v.AtLastPractice >= o.MasteredThreshold && v.Probability < o.ReviewThreshold)
            .OrderBy(id => current[id].Probability)
            .Select(id => new Candidate(id, Now(id), RecommendationKind.Review,
                $"Review: {names[id]} — mastered on {current[id].LastPractisedAt:d MMM}, predicted mastery has faded to {current[id].Probability:P0}"));
        var ready = practised
            .Where(id => !Mastered(id) && prerequisites[id].All(p => Mastered(p.PrerequisiteId)))
            .OrderByDescending(id => Now(id) ?? -1).ThenBy(id => names[id], StringComparer.Ordinal)
            .Select(id => new Candidate(id, Now(id), RecommendationKind.Practise, $"Practise: {names[id]} — {WhyReady(prerequisites[id].ToList(), names)}"));
        var candidates = review.Concat(ready).ToList();
        if (candidates.Count == 0)
        {
            candidates = practised.Where(id => !Mastered(id)).OrderBy(id => Now(id) ?? 0).ThenBy(id => id)
                .Select(id => new Candidate(id, Now(id), RecommendationKind.Strengthen,
                    $"Strengthen: {names[id]} — your weakest skill so far ({Now(id) ?? 0:P0} mastered)"))
                .ToList();
        }

        var chosen = new List<Recommendation>();
        foreach (var candidate in candidates)
        {
            var onSkill = problems.Where(p => p.SkillIds.Contains(candidate.SkillId) && !active.Contains(p.ProblemId)
                    && chosen.All(c => c.ProblemId != p.ProblemId))
                .OrderBy(p => p.Difficulty).ThenBy(p => p.Steps).ThenBy(p => p.ProblemId)
                .ToList();
            // A review may repeat a solved problem when there is no new one; new material never does.
            var problem = onSkill.FirstOrDefault(p => !solved.Contains(p.ProblemId))
                ?? (candidate.Kind == RecommendationKind.Review ? onSkill.FirstOrDefault() : null);
            if (problem is not null)
            {
                chosen.Add(new Recommendation(problem.ProblemId, problem.Title, candidate.SkillId, names[candidate.SkillId], candidate.Mastery,
                    candidate.Kind, candidate.Reason));
            }
            if (chosen.Count == o.Recommendations)
            {
                break;
            }
        }
        return chosen;
    }

    private static string WhyReady(IReadOnlyList<(int PrerequisiteId, bool Learned)> prerequisites, IReadOnlyDictionary<int, string> names)
    {
        if (prerequisites.Count == 0)
        {
            return "a starting skill, no prerequisites needed";
        }
        var listed = prerequisites.OrderBy(p => p.Learned).ThenBy(p => names[p.PrerequisiteId], StringComparer.Ordinal)
            .Select(p => $"'{names[p.PrerequisiteId]}'{(p.Learned ? " (learned from data)" : "")}").ToList();
        return prerequisites.Count == 1
            ? $"prerequisite {listed[0]} mastered"
            : $"prerequisites {string.Join(", ", listed[..^1])} and {listed[^1]} mastered";
    }

    private static async Task<HashSet<int>> ProblemIdsAsync(TutorDbContext db, string studentId, SessionStatus status, CancellationToken cancellationToken) =>
        (await db.TutoringSessions.Where(s => s.StudentId == studentId && s.Status == status)
            .Join(db.ProblemVersions, s => s.ProblemVersionId, v => v.Id, (s, v) => v.ProblemId)
            .Distinct().ToListAsync(cancellationToken)).ToHashSet();
}
