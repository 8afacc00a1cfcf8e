using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using TutorApp.Data;
using TutorApp.Data.Mastery;
using TutorApp.Domain.Mastery;
using TutorApp.Domain.Practice;
using TutorApp.TestSupport;

namespace TutorApp.IntegrationTests.Mastery;

/// <summary>
/// A database with skills 1..5 (the ids the tiny fixture models know), one published problem with a step per skill
/// (step id = skill id), and the mastery services built around whichever tracer a test hands in.
/// </summary>
public sealed class MasteryDatabase : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public IDbContextFactory<TutorDbContext> Contexts { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        Contexts = new PooledDbContextFactory<TutorDbContext>(
            new DbContextOptionsBuilder<TutorDbContext>().UseNpgsql(_database.ConnectionString).Options);
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO skills (id, name, description) SELECT i, 'skill ' || i, '' FROM generate_series(1, 5) i;
            INSERT INTO problems (id, created_at, key) VALUES (1, now(), 'five-skills');
            INSERT INTO problem_versions (id, problem_id, number, status, title, statement_markdown, final_answer, difficulty, source, licence, tags, created_at)
                VALUES (1, 1, 1, 'Published', 'Five skills', 'One step per skill.', '{"kind": "number", "value": 1}', 1, 'test', 'CC0', '{}', now());
            INSERT INTO solution_steps (id, position, prompt, problem_version_id, key) SELECT i, i, 'Step ' || i, 1, 's' || i FROM generate_series(1, 5) i;
            INSERT INTO step_skills (step_id, skill_id) SELECT i, i FROM generate_series(1, 5) i;
            """, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    public MasteryService Service(IKnowledgeTracer tracer) => new(tracer, Contexts, TimeProvider.System, NullLogger<MasteryService>.Instance);

    public MasteryQueries Queries(IKnowledgeTracer tracer) => new(tracer, Contexts);

    public MasteryRecompute Recompute(IKnowledgeTracer tracer) => new(tracer, Contexts, TimeProvider.System, NullLogger<MasteryRecompute>.Instance);

    public async Task<string> NewStudentAsync()
    {
        var id = Guid.NewGuid().ToString();
        await using var db = await Contexts.CreateDbContextAsync();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO users (id, display_name, email_confirmed, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count)
            VALUES ({id}, 'Student', false, false, false, false, 0)
            """);
        return id;
    }

    /// <summary>Records one answer the way the tutoring and practice paths do: interaction and mastery in one
    /// transaction under the student's lock.</summary>
    public async Task AnswerAsync(MasteryService service, string studentId, SkillAttempt attempt)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await MasteryService.LockStudentAsync(db, studentId, default);
        db.Interactions.Add(new Interaction
        {
            StudentId = studentId,
            StepId = attempt.SkillId,
            SkillId = attempt.SkillId,
            Correct = attempt.Correct,
            AnswerText = attempt.Correct ? "right" : "wrong",
            OccurredAt = attempt.At,
        });
        await db.SaveChangesAsync();
        await service.UpdateAsync(db, studentId, [attempt.SkillId]);
        await transaction.CommitAsync();
    }

    public async Task<Dictionary<int, SkillMastery>> MasteryAsync(string studentId)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.SkillMastery.AsNoTracking().Where(m => m.StudentId == studentId).ToDictionaryAsync(m => m.SkillId);
    }

    public async Task<List<MasterySnapshot>> SnapshotsAsync(string studentId)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.MasterySnapshots.AsNoTracking().Where(s => s.StudentId == studentId).OrderBy(s => s.InteractionId).ToListAsync();
    }

    public async Task<StudentKnowledgeState?> StateAsync(string studentId)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.KnowledgeStates.AsNoTracking().SingleOrDefaultAsync(s => s.StudentId == studentId);
    }
}
