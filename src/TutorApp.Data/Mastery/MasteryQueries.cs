using Microsoft.EntityFrameworkCore;
using TutorApp.Domain.Mastery;

namespace TutorApp.Data.Mastery;

/// <summary>A student's mastery of one skill as of the time asked about.</summary>
/// <param name="Probability">Mastery at that time: for a model that forgets (PSI-KT on timestamps) lower than right
/// after the last attempt when time has passed; for the others the same as <paramref name="AtLastPractice"/>.</param>
/// <param name="Uncertainty">Standard deviation of the estimate right after the last attempt (probability scale), where
/// the model gives one.</param>
/// <param name="AtLastPractice">Mastery right after the last attempt on the skill.</param>
public sealed record SkillMasteryView(
    int SkillId,
    string SkillName,
    double Probability,
    double? Uncertainty,
    double AtLastPractice,
    DateTimeOffset LastPractisedAt,
    int Attempts,
    int Correct,
    string Model);

/// <summary>One point of a mastery trajectory: the mastery of a skill right after one interaction on it.</summary>
public sealed record MasteryTrajectoryPoint(
    int SkillId,
    string SkillName,
    DateTimeOffset At,
    double Probability,
    double? Uncertainty,
    bool Correct,
    long InteractionId);

/// <summary>A student's learner traits with a plain-words reading of each, as of their last traced interaction.</summary>
public sealed record LearnerTraitsView(LearnerTraits Traits, IReadOnlyList<LearnerTraitExplanation> Explanations, string Model, DateTimeOffset UpdatedAt);

/// <summary>
/// Reads of the mastery that <see cref="MasteryService"/> keeps: current mastery (at a given time, so forgetting shows),
/// trajectories from the snapshots, and learner traits. Callers check that the reader may see the student.
/// </summary>
public sealed class MasteryQueries(IKnowledgeTracer tracer, IDbContextFactory<TutorDbContext> contextFactory)
{
    /// <summary>The student's mastery of every skill they have practised, as of <paramref name="at"/>, by skill name.</summary>
    public async Task<IReadOnlyList<SkillMasteryView>> CurrentAsync(string studentId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var all = await CurrentAsync([studentId], at, cancellationToken);
        return all.TryGetValue(studentId, out var views) ? views : [];
    }

    /// <summary>The same for several students at once (a class): one query for the rows, one tracer call per student
    /// only when the model forgets.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<SkillMasteryView>>> CurrentAsync(IReadOnlyCollection<string> studentIds,
        DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var ids = studentIds.Distinct().ToList();
        var rows = await db.SkillMastery.AsNoTracking()
            .Where(m => ids.Contains(m.StudentId))
            .Join(db.Skills, m => m.SkillId, s => s.Id, (m, s) => new { Row = m, s.Name })
            .ToListAsync(cancellationToken);

        var decayed = new Dictionary<string, IReadOnlyDictionary<int, double>>();
        if (tracer.MasteryDecays && rows.Count > 0)
        {
            var states = await db.KnowledgeStates.AsNoTracking()
                .Where(s => ids.Contains(s.StudentId) && s.Model == tracer.Name)
                .Select(s => new { s.StudentId, s.State })
                .ToListAsync(cancellationToken);
            foreach (var stored in states)
            {
                var state = tracer.DeserializeState(stored.State);
                var skills = rows.Where(r => r.Row.StudentId == stored.StudentId).Select(r => r.Row.SkillId).ToList();
                var last = state.History.Count > 0 ? state.History[^1].At : at;
                decayed[stored.StudentId] = tracer.MasteryAt(state, skills, at > last ? at : last);
            }
        }

        return rows.GroupBy(r => r.Row.StudentId).ToDictionary(g => g.Key, g => (IReadOnlyList<SkillMasteryView>)g
            .Select(r =>
            {
                var m = r.Row;
                // Rows of another model (not recomputed yet) keep their stored value: this model cannot read its state.
                var now = m.Model == tracer.Name && decayed.TryGetValue(m.StudentId, out var d) && d.TryGetValue(m.SkillId, out var p)
                    ? p : m.Probability;
                return new SkillMasteryView(m.SkillId, r.Name, now, m.Uncertainty, m.Probability, m.LastPractisedAt, m.Attempts, m.Correct, m.Model);
            })
            .OrderBy(v => v.SkillName, StringComparer.Ordinal)
            .ToList());
    }

    /// <summary>
    /// The student's mastery trajectory between <paramref name="from"/> and <paramref name="to"/> (inclusive), oldest
    /// first: one point per interaction, for one skill or (<paramref name="skillId"/> null) for all.
    /// </summary>
    public async Task<IReadOnlyList<MasteryTrajectoryPoint>> TrajectoryAsync(string studentId, int? skillId, DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var snapshots = db.MasterySnapshots.AsNoTracking()
            .Where(s => s.StudentId == studentId && s.TakenAt >= from && s.TakenAt <= to);
        if (skillId is { } id)
        {
            snapshots = snapshots.Where(s => s.SkillId == id);
        }
        return await snapshots
            .OrderBy(s => s.TakenAt).ThenBy(s => s.Id)
            .Join(db.Skills, s => s.SkillId, k => k.Id, (s, k) =>
                new MasteryTrajectoryPoint(s.SkillId, k.Name, s.TakenAt, s.Probability, s.Uncertainty, s.Correct, s.InteractionId))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The student's learner traits, or null when the active model has none (or has not traced the student).</summary>
    public async Task<LearnerTraitsView?> TraitsAsync(string studentId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.KnowledgeStates.AsNoTracking()
            .Where(s => s.StudentId == studentId && s.Traits != null)
            .Select(s => new { s.Traits, s.Model, s.UpdatedAt })
            .SingleOrDefaultAsync(cancellationToken);
        return stored?.Traits is { } traits ? new LearnerTraitsView(traits, traits.Explain(), stored.Model, stored.UpdatedAt) : null;
    }
}
