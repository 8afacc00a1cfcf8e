using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using TutorApp.Data.Classes;
using TutorApp.Data.Mastery;

namespace TutorApp.Data.Dashboard;

/// <summary>
/// What the teacher's dashboard reads: the class heatmap, a skill's view, a student's detail and transcripts, and the
/// at-risk list. Callers check <see cref="ClassAccess"/> first; these methods trust the class and student they are given.
/// </summary>
/// Mastery is read through <see cref="MasteryQueries"/> at the current time, so a model that forgets shows what the
/// students know today, not what they knew at their last attempt.
public sealed class ClassDashboard(IDbContextFactory<TutorDbContext> contextFactory, MasteryQueries masteryQueries, TimeProvider clock,
    IOptions<DashboardOptions> options)
{
    /// <summary>How far back a student's detail draws mastery trajectories.</summary>
    public static readonly TimeSpan TrajectoryWindow = TimeSpan.FromDays(90);

    /// <summary>Sessions listed on a student's detail; older ones are in the history CSV.</summary>
    public const int SessionsShown = 100;

    public async Task<ClassHeatmap> HeatmapAsync(int classId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var connection = await OpenAsync(db, cancellationToken);
        var students = await StudentsAsync(connection, classId, cancellationToken);
        var cells = await CellsAsync(students, skillId: null, cancellationToken);
        var skills = await SkillsAsync(connection, cells.Select(c => c.SkillId).Distinct().ToArray(), cancellationToken);
        return new ClassHeatmap(classId,
            students.OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ToList(),
            skills.OrderBy(s => s.Group, StringComparer.OrdinalIgnoreCase).ThenBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ToList(),
            cells);
    }

    public async Task<SkillView?> SkillAsync(int classId, int skillId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var connection = await OpenAsync(db, cancellationToken);
        var skill = (await SkillsAsync(connection, [skillId], cancellationToken)).SingleOrDefault();
        if (skill is null)
        {
            return null;
        }
        var students = await StudentsAsync(connection, classId, cancellationToken);
        var names = students.ToDictionary(s => s.Id, s => s.Name);
        var cells = (await CellsAsync(students, skillId, cancellationToken)).OrderBy(c => c.Mastery).ToList();

        var counts = new int[10];
        foreach (var cell in cells)
        {
            counts[Math.Clamp((int)(cell.Mastery * 10), 0, 9)]++;
        }

        var occurrences = await ReadAsync(connection, DashboardSql.SkillMisconceptions, [new("class_id", classId), new("skill_id", skillId)],
            r => new
            {
                Key = r.GetString(0),
                Description = r.GetString(1),
                Example = new MisconceptionExample(r.GetString(2), names.GetValueOrDefault(r.GetString(2), ""), r.GetInt64(3), r.GetString(4),
                    r.GetFieldValue<DateTimeOffset>(5)),
            }, cancellationToken);
        var misconceptions = occurrences
            .GroupBy(o => (o.Key, o.Description))
            .Select(g => new FrequentMisconception(g.Key.Key, g.Key.Description, g.Count(), g.Select(o => o.Example.StudentId).Distinct().Count(),
                // One example per student first, so three examples show three students where there are three.
                g.Select(o => o.Example).DistinctBy(e => e.StudentId).Take(3).ToList()))
            .OrderByDescending(m => m.Occurrences).ThenBy(m => m.Description, StringComparer.OrdinalIgnoreCase)
            .Take(10)
            .ToList();

        return new SkillView(skill.Id, skill.Name, skill.Group, new MasteryDistribution(counts, students.Count - cells.Count), cells, misconceptions);
    }

    public async Task<StudentDetail?> StudentAsync(string studentId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == studentId).Select(u => new { u.DisplayName, u.Email })
            .SingleOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return null;
        }
        var connection = await OpenAsync(db, cancellationToken);
        var now = clock.GetUtcNow();
        var current = await masteryQueries.CurrentAsync(studentId, now, cancellationToken);
        var groups = (await SkillsAsync(connection, current.Select(m => m.SkillId).ToArray(), cancellationToken)).ToDictionary(s => s.Id, s => s.Group);
        var mastery = current.Select(m => new StudentSkillMastery(m.SkillId, m.SkillName, groups.GetValueOrDefault(m.SkillId, ""), m.Probability,
            m.Uncertainty, m.Attempts, m.Correct, m.LastPractisedAt)).ToList();
        var sessions = await ReadAsync(connection, DashboardSql.StudentSessions, [new("student_id", studentId), new("limit", SessionsShown)],
            r => new StudentSessionSummary(r.GetInt64(0), r.GetString(1), r.GetString(2), (int)r.GetInt64(5), (int)r.GetInt64(6), (int)r.GetInt64(7),
                (int)r.GetInt64(8), (int)r.GetInt64(9), (int)r.GetInt64(10), (int)r.GetInt64(11),
                r.GetFieldValue<DateTimeOffset>(3), r.GetFieldValue<DateTimeOffset>(4)), cancellationToken);
        var trajectory = await masteryQueries.TrajectoryAsync(studentId, skillId: null, now - TrajectoryWindow, now, cancellationToken);
        var traits = await masteryQueries.TraitsAsync(studentId, cancellationToken);
        return new StudentDetail(studentId, SchoolClasses.StudentName(user.DisplayName, user.Email), user.Email ?? "",
            mastery.OrderBy(m => m.Group, StringComparer.OrdinalIgnoreCase).ThenBy(m => m.SkillName, StringComparer.OrdinalIgnoreCase).ToList(),
            sessions, trajectory, traits);
    }

    /// <summary>The whole dialogue of one of the student's sessions; null when the session is not theirs.</summary>
    public async Task<Transcript?> TranscriptAsync(string studentId, long sessionId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var session = await db.TutoringSessions.AsNoTracking().Where(s => s.Id == sessionId && s.StudentId == studentId)
            .Join(db.ProblemVersions, s => s.ProblemVersionId, v => v.Id, (s, v) => new { s.Id, s.ProblemVersionId, v.Title, s.Status })
            .SingleOrDefaultAsync(cancellationToken);
        if (session is null)
        {
            return null;
        }
        var misconceptions = await db.Misconceptions.AsNoTracking()
            .Join(db.Steps.Where(st => st.ProblemVersionId == session.ProblemVersionId), m => m.StepId, st => st.Id,
                (m, st) => new { StepKey = st.Key, m.Key, m.Description })
            .ToListAsync(cancellationToken);
        var turns = await db.TutoringTurns.AsNoTracking().Where(t => t.SessionId == sessionId).OrderBy(t => t.Number).ToListAsync(cancellationToken);
        return new Transcript(session.Id, session.Title, session.Status.ToString(), turns
            .Select(t => new TranscriptTurn(t.Number, t.Speaker.ToString(), t.Text, t.Move, t.SubMove, t.Intent, t.StepKey,
                t.MisconceptionKey is null ? null
                    : misconceptions.FirstOrDefault(m => m.StepKey == t.StepKey && m.Key == t.MisconceptionKey)?.Description ?? t.MisconceptionKey,
                t.RevealedAnswer, t.GuardIntervened, t.CreatedAt))
            .ToList());
    }

    /// <summary>
    /// Students who stall (many messages without progress in an unfinished session), most stuck first, then students whose
    /// mastery of a skill fell over the look-back window (forgetting included), largest drop first; one line per student and reason.
    /// </summary>
    public async Task<IReadOnlyList<AtRiskStudent>> AtRiskAsync(int classId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var connection = await OpenAsync(db, cancellationToken);
        var students = await StudentsAsync(connection, classId, cancellationToken);
        var names = students.ToDictionary(s => s.Id, s => s.Name);
        var settings = options.Value;

        var stalled = (await ReadAsync(connection, DashboardSql.StalledSessions,
                [new("class_id", classId), new("min_messages", (long)settings.StallMessages)],
                r => new AtRiskStudent(r.GetString(1), names.GetValueOrDefault(r.GetString(1), ""), RiskReason.Stalled,
                    $"{r.GetInt64(3)} messages without progress on \"{r.GetString(2)}\"", r.GetInt64(0), SkillId: null), cancellationToken))
            .DistinctBy(r => r.StudentId);

        var since = clock.GetUtcNow().AddDays(-settings.FallingWindowDays);
        var before = (await ReadAsync(connection, DashboardSql.MasteryAsOf, [new("class_id", classId), new("since", since)],
                r => (StudentId: r.GetString(0), SkillId: r.GetInt32(1), Probability: r.GetDouble(2)), cancellationToken))
            .ToDictionary(b => (b.StudentId, b.SkillId), b => b.Probability);
        var now = await CellsAsync(students, skillId: null, cancellationToken);
        var skillNames = (await SkillsAsync(connection, now.Select(c => c.SkillId).Distinct().ToArray(), cancellationToken)).ToDictionary(s => s.Id, s => s.Name);
        var falling = now
            .Select(cell => (Cell: cell, Before: before.TryGetValue((cell.StudentId, cell.SkillId), out var then) ? then : (double?)null))
            .Where(x => x.Before - x.Cell.Mastery >= settings.FallingDrop)
            .OrderByDescending(x => x.Before - x.Cell.Mastery)
            .DistinctBy(x => x.Cell.StudentId)
            .Select(x => new AtRiskStudent(x.Cell.StudentId, names.GetValueOrDefault(x.Cell.StudentId, ""), RiskReason.Falling,
                $"mastery of \"{skillNames.GetValueOrDefault(x.Cell.SkillId, "")}\" fell from {x.Before:P0} to {x.Cell.Mastery:P0} in {settings.FallingWindowDays} days",
                SessionId: null, x.Cell.SkillId));

        return stalled.Concat(falling).ToList();
    }

    /// <summary>Every attempt of the student, oldest first, for the history CSV.</summary>
    public async Task<IReadOnlyList<HistoryRow>> HistoryAsync(string studentId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var connection = await OpenAsync(db, cancellationToken);
        return await ReadAsync(connection, DashboardSql.StudentHistory, [new("student_id", studentId)],
            r => new HistoryRow(r.GetFieldValue<DateTimeOffset>(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetBoolean(4), r.GetInt32(5),
                r.GetString(6), r.IsDBNull(7) ? null : r.GetInt64(7)), cancellationToken);
    }

    private static async Task<List<HeatmapStudent>> StudentsAsync(NpgsqlConnection connection, int classId, CancellationToken cancellationToken) =>
        await ReadAsync(connection, DashboardSql.ClassStudents, [new("class_id", classId)],
            r => new HeatmapStudent(r.GetString(0), SchoolClasses.StudentName(r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2))), cancellationToken);

    /// <summary>The students' mastery now (one skill, or every skill they practised).</summary>
    private async Task<List<HeatmapCell>> CellsAsync(IReadOnlyList<HeatmapStudent> students, int? skillId, CancellationToken cancellationToken)
    {
        var current = await masteryQueries.CurrentAsync(students.Select(s => s.Id).ToList(), clock.GetUtcNow(), cancellationToken);
        return current
            .SelectMany(student => student.Value
                .Where(m => skillId is null || m.SkillId == skillId)
                .Select(m => new HeatmapCell(student.Key, m.SkillId, m.Probability, m.Uncertainty, m.Attempts, m.Correct, m.LastPractisedAt)))
            .ToList();
    }

    private static async Task<List<HeatmapSkill>> SkillsAsync(NpgsqlConnection connection, int[] skillIds, CancellationToken cancellationToken) =>
        await ReadAsync(connection, DashboardSql.SkillsById, [new("skill_ids", skillIds)],
            r => new HeatmapSkill(r.GetInt32(0), r.GetString(1), r.GetString(2).Length > 0 ? r.GetString(2) : "Ungrouped"), cancellationToken);

    private static async Task<NpgsqlConnection> OpenAsync(TutorDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        return (NpgsqlConnection)db.Database.GetDbConnection();
    }

    private static async Task<List<T>> ReadAsync<T>(NpgsqlConnection connection, string sql, NpgsqlParameter[] parameters, Func<DbDataReader, T> read,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }
        return rows;
    }
}
