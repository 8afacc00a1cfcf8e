using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using TutorApp.Data.Classes;
using TutorApp.Data.Content;
using TutorApp.Data.Identity;
using TutorApp.Data.Mastery;
using TutorApp.Domain.Answers;
using TutorApp.Domain.Classes;
using TutorApp.Domain.Content;
using TutorApp.Domain.Content.Bank;

namespace TutorApp.Data.Seeding;

/// <param name="Name">Lower-case letters, digits and dashes: it prefixes skills, problems, classes and emails.</param>
/// <param name="ClassSize">Students per class; with more seats than students, some students are in two classes.</param>
public sealed record SchoolSpec(string Name, int Students, int Teachers, int Classes, int ClassSize, int Skills, int SkillGroups, long Interactions, int RandomSeed);

public sealed record SchoolSeedSummary(int Students, int Teachers, int Classes, int Skills, int Problems, int Sessions, long Turns, long Interactions,
    TimeSpan Content, TimeSpan Users, TimeSpan Activity, TimeSpan Mastery, string Password);

/// <summary>
/// Generates a whole synthetic school for load and benchmark runs (<c>tutor seed school</c>): skills in groups, one-step
/// problems with a misconception each, teachers, students, classes, and a history of finished tutoring sessions with
/// turns and attempts, written with PostgreSQL binary COPY. Mastery is then computed by the configured model through
/// <see cref="MasteryRecompute"/>, exactly as after a model change.
/// </summary>
public sealed partial class SchoolSeeder(BankImporter importer, MasteryRecompute recompute, IDbContextFactory<TutorDbContext> contextFactory, TimeProvider clock)
{
    /// <summary>Every seeded account has this password (hashed once: hashing is deliberately slow).</summary>
    public const string Password = "School-seed-pass-1";

    private const int ProblemsPerSkill = 2;
    private static readonly TimeSpan HistorySpan = TimeSpan.FromDays(120);

    public async Task<SchoolSeedSummary> SeedAsync(SchoolSpec spec, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        Validate(spec);
        var random = new Random(spec.RandomSeed);
        var now = clock.GetUtcNow();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Problems.AnyAsync(p => p.Key.StartsWith(spec.Name + "-"), cancellationToken))
        {
            throw new InvalidOperationException($"A school named '{spec.Name}' is already seeded in this database; choose another --name.");
        }

        var watch = Stopwatch.StartNew();
        progress?.Report($"content: {spec.Skills} skills in {spec.SkillGroups} groups, {spec.Skills * ProblemsPerSkill} problems");
        await importer.ImportAsync(Content(spec, now), authorId: null, cancellationToken: cancellationToken);
        var steps = await db.Steps.AsNoTracking()
            .Where(s => s.ProblemVersion!.Problem!.Key.StartsWith(spec.Name + "-"))
            .Select(s => new SeedStep(s.Id, s.ProblemVersionId, s.Key, s.Skills.First().SkillId, s.Misconceptions.First().Key))
            .ToListAsync(cancellationToken);
        var content = watch.Elapsed;

        watch.Restart();
        progress?.Report($"users: {spec.Teachers} teachers, {spec.Students} students; {spec.Classes} classes of {spec.ClassSize}");
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        var teachers = await CopyUsersAsync(connection, db, spec, "teacher", spec.Teachers, Roles.Teacher, cancellationToken);
        var students = await CopyUsersAsync(connection, db, spec, "student", spec.Students, Roles.Student, cancellationToken);
        var classes = Enumerable.Range(1, spec.Classes).Select(c => new SchoolClass
        {
            Name = $"{spec.Name} class {c:00}",
            TeacherId = teachers[(c - 1) % teachers.Count],
            // Not from the seeded generator: a second school with the same seed must not draw the same codes.
            JoinCode = System.Security.Cryptography.RandomNumberGenerator.GetString("ABCDEFGHJKMNPQRSTUVWXYZ23456789", 8),
            CreatedAt = now - HistorySpan,
        }).ToList();
        db.Classes.AddRange(classes);
        await db.SaveChangesAsync(cancellationToken);
        await using (var members = await connection.BeginBinaryImportAsync("COPY class_members (class_id, student_id, joined_at) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            for (var c = 0; c < classes.Count; c++)
            {
                // Consecutive seats wrap around the student list, so every student is in at least one class when seats suffice.
                foreach (var seat in Enumerable.Range(c * spec.ClassSize, spec.ClassSize).Select(s => s % students.Count).Distinct())
                {
                    await members.StartRowAsync(cancellationToken);
                    await members.WriteAsync(classes[c].Id, NpgsqlDbType.Integer, cancellationToken);
                    await members.WriteAsync(students[seat], NpgsqlDbType.Text, cancellationToken);
                    await members.WriteAsync(now - HistorySpan, NpgsqlDbType.TimestampTz, cancellationToken);
                }
            }
            await members.CompleteAsync(cancellationToken);
        }
        var users = watch.Elapsed;

        watch.Restart();
        progress?.Report($"activity: {spec.Interactions:N0} attempts in tutoring sessions");
        var activity = await CopyActivityAsync(connection, spec, students, steps, random, now, cancellationToken);
        var activityTime = watch.Elapsed;

        watch.Restart();
        progress?.Report("mastery: recomputing with the configured model");
        await recompute.RunAsync(batchSize: 200, parallelism: Math.Max(1, Environment.ProcessorCount), progress: null, cancellationToken);
        await using (var analyze = new NpgsqlCommand("ANALYZE", connection))
        {
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        }
        return new SchoolSeedSummary(students.Count, teachers.Count, classes.Count, spec.Skills, steps.Count, activity.Sessions, activity.Turns,
            activity.Interactions, content, users, activityTime, watch.Elapsed, Password);
    }

