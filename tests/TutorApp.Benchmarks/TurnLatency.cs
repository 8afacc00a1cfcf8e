using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using TutorApp.Data.Content;
using TutorApp.Data.Identity;
using TutorApp.Data.Seeding;
using TutorApp.TestSupport;
using TutorApp.Data.Tutoring;

namespace TutorApp.Benchmarks;

/// <summary>
/// Server-side time of one tutoring turn (evaluate, plan, realize, guard, persist turns and attempts, update mastery),
/// measured around TutoringSessions.SendAsync on the real PostgreSQL, over many turns of scripted students.
/// </summary>
internal static class TurnLatency
{
    // A student who makes the usual mistakes, asks for help, then gets there: every kind of turn appears.
    internal static readonly string[] Script =
    [
        "hello", "I think it is 10", "can I have a hint?", "2 and 8", "16", "each gets 2/3", "why?", "I don't know",
        "16 divided by 3", "5 1/3",
    ];

    public static async Task RunAsync(int turns)
    {
        await using var database = new TestDatabase();
        await database.InitializeAsync();
        await using var app = new TutorAppFactory(database.ConnectionString, settings: new Dictionary<string, string>
        {
            ["Tutoring:MessagesPerMinute"] = "10000",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var problemId = (await services.GetRequiredService<ProblemBank>().ListPublishedAsync()).First(p => p.Title == SampleContent.ProblemTitle).ProblemId;
        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        var tutoring = services.GetRequiredService<TutoringSessions>();

        // The students exist before the clock starts; they never sign in, so they need no password (and no hashing).
        var students = new List<string>();
        for (var i = 0; i <= turns / Script.Length; i++)
        {
            var email = $"bench-{i}@bench.test";
            var user = new ApplicationUser { UserName = email, Email = email, DisplayName = email };
            await users.CreateAsync(user);
            await users.AddToRoleAsync(user, Roles.Student);
            students.Add(user.Id);
        }

        var timings = new List<double>(turns);
        var student = 0;
        var warmUp = Math.Min(200, turns / 10);
        var process = Process.GetCurrentProcess();
        TimeSpan cpuAtSteady = default;
        long allocatedAtSteady = 0;
        while (timings.Count < turns)
        {
            var studentId = students[student++];
            var session = await tutoring.StartAsync(studentId, problemId);
            foreach (var message in Script)
            {
                if (timings.Count == warmUp)
                {
                    process.Refresh();
                    cpuAtSteady = process.TotalProcessorTime;
                    allocatedAtSteady = GC.GetTotalAllocatedBytes(precise: true);
                }
                var stopwatch = Stopwatch.StartNew();
                var view = await tutoring.SendAsync(studentId, session.Id, message);
                timings.Add(stopwatch.Elapsed.TotalMilliseconds);
                if (view.Status != "Active" || timings.Count >= turns)
                {
                    break;
                }
            }
        }

        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuAtSteady;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedAtSteady;

        // The first turns include JIT and connection warm-up: report them apart from the steady state.
        var steady = timings.Skip(warmUp).Order().ToList();
        Console.WriteLine($"{timings.Count} turns by {student} students; steady state over {steady.Count} turns (ms):");
        Console.WriteLine($"  p50 {Percentile(steady, 0.50):0.00}  p90 {Percentile(steady, 0.90):0.00}  p99 {Percentile(steady, 0.99):0.00}  max {steady[^1]:0.00}  mean {steady.Average():0.00}");
        // Unlike wall-clock time, these two hardly change with the other load on the machine: compare them across changes.
        Console.WriteLine($"  per turn: {cpu.TotalMilliseconds / steady.Count:0.00} ms CPU of this process (not the database's), {allocated / 1024.0 / steady.Count:0.0} KiB allocated");
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
