using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TutorApp.Domain.Mastery;

namespace TutorApp.Data.Mastery;

/// <summary>
/// Keeps <c>skill_mastery</c> current, incrementally: each student's tracer state is stored with the id of the last
/// interaction it has seen, and an update applies only the interactions after it (one tracer step each), writing a
/// snapshot per interaction for trajectories. A missing state, or one written by another model, is rebuilt from the
/// student's whole history (<c>tutor mastery recompute</c> does that for everyone after the model changes).
/// </summary>
public sealed class MasteryService(IKnowledgeTracer tracer, IDbContextFactory<TutorDbContext> contextFactory, TimeProvider clock,
    ILogger<MasteryService> logger)
{
    /// <summary>
    /// Applies the student's interactions not yet traced and returns the new mastery of <paramref name="skillIds"/>.
    /// Call it with the context and inside the transaction that stored the new interactions, after
    /// <see cref="LockStudentAsync"/>, so attempt, snapshots and mastery are saved together.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, double>> UpdateAsync(TutorDbContext db, string studentId, IReadOnlyCollection<int> skillIds,
        CancellationToken cancellationToken = default)
    {
        var stored = await db.KnowledgeStates.SingleOrDefaultAsync(s => s.StudentId == studentId, cancellationToken);
        var rebuild = stored is null || stored.Model != tracer.Name;
        if (rebuild)
        {
            if (stored is not null)
            {
                logger.LogInformation("Mastery of student {StudentId} was traced by {Old}; rebuilding it with {New}", studentId, stored.Model, tracer.Name);
            }
            // The old rows describe another model's view (or none): start over from the first interaction.
            await db.MasterySnapshots.Where(s => s.StudentId == studentId).ExecuteDeleteAsync(cancellationToken);
            await db.SkillMastery.Where(m => m.StudentId == studentId).ExecuteDeleteAsync(cancellationToken);
            if (stored is not null)
            {
                stored.LastInteractionId = 0;
                stored.Interactions = 0;
            }
        }
        var after = rebuild ? 0 : stored!.LastInteractionId;
        var fresh = await db.Interactions.AsNoTracking()
            .Where(i => i.StudentId == studentId && i.Id > after)
            .OrderBy(i => i.OccurredAt).ThenBy(i => i.Id)
            .Select(i => new TracedInteraction(i.Id, i.SkillId, i.Correct, i.OccurredAt))
            .ToListAsync(cancellationToken);
        var rows = await db.SkillMastery.Where(m => m.StudentId == studentId).ToDictionaryAsync(m => m.SkillId, cancellationToken);

        var trace = new MasteryTrace(tracer, studentId, rebuild ? KnowledgeState.Empty : tracer.DeserializeState(stored!.State));
        foreach (var interaction in fresh)
        {
            trace.Apply(interaction);
        }
        db.MasterySnapshots.AddRange(trace.Snapshots);
        var now = clock.GetUtcNow();
        foreach (var row in trace.MasteryRows(rows, now))
        {
            if (!rows.ContainsKey(row.SkillId))
            {
                db.SkillMastery.Add(row);
            }
        }
        if (stored is null)
        {
            stored = new StudentKnowledgeState { StudentId = studentId, Model = tracer.Name, State = "" };
            db.KnowledgeStates.Add(stored);
        }
        trace.WriteState(stored, now);
        await db.SaveChangesAsync(cancellationToken);
        return skillIds.Where(trace.State.Mastery.ContainsKey).ToDictionary(id => id, id => trace.State.Mastery[id]);
    }

    /// <summary>
    /// Serialises one student's attempt-and-mastery writes until the transaction ends: two tabs answering at once would
    /// otherwise each trace without the other's attempt (and race to insert the same mastery row).
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

/// <summary>One interaction as the tracer consumes it.</summary>
internal sealed record TracedInteraction(long Id, int SkillId, bool Correct, DateTimeOffset OccurredAt);

/// <summary>
/// One student's interactions run through the tracer, one step each: the state after them, a snapshot per interaction
/// and per-skill tallies. Shared by the incremental update and the bulk recompute, so both give the same numbers.
/// </summary>
internal sealed class MasteryTrace(IKnowledgeTracer tracer, string studentId, KnowledgeState initial)
{
    private readonly Dictionary<int, (int Attempts, int Correct, DateTimeOffset Last)> _tallies = [];
    private long _lastInteractionId;

    public KnowledgeState State { get; private set; } = initial;
    public List<MasterySnapshot> Snapshots { get; } = [];
    public int Applied { get; private set; }

    public void Apply(TracedInteraction interaction)
    {
        State = tracer.Update(State, new SkillAttempt(interaction.SkillId, interaction.Correct, interaction.OccurredAt));
        var (attempts, correct, _) = _tallies.GetValueOrDefault(interaction.SkillId);
        _tallies[interaction.SkillId] = (attempts + 1, correct + (interaction.Correct ? 1 : 0), interaction.OccurredAt);
        Snapshots.Add(new MasterySnapshot
        {
            StudentId = studentId,
            SkillId = interaction.SkillId,
            InteractionId = interaction.Id,
            Correct = interaction.Correct,
            Probability = State.Mastery[interaction.SkillId],
            Uncertainty = UncertaintyOf(interaction.SkillId),
            Model = tracer.Name,
            TakenAt = interaction.OccurredAt,
        });
        _lastInteractionId = Math.Max(_lastInteractionId, interaction.Id);
        Applied++;
    }

    /// <summary>
    /// Updates <paramref name="existing"/> rows in place and returns every row of a skill the state knows (new ones not
    /// yet in <paramref name="existing"/>). Sequence models move every skill after each answer, so all are refreshed.
    /// </summary>
    public IEnumerable<SkillMastery> MasteryRows(IReadOnlyDictionary<int, SkillMastery> existing, DateTimeOffset now)
    {
        foreach (var (skillId, probability) in State.Mastery)
        {
            var tally = _tallies.TryGetValue(skillId, out var t) ? t : ((int, int, DateTimeOffset)?)null;
            if (!existing.TryGetValue(skillId, out var row))
            {
                if (tally is null)
                {
                    continue;  // a skill the state mentions without an attempt this student made: nothing to count
                }
                row = new SkillMastery { StudentId = studentId, SkillId = skillId, Model = tracer.Name };
            }
            if (tally is { } added)
            {
                row.Attempts += added.Item1;
                row.Correct += added.Item2;
                row.LastPractisedAt = added.Item3 > row.LastPractisedAt ? added.Item3 : row.LastPractisedAt;
            }
            var uncertainty = UncertaintyOf(skillId);
            if (tally is null && row.Probability == probability && row.Uncertainty == uncertainty)
            {
                continue;
            }
            row.Probability = probability;
            row.Uncertainty = uncertainty;
            row.Model = tracer.Name;
            row.UpdatedAt = now;
            yield return row;
        }
    }

    private double? UncertaintyOf(int skillId) =>
        State.Uncertainty is { } spread && spread.TryGetValue(skillId, out var value) ? value : null;

    /// <summary>Stores the state after the applied interactions in <paramref name="row"/>.</summary>
    public void WriteState(StudentKnowledgeState row, DateTimeOffset now)
    {
        row.Model = tracer.Name;
        row.State = tracer.SerializeState(State);
        row.LastInteractionId = Math.Max(row.LastInteractionId, _lastInteractionId);
        row.Interactions += Applied;
        row.Traits = State.Traits;
        row.UpdatedAt = now;
    }
}
