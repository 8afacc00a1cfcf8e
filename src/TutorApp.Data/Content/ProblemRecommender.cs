using Microsoft.EntityFrameworkCore;
using TutorApp.Domain.Content;
using TutorApp.Domain.Mastery;
using TutorApp.Domain.Sessions;

namespace TutorApp.Data.Content;

public sealed record Recommendation(int ProblemId, string Title, string SkillName, double SkillMastery);

/// <summary>
/// What to practise next: the student's lowest-mastery skill among those whose prerequisites are all mastered, and
/// the easiest published problem on it that the student has not solved yet.
/// </summary>
public sealed class ProblemRecommender(IDbContextFactory<TutorDbContext> contextFactory)
{
    public const double MasteredThreshold = 0.85;

    public async Task<Recommendation?> RecommendAsync(string studentId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var mastery = await db.SkillMastery.Where(m => m.StudentId == studentId).ToDictionaryAsync(m => m.SkillId, m => m.Probability, cancellationToken);
        var prerequisites = (await db.SkillPrerequisites.ToListAsync(cancellationToken)).ToLookup(p => p.SkillId, p => p.PrerequisiteId);
        double Known(int skillId) => mastery.TryGetValue(skillId, out var p) ? p : BktParameters.Default.Initial;

        // Skills some published problem practises, ready to learn (prerequisites mastered) and not mastered yet.
        var practised = await db.ProblemVersions.Where(v => v.Status == VersionStatus.Published)
            .SelectMany(v => v.Steps.SelectMany(s => s.Skills.Select(k => k.SkillId))).Distinct().ToListAsync(cancellationToken);
        var ready = practised
            .Where(skill => Known(skill) < MasteredThreshold && prerequisites[skill].All(p => Known(p) >= MasteredThreshold))
            .OrderBy(Known).ThenBy(skill => skill)
            .ToList();
        if (ready.Count == 0)
        {
            // Nothing is ready (or everything is mastered): fall back to the weakest practised skill.
            ready = practised.Where(skill => Known(skill) < MasteredThreshold).OrderBy(Known).Take(1).ToList();
        }

        var solved = db.TutoringSessions.Where(s => s.StudentId == studentId && s.Status == SessionStatus.Solved).Select(s => s.ProblemVersionId);
        foreach (var skillId in ready.Take(5))
        {
            var candidate = await db.ProblemVersions
                .Where(v => v.Status == VersionStatus.Published && !solved.Contains(v.Id) && v.Steps.Any(s => s.Skills.Any(k => k.SkillId == skillId)))
                .OrderBy(v => v.Difficulty).ThenBy(v => v.Steps.Count).ThenBy(v => v.Id)
                .Select(v => new { v.ProblemId, v.Title })
                .FirstOrDefaultAsync(cancellationToken);
            if (candidate is not null)
            {
                var name = await db.Skills.Where(s => s.Id == skillId).Select(s => s.Name).SingleAsync(cancellationToken);
                return new Recommendation(candidate.ProblemId, candidate.Title, name, Known(skillId));
            }
        }
        return null;
    }
}
