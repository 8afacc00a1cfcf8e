using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TutorApp.Data;
using TutorApp.Data.Dashboard;
using TutorApp.TestSupport;

namespace TutorApp.Benchmarks;

/// <summary>
/// Server-side time of the teacher dashboard's two heavy reads on the configured database (seed it first with
/// <c>tutor seed school</c>): the class heatmap of the largest classes and a student's detail (mastery now, sessions with
/// their counts, trajectory, traits), then the query plans of the SQL behind them.
/// </summary>
internal static class DashboardLatency
{
    public static async Task RunAsync(int iterations)
    {
        var connectionString = TestDatabase.ServerConnectionString;
        // Production: no demo seeding; migrations are already applied by the seed.
        await using var app = new TutorAppFactory(connectionString, environment: "Production",
            settings: new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Warning" });
        using var scope = app.Services.CreateScope();
        var dashboard = scope.ServiceProvider.GetRequiredService<ClassDashboard>();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<TutorDbContext>>().CreateDbContextAsync();
        var classes = await db.ClassMembers.GroupBy(m => m.ClassId).Select(g => new { ClassId = g.Key, Students = g.Count() })
            .OrderByDescending(c => c.Students).ThenBy(c => c.ClassId).Take(20).ToListAsync();
        if (classes.Count == 0)
        {
            Console.Error.WriteLine("No classes in this database: run `tutor seed school` first.");
            return;
        }
        var students = await db.ClassMembers.Where(m => classes.Select(c => c.ClassId).Contains(m.ClassId)).Select(m => m.StudentId).Distinct().ToListAsync();
        var random = new Random(3);

        var heatmaps = new List<double>();
        var details = new List<double>();
        var cells = 0;
        var skills = 0;
        for (var i = 0; i < iterations + 20; i++)
        {
            var watch = Stopwatch.StartNew();
            var heatmap = await dashboard.HeatmapAsync(classes[i % classes.Count].ClassId);
            var heatmapMs = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            await dashboard.StudentAsync(students[random.Next(students.Count)]);
            var detailMs = watch.Elapsed.TotalMilliseconds;
            // The first calls pay for JIT and connection warm-up.
            if (i >= 20)
            {
                heatmaps.Add(heatmapMs);
                details.Add(detailMs);
                cells = Math.Max(cells, heatmap.Cells.Count);
                skills = Math.Max(skills, heatmap.Skills.Count);
            }
        }
        Console.WriteLine($"{iterations} calls each; classes of up to {classes[0].Students} students; up to {skills} skills and {cells} cells per heatmap (ms):");
        Report("class heatmap ", heatmaps);
        Report("student detail", details);

        var classId = classes[0].ClassId;
        var studentId = students[0];
        var since = DateTimeOffset.UtcNow.AddDays(-90);
        await ExplainAsync(connectionString, "class students", DashboardSql.ClassStudents, new NpgsqlParameter("class_id", classId));
        // The read MasteryQueries.CurrentAsync makes for the heatmap (EF's query, written out): skill_mastery by student.
        var ids = students.Take(classes[0].Students).ToArray();
        await ExplainAsync(connectionString, "class mastery (as MasteryQueries.CurrentAsync reads it)",
            "SELECT m.*, s.name FROM skill_mastery m JOIN skills s ON m.skill_id = s.id WHERE m.student_id = ANY(@ids)", new NpgsqlParameter("ids", ids));
        await ExplainAsync(connectionString, "student sessions", DashboardSql.StudentSessions,
            new NpgsqlParameter("student_id", studentId), new NpgsqlParameter("limit", ClassDashboard.SessionsShown));
        await ExplainAsync(connectionString, "student trajectory (as MasteryQueries.TrajectoryAsync reads it)",
            "SELECT * FROM mastery_snapshots WHERE student_id = @student_id AND taken_at >= @since ORDER BY taken_at, id",
            new NpgsqlParameter("student_id", studentId), new NpgsqlParameter("since", since));
    }

    private static void Report(string name, List<double> timings)
    {
        var sorted = timings.Order().ToList();
        Console.WriteLine($"  {name}  p50 {Percentile(sorted, 0.50):0.0}  p95 {Percentile(sorted, 0.95):0.0}  p99 {Percentile(sorted, 0.99):0.0}  max {sorted[^1]:0.0}");
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static async Task ExplainAsync(string connectionString, string title, string sql, params NpgsqlParameter[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql, connection);
        command.Parameters.AddRange(parameters);
        Console.WriteLine($"\nEXPLAIN {title}:");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            Console.WriteLine("  " + reader.GetString(0));
        }
    }
}
