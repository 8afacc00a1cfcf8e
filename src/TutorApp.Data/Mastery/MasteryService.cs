using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using TutorApp.Domain.Mastery;

namespace TutorApp.Data.Mastery;

/// <summary>Keeps <c>skill_mastery</c> current: after attempts are stored, the tracer re-estimates the skills they touched.</summary>
public sealed class MasteryService(
    IKnowledgeTracer tracer, IDbContextFactory<TutorDbContext> contextFactory, KnowledgeTracingMetrics metrics, TimeProvider clock)
{
    /// <summary>
    /// Re-estimates <paramref name="skillIds"/> for the student from their whole history; call it with the context and
    /// inside the transaction that stored the new interactions, so attempt and mastery are saved together.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, double>> UpdateAsync(TutorDbContext db, string studentId, IReadOnlyCollection<int> skillIds,
        CancellationToken cancellationToken = default)
    {
        var history = await db.Interactions
            .Where(i => i.StudentId == studentId && skillIds.Contains(i.SkillId))
            .OrderBy(i => i.OccurredAt).ThenBy(i => i.Id)
            .Select(i => new SkillAttempt(i.SkillId, i.Correct, i.OccurredAt))
            .ToListAsync(cancellationToken);
        var started = Stopwatch.GetTimestamp();
        var estimates = tracer.Estimate(history);
        metrics.RecordInference(tracer.Name, started);

        var rows = await db.SkillMastery.Where(m => m.StudentId == studentId && skillIds.Contains(m.SkillId))
            .ToDictionaryAsync(m => m.SkillId, cancellationToken);
        foreach (var skillId in skillIds.Where(estimates.ContainsKey))
        {
            if (!rows.TryGetValue(skillId, out var row))
            {
                row = new SkillMastery { StudentId = studentId, SkillId = skillId, Model = tracer.Name };
                db.SkillMastery.Add(row);
            }
            var attempts = history.Where(h => h.SkillId == skillId).ToList();
            row.Probability = estimates[skillId];
            row.Attempts = attempts.Count;
            row.Correct = attempts.Count(a => a.Correct);
            row.Model = tracer.Name;
            row.UpdatedAt = clock.GetUtcNow();
        }
        await db.SaveChangesAsync(cancellationToken);
        return skillIds.Where(estimates.ContainsKey).ToDictionary(id => id, id => estimates[id]);
    }

    /// <summary>
    /// Serialises one student's attempt-and-mastery writes until the transaction ends: two tabs answering at once would
    /// otherwise each re-estimate without the other's attempt (and race to insert the same mastery row).
    /// </summary>
    public static Task LockStudentAsync(TutorDbContext db, string studentId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({studentId}))", cancellationToken);

    /// <summary>The student's mastery by skill name, for the tutor's planning (skills never attempted are absent).</summary>
    public async Task<IReadOnlyDictionary<string, double>> ByNameAsync(string studentId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await ByNameAsync(db, studentId, cancellationToken);
    }

    /// <summary>The same, read through the caller's context (and so inside its transaction).</summary>
    public async Task<IReadOnlyDictionary<string, double>> ByNameAsync(TutorDbContext db, string studentId, CancellationToken cancellationToken = default)
    {
        return await db.SkillMastery.Where(m => m.StudentId == studentId)
            .Join(db.Skills, m => m.SkillId, s => s.Id, (m, s) => new { s.Name, m.Probability })
            .ToDictionaryAsync(x => x.Name, x => x.Probability, cancellationToken);
    }
}
