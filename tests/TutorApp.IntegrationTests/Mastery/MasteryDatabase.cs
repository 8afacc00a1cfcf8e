using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using TutorApp.Data;
using Microsoft.Extensions.Options;
using TutorApp.Data.Content;
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
            -- and an easier one-step problem per skill: problem 1 + i, version 1 + i, step 5 + i
            INSERT INTO problems (id, created_at, key) SELECT 1 + i, now(), 'skill-' || i FROM generate_series(1, 5) i;
            INSERT INTO problem_versions (id, problem_id, number, status, title, statement_markdown, final_answer, difficulty, source, licence, tags, created_at)
                SELECT 1 + i, 1 + i, 1, 'Published', 'Only skill ' || i, 'One step.', '{"kind": "number", "value": 1}', 1, 'test', 'CC0', '{}', now()
                FROM generate_series(1, 5) i;
            INSERT INTO solution_steps (id, position, prompt, problem_version_id, key) SELECT 5 + i, 1, 'Step', 1 + i, 's1' FROM generate_series(1, 5) i;
            INSERT INTO step_skills (step_id, skill_id) SELECT 5 + i, i FROM generate_series(1, 5) i;
            -- authored prerequisites: 1 -> 2 -> 3; 4 and 5 stand alone
            INSERT INTO skill_prerequisites (skill_id, prerequisite_id) VALUES (2, 1), (3, 2);
            -- rows added later by tests take ids after the explicit ones
            ALTER TABLE problem_versions ALTER COLUMN id RESTART WITH 1000;
            ALTER TABLE solution_steps ALTER COLUMN id RESTART WITH 1000;
            """, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    public MasteryService Service(IKnowledgeTracer tracer) =>
        new(tracer, Contexts, TimeProvider.System, Metrics, NullLogger<MasteryService>.Instance);

    private static readonly KnowledgeTracingMetrics Metrics =
        new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());

    public MasteryQueries Queries(IKnowledgeTracer tracer) => new(tracer, Contexts);

    public MasteryRecompute Recompute(IKnowledgeTracer tracer) => new(tracer, Contexts, TimeProvider.System, NullLogger<MasteryRecompute>.Instance);

    public ProblemRecommender Recommender(IKnowledgeTracer tracer, DateTimeOffset now) =>
        new(Contexts, Queries(tracer), tracer, Options.Create(new MasteryOptions()), new FixedClock(now));

    /// <summary>A session the student finished on <paramref name="versionId"/>.</summary>
    public async Task SolvedAsync(string studentId, int versionId)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        await db.Database.ExecuteSqlAsync($$"""
            INSERT INTO tutoring_sessions (student_id, problem_version_id, status, state, turn_count, started_at, updated_at, finished_at, revision)
            VALUES ({{studentId}}, {{versionId}}, 'Solved', '{}', 3, now(), now(), now(), 1)
            """);
    }

    /// <summary>Publishes a second version of <paramref name="problemId"/> (the first retired), as an edit would.</summary>
    public async Task RepublishAsync(int problemId)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        await db.Database.ExecuteSqlAsync($"""
            UPDATE problem_versions SET status = 'Retired' WHERE problem_id = {problemId};
            INSERT INTO problem_versions (problem_id, number, status, title, statement_markdown, final_answer, difficulty, source, licence, tags, created_at)
            SELECT problem_id, number + 1, 'Published', title, statement_markdown, final_answer, difficulty, source, licence, tags, now()
            FROM problem_versions WHERE problem_id = {problemId} AND number = 1;
            INSERT INTO solution_steps (position, prompt, problem_version_id, key)
            SELECT 1, 'Step', v.id, 's1' FROM problem_versions v WHERE v.problem_id = {problemId} AND v.number = 2;
            INSERT INTO step_skills (step_id, skill_id)
            SELECT s.id, {problemId - 1} FROM solution_steps s JOIN problem_versions v ON v.id = s.problem_version_id
            WHERE v.problem_id = {problemId} AND v.number = 2;
            """);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

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
