using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using TutorApp.Domain.Mastery;

namespace TutorApp.Data.Mastery;

/// <summary>What a recompute did.</summary>
public sealed record RecomputeSummary(int Students, long Interactions, string Model, TimeSpan Elapsed);

/// <summary>
/// Rebuilds every student's mastery, snapshots and tracer state from their whole history with the active model (after
/// the model changes, or to fill the snapshots of interactions recorded before they existed). Students are done in
/// batches, one transaction each, under the same per-student lock as live answers; a batch replays its students in
/// parallel (the tracer is the costly part) and writes with COPY. It traces exactly as the incremental update does
/// (<see cref="MasteryTrace"/>), so both give the same numbers.
/// </summary>
public sealed class MasteryRecompute(IKnowledgeTracer tracer, IDbContextFactory<TutorDbContext> contextFactory, TimeProvider clock,
    ILogger<MasteryRecompute> logger)
{
    /// <param name="batchSize">Students per transaction.</param>
    /// <param name="parallelism">Students traced at once within a batch.</param>
    /// <param name="progress">Told the number of students done after each batch.</param>
    public async Task<RecomputeSummary> RunAsync(int batchSize, int parallelism, IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        var watch = Stopwatch.StartNew();
        List<string> students;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            // Students with a state but no interactions left are included, so their stale rows are cleared.
            students = await db.Interactions.Select(i => i.StudentId)
                .Union(db.KnowledgeStates.Select(s => s.StudentId))
                .OrderBy(id => id)
                .ToListAsync(cancellationToken);
        }
        long interactions = 0;
        var done = 0;
        foreach (var batch in students.Chunk(batchSize))
        {
            interactions += await RecomputeBatchAsync(batch, parallelism, cancellationToken);
            done += batch.Length;
            progress?.Report(done);
        }
        logger.LogInformation("Recomputed mastery of {Students} students ({Interactions} interactions) with {Model} in {Elapsed}",
            students.Count, interactions, tracer.Name, watch.Elapsed);
        return new RecomputeSummary(students.Count, interactions, tracer.Name, watch.Elapsed);
    }

    private async Task<long> RecomputeBatchAsync(string[] studentIds, int parallelism, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Always in the same order, so two recomputes running at once cannot deadlock on each other's locks.
        foreach (var studentId in studentIds.Order(StringComparer.Ordinal))
        {
            await MasteryService.LockStudentAsync(db, studentId, cancellationToken);
        }
        await db.MasterySnapshots.Where(s => studentIds.Contains(s.StudentId)).ExecuteDeleteAsync(cancellationToken);
        await db.SkillMastery.Where(m => studentIds.Contains(m.StudentId)).ExecuteDeleteAsync(cancellationToken);
        await db.KnowledgeStates.Where(s => studentIds.Contains(s.StudentId)).ExecuteDeleteAsync(cancellationToken);

        var rows = await db.Interactions.AsNoTracking()
            .Where(i => studentIds.Contains(i.StudentId))
            .OrderBy(i => i.StudentId).ThenBy(i => i.OccurredAt).ThenBy(i => i.Id)
            .Select(i => new { i.StudentId, Interaction = new TracedInteraction(i.Id, i.SkillId, i.Correct, i.OccurredAt) })
            .ToListAsync(cancellationToken);
        var histories = rows.GroupBy(r => r.StudentId).Select(g => (StudentId: g.Key, Interactions: g.Select(r => r.Interaction).ToList())).ToList();

        var traces = new MasteryTrace[histories.Count];
        Parallel.For(0, histories.Count, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, i =>
        {
            var trace = new MasteryTrace(tracer, histories[i].StudentId, KnowledgeState.Empty);
            foreach (var interaction in histories[i].Interactions)
            {
                trace.Apply(interaction);
            }
            traces[i] = trace;
        });

        var now = clock.GetUtcNow();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await WriteSnapshotsAsync(connection, traces, cancellationToken);
        await WriteMasteryAsync(connection, traces, now, cancellationToken);
        await WriteStatesAsync(connection, traces, histories.Select(h => h.StudentId).ToList(), now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return rows.Count;
    }

    private static async Task WriteSnapshotsAsync(NpgsqlConnection connection, IEnumerable<MasteryTrace> traces, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY mastery_snapshots (student_id, skill_id, interaction_id, correct, probability, uncertainty, model, taken_at) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var s in traces.SelectMany(t => t.Snapshots))
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(s.StudentId, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(s.SkillId, NpgsqlDbType.Integer, cancellationToken);
            await copy.WriteAsync(s.InteractionId, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(s.Correct, NpgsqlDbType.Boolean, cancellationToken);
            await copy.WriteAsync(s.Probability, NpgsqlDbType.Double, cancellationToken);
            await WriteNullableAsync(copy, s.Uncertainty, cancellationToken);
            await copy.WriteAsync(s.Model, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(s.TakenAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
        }
        await copy.CompleteAsync(cancellationToken);
    }

    private static async Task WriteMasteryAsync(NpgsqlConnection connection, IEnumerable<MasteryTrace> traces, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY skill_mastery (student_id, skill_id, probability, uncertainty, last_practised_at, attempts, correct, model, updated_at) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var m in traces.SelectMany(t => t.MasteryRows(new Dictionary<int, SkillMastery>(), now)))
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(m.StudentId, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(m.SkillId, NpgsqlDbType.Integer, cancellationToken);
            await copy.WriteAsync(m.Probability, NpgsqlDbType.Double, cancellationToken);
            await WriteNullableAsync(copy, m.Uncertainty, cancellationToken);
            await copy.WriteAsync(m.LastPractisedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
            await copy.WriteAsync(m.Attempts, NpgsqlDbType.Integer, cancellationToken);
            await copy.WriteAsync(m.Correct, NpgsqlDbType.Integer, cancellationToken);
            await copy.WriteAsync(m.Model, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(m.UpdatedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
        }
        await copy.CompleteAsync(cancellationToken);
    }

    private static async Task WriteStatesAsync(NpgsqlConnection connection, IReadOnlyList<MasteryTrace> traces, IReadOnlyList<string> studentIds,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY student_knowledge_states (student_id, model, state, last_interaction_id, interactions, traits, updated_at) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        for (var i = 0; i < traces.Count; i++)
        {
            var row = new StudentKnowledgeState { StudentId = studentIds[i], Model = "", State = "" };
            traces[i].WriteState(row, now);
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(row.StudentId, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(row.Model, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(row.State, NpgsqlDbType.Jsonb, cancellationToken);
            await copy.WriteAsync(row.LastInteractionId, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(row.Interactions, NpgsqlDbType.Integer, cancellationToken);
            if (row.Traits is { } traits)
            {
                await copy.WriteAsync((string)Configurations.JsonColumns.Traits.ConvertToProvider(traits)!, NpgsqlDbType.Jsonb, cancellationToken);
            }
            else
            {
                await copy.WriteNullAsync(cancellationToken);
            }
            await copy.WriteAsync(row.UpdatedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
        }
        await copy.CompleteAsync(cancellationToken);
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter copy, double? value, CancellationToken cancellationToken)
    {
        if (value is { } v)
        {
            await copy.WriteAsync(v, NpgsqlDbType.Double, cancellationToken);
        }
        else
        {
            await copy.WriteNullAsync(cancellationToken);
        }
    }
}