    private static void Validate(SchoolSpec spec)
    {
        if (!SchoolName().IsMatch(spec.Name))
        {
            throw new ArgumentException("--name must be 2 to 30 lower-case letters, digits or dashes, starting with a letter.");
        }
        if (spec.Students < 1 || spec.Teachers < 1 || spec.Classes < 1 || spec.ClassSize < 1 || spec.Skills < 1 || spec.SkillGroups < 1 || spec.Interactions < 0)
        {
            throw new ArgumentException("--students, --teachers, --classes, --class-size, --skills and --skill-groups must be at least 1, --interactions at least 0.");
        }
        if (spec.SkillGroups > spec.Skills)
        {
            throw new ArgumentException("--skill-groups cannot exceed --skills.");
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{1,29}$")]
    private static partial Regex SchoolName();

    private static string SkillName(SchoolSpec spec, int skill) => $"{spec.Name} skill {skill:000}";

    private static BankDocument Content(SchoolSpec spec, DateTimeOffset now)
    {
        var groups = Enumerable.Range(1, spec.SkillGroups).Select(g => new BankSkill($"{spec.Name} group {g:00}", "A group of seeded skills.", null, []));
        var skills = Enumerable.Range(1, spec.Skills).Select(s => new BankSkill(SkillName(spec, s), "A seeded skill.",
            $"{spec.Name} group {(s - 1) % spec.SkillGroups + 1:00}", []));
        var problems = Enumerable.Range(1, spec.Skills).SelectMany(s => Enumerable.Range(1, ProblemsPerSkill).Select(p =>
        {
            var a = 3 + (s + p) % 7;
            var b = 4 + (s * p) % 9;
            var skill = SkillName(spec, s);
            return new BankProblem($"{spec.Name}-{s:000}-{p}",
            [
                new BankProblemVersion(1, "published", $"{skill}, problem {p}", $"A box holds ${a}$ rows of ${b}$ tiles. How many tiles are there?",
                    new NumberAnswer(a * b), 1 + s % 5, "tutor seed school", "CC0", ["seeded"], [skill], now - HistorySpan, now - HistorySpan,
                    [
                        new BankStep("s1", "How many tiles are there?", new NumberAnswer(a * b), [skill], [],
                            [new BankMisconception("m1", $"Adds the rows and the tiles per row instead of multiplying ({skill}).", [a + b], [], "Is that adding or multiplying?")]),
                    ],
                    [
                        new BankQuestionNode("s1.q1", "s1", null, BankVocabulary.Word(NodeTrigger.Root), null, BankVocabulary.Word(TeacherMove.Focus),
                            "Guiding student focus", "How many tiles are in all the rows together?", new NumberAnswer(a * b),
                            [new Hint(1, "Each row has the same number of tiles."), new Hint(2, $"{a} × {b} = {a * b}.", IsBottomOut: true)]),
                    ]),
            ]);
        }));
        return BankDocument.Create([.. groups, .. skills], [.. problems]);
    }

    private static async Task<List<string>> CopyUsersAsync(NpgsqlConnection connection, TutorDbContext db, SchoolSpec spec, string kind, int count, string role,
        CancellationToken cancellationToken)
    {
        var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).SingleAsync(cancellationToken);
        var hash = new PasswordHasher<ApplicationUser>().HashPassword(new ApplicationUser(), Password);
        var ids = Enumerable.Range(1, count).Select(_ => Guid.NewGuid().ToString()).ToList();
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY users (id, display_name, user_name, normalized_user_name, email, normalized_email, email_confirmed, password_hash, security_stamp, " +
            "concurrency_stamp, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            for (var i = 0; i < count; i++)
            {
                var email = $"{kind}{i + 1:0000}@{spec.Name}.seed.test";
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(ids[i], NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync($"{char.ToUpperInvariant(kind[0])}{kind[1..]} {i + 1:0000}", NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(email, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(email.ToUpperInvariant(), NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(email, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(email.ToUpperInvariant(), NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(true, NpgsqlDbType.Boolean, cancellationToken);
                await writer.WriteAsync(hash, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(Guid.NewGuid().ToString("N").ToUpperInvariant(), NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(Guid.NewGuid().ToString(), NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(false, NpgsqlDbType.Boolean, cancellationToken);
                await writer.WriteAsync(false, NpgsqlDbType.Boolean, cancellationToken);
                await writer.WriteAsync(true, NpgsqlDbType.Boolean, cancellationToken);
                await writer.WriteAsync(0, NpgsqlDbType.Integer, cancellationToken);
            }
            await writer.CompleteAsync(cancellationToken);
        }
        await using (var roles = await connection.BeginBinaryImportAsync("COPY user_roles (user_id, role_id) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var id in ids)
            {
                await roles.StartRowAsync(cancellationToken);
                await roles.WriteAsync(id, NpgsqlDbType.Text, cancellationToken);
                await roles.WriteAsync(roleId, NpgsqlDbType.Text, cancellationToken);
            }
            await roles.CompleteAsync(cancellationToken);
        }
        return ids;
    }

    private sealed record SeedStep(int Id, int ProblemVersionId, string Key, int SkillId, string MisconceptionKey);

    private sealed record Activity(int Sessions, long Turns, long Interactions);

    /// <summary>
    /// Finished sessions, one problem each: every attempt is a student message and a tutor reply (an explanation after
    /// three misses, the bottom-out hint after four), sometimes preceded by a hint request; a wrong answer often shows the
    /// step's misconception. A student's chance of a right answer grows with practice of the skill, from their own ability.
    /// </summary>
    private static async Task<Activity> CopyActivityAsync(NpgsqlConnection connection, SchoolSpec spec, List<string> students, List<SeedStep> steps,
        Random random, DateTimeOffset now, CancellationToken cancellationToken)
    {
        long firstSessionId;
        await using (var next = new NpgsqlCommand("SELECT coalesce(max(id), 0) + 1 FROM tutoring_sessions", connection))
        {
            firstSessionId = (long)(await next.ExecuteScalarAsync(cancellationToken))!;
        }
        var perStudent = spec.Interactions / students.Count;
        var remainder = spec.Interactions % students.Count;
        var sessionId = firstSessionId;
        long turns = 0, interactions = 0;

        // A chunk of students at a time: sessions, then their turns and attempts (which refer to them), in three COPYs.
        foreach (var chunk in Enumerable.Range(0, students.Count).Chunk(100))
        {
            var sessionRows = new List<SessionRow>();
            var turnRows = new List<object[]>();
            var interactionRows = new List<object[]>();
            foreach (var s in chunk)
            {
                var ability = Normal(random);
                var practice = new Dictionary<int, int>();
                var budget = perStudent + (s < remainder ? 1 : 0);
                var time = now - HistorySpan + TimeSpan.FromHours(random.NextDouble() * 48);
                var gap = HistorySpan / Math.Max(1, budget / 6.0);
                while (budget > 0)
                {
                    var step = steps[random.Next(steps.Count)];
                    var attempts = (int)Math.Min(budget, 3 + random.Next(8));
                    var started = time;
                    var number = 0;
                    var misses = 0;
                    var hints = 0;
                    var solved = false;
                    var made = 0;
                    while (made < attempts && !solved)
                    {
                        var done = practice.GetValueOrDefault(step.SkillId);
                        var correct = random.NextDouble() < Logistic(ability - 0.5 + 0.4 * Math.Sqrt(done) + 0.3 * misses);
                        practice[step.SkillId] = done + 1;
                        if (random.NextDouble() < 0.12)
                        {
                            time += TimeSpan.FromSeconds(5 + random.Next(20));
                            turnRows.Add(Turn(sessionId, ++number, "Student", "Can I have a hint?", null, null, "AsksForHint", step.Key, null, false, time));
                            turnRows.Add(Turn(sessionId, ++number, "Tutor", "Each row has the same number of tiles.", "Focus", "Guiding student focus", null, step.Key, null, false, time));
                            hints++;
                        }
                        time += TimeSpan.FromSeconds(10 + random.Next(50));
                        var misconception = !correct && random.NextDouble() < 0.4;
                        var answer = correct ? "that makes the right total" : misconception ? "I added them" : random.Next(100).ToString(System.Globalization.CultureInfo.InvariantCulture);
                        turnRows.Add(Turn(sessionId, ++number, "Student", answer, null, null, "AnswerAttempt", step.Key, misconception ? step.MisconceptionKey : null, false, time));
                        interactionRows.Add([students[s], step.Id, step.SkillId, correct, answer, time, hints, sessionId]);
                        misses = correct ? 0 : misses + 1;
                        var (move, subMove, reveal) = correct ? ("Generic", "Confirming", false)
                            : misses >= 4 ? ("Telling", "Revealing answer", true)
                            : misses >= 3 ? ("Telling", "Revealing strategy", false)
                            : ("Probing", "Seeking self-correction", false);
                        turnRows.Add(Turn(sessionId, ++number, "Tutor", correct ? "Well done." : "Let's look at that again.", move, subMove, null, step.Key, null, reveal, time));
                        solved = correct;
                        made++;
                    }
                    budget -= made;
                    interactions += made;
                    sessionRows.Add(new SessionRow(sessionId++, students[s], step.ProblemVersionId, solved ? "Solved" : "Abandoned", number, started, time));
                    time += gap * (0.5 + random.NextDouble());
                }
            }

            await using (var writer = await connection.BeginBinaryImportAsync(
                "COPY tutoring_sessions (id, student_id, problem_version_id, status, state, turn_count, started_at, updated_at, finished_at, revision) FROM STDIN (FORMAT BINARY)",
                cancellationToken))
            {
                foreach (var row in sessionRows)
                {
                    await writer.StartRowAsync(cancellationToken);
                    await writer.WriteAsync(row.Id, NpgsqlDbType.Bigint, cancellationToken);
                    await writer.WriteAsync(row.StudentId, NpgsqlDbType.Text, cancellationToken);
                    await writer.WriteAsync(row.ProblemVersionId, NpgsqlDbType.Integer, cancellationToken);
                    await writer.WriteAsync(row.Status, NpgsqlDbType.Varchar, cancellationToken);
                    // Finished sessions are never resumed, so they carry no dialogue state.
                    await writer.WriteAsync("{}", NpgsqlDbType.Jsonb, cancellationToken);
                    await writer.WriteAsync(row.Turns, NpgsqlDbType.Integer, cancellationToken);
                    await writer.WriteAsync(row.Started, NpgsqlDbType.TimestampTz, cancellationToken);
                    await writer.WriteAsync(row.Finished, NpgsqlDbType.TimestampTz, cancellationToken);
                    await writer.WriteAsync(row.Finished, NpgsqlDbType.TimestampTz, cancellationToken);
                    await writer.WriteAsync(1, NpgsqlDbType.Integer, cancellationToken);
                }
                await writer.CompleteAsync(cancellationToken);
            }
            await CopyRowsAsync(connection,
                "COPY tutoring_turns (session_id, number, speaker, text, move, sub_move, intent, step_key, misconception_key, revealed_answer, guard_intervened, created_at) FROM STDIN (FORMAT BINARY)",
                turnRows, cancellationToken);
            await CopyRowsAsync(connection,
                "COPY interactions (student_id, step_id, skill_id, correct, answer_text, occurred_at, hints_used, session_id) FROM STDIN (FORMAT BINARY)",
                interactionRows, cancellationToken);
            turns += turnRows.Count;
        }
        await using (var sequence = new NpgsqlCommand("SELECT setval(pg_get_serial_sequence('tutoring_sessions', 'id'), (SELECT max(id) FROM tutoring_sessions))", connection))
        {
            await sequence.ExecuteScalarAsync(cancellationToken);
        }
        return new Activity((int)(sessionId - firstSessionId), turns, interactions);
    }

    private sealed record SessionRow(long Id, string StudentId, int ProblemVersionId, string Status, int Turns, DateTimeOffset Started, DateTimeOffset Finished);

    private static object[] Turn(long sessionId, int number, string speaker, string text, string? move, string? subMove, string? intent, string stepKey,
        string? misconception, bool revealed, DateTimeOffset at) =>
        [sessionId, number, speaker, text, (object?)move ?? DBNull.Value, (object?)subMove ?? DBNull.Value, (object?)intent ?? DBNull.Value, stepKey,
            (object?)misconception ?? DBNull.Value, revealed, false, at];

    /// <summary>Rows of plain values (text, integers, booleans, UTC times), whose binary form Npgsql infers.</summary>
    private static async Task CopyRowsAsync(NpgsqlConnection connection, string copy, List<object[]> rows, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync(copy, cancellationToken);
        foreach (var row in rows)
        {
            await writer.WriteRowAsync(cancellationToken, row);
        }
        await writer.CompleteAsync(cancellationToken);
    }

    private static double Logistic(double x) => 1 / (1 + Math.Exp(-x));

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
