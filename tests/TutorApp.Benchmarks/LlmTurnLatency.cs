using TutorApp.Data.Tutoring;
using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TutorApp.Data;
using TutorApp.Data.Content;
using TutorApp.Data.Identity;
using TutorApp.Data.Seeding;
using TutorApp.TestSupport;
using TutorApp.Web.Tutoring;

namespace TutorApp.Benchmarks;

/// <summary>
/// What the LLM path adds to a tutoring turn, against the scripted OpenAI-compatible server on loopback (so the model's
/// own time is zero and what is measured is our side: prompt building, HTTP, parsing, the guard, the simulator calls,
/// the call log). The same scripted students run through an offline app and an LLM app on one database; then turns
/// against a server that never answers show the fallback time, which the turn budget bounds.
/// </summary>
internal static class LlmTurnLatency
{
    // The offline benchmark's scripted student, so the two measure the same turns.
    private static readonly string[] Script = TurnLatency.Script;

    private const string Question = "Let's think about this together. What do you notice about the pizzas and the slices?";

    public static async Task RunAsync(int turns, int hangingTurns)
    {
        await using var database = new TestDatabase();
        await database.InitializeAsync();
        await using var server = await ScriptedChatServer.StartAsync();
        server.Script = request => request.IsSimulator
            ? new ScriptedResponse.Reply(request.HasHint ? "2 × 8 = 16, and 16 ÷ 3 = 5 1/3" : "I think it is 10.")
            : ScriptedResponse.Turn(request.PlannedMove, Question);
        var common = new Dictionary<string, string>
        {
            ["Tutoring:MessagesPerMinute"] = "10000",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        await using var offline = new TutorAppFactory(database.ConnectionString, settings: common);
        await using var llm = new TutorAppFactory(database.ConnectionString, settings: new Dictionary<string, string>(common)
        {
            ["Llm:Endpoint"] = server.Endpoint.ToString(),
            ["Llm:Model"] = "scripted-tutor",
            ["Llm:Simulator:Model"] = "scripted-student",
        });

        var offlineTimes = await TimeTurnsAsync(offline, "offline", turns);
        var llmTimes = await TimeTurnsAsync(llm, "llm", turns);
        Report("offline turn", offlineTimes);
        Report("LLM turn (scripted server)", llmTimes);
        var offlineSteady = Steady(offlineTimes);
        var llmSteady = Steady(llmTimes);
        Console.WriteLine($"  added by the LLM path: p50 {Percentile(llmSteady, 0.50) - Percentile(offlineSteady, 0.50):0.00} ms, " +
            $"p99 {Percentile(llmSteady, 0.99) - Percentile(offlineSteady, 0.99):0.00} ms");
        await Task.Delay(500); // let the background call log catch up
        await using (var db = await llm.Services.GetRequiredService<IDbContextFactory<TutorDbContext>>().CreateDbContextAsync())
        {
            var outcomes = await db.LlmCalls.GroupBy(c => new { c.Purpose, c.Outcome }).Select(g => new { g.Key.Purpose, g.Key.Outcome, Count = g.Count() })
                .OrderBy(g => g.Purpose).ThenBy(g => g.Outcome).ToListAsync();
            Console.WriteLine("  LLM calls: " + string.Join(", ", outcomes.Select(o => $"{o.Purpose}/{o.Outcome} {o.Count}")));
        }

        server.Script = _ => new ScriptedResponse.Hang();
        var hanging = await TimeTurnsAsync(llm, "hang", hangingTurns, warmUp: false);
        Report($"fallback when the endpoint hangs (Llm:TurnBudgetSeconds default 3)", hanging, steadyOnly: false);
    }

    private static async Task<List<double>> TimeTurnsAsync(TutorAppFactory app, string prefix, int turns, bool warmUp = true)
    {
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var problemId = (await services.GetRequiredService<ProblemBank>().ListPublishedAsync()).First(p => p.Title == SampleContent.ProblemTitle).ProblemId;
        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        var tutoring = services.GetRequiredService<TutoringSessions>();
        var timings = new List<double>(turns);
        var student = 0;
        while (timings.Count < turns)
        {
            var email = $"{prefix}-{student++}@bench.test";
            var user = new ApplicationUser { UserName = email, Email = email, DisplayName = email };
            await users.CreateAsync(user, "Bench-password-1");
            await users.AddToRoleAsync(user, Roles.Student);
            var session = await tutoring.StartAsync(user.Id, problemId);
            foreach (var message in Script)
            {
                var stopwatch = Stopwatch.StartNew();
                var view = await tutoring.SendAsync(user.Id, session.Id, message);
                timings.Add(stopwatch.Elapsed.TotalMilliseconds);
                if (view.Status != "Active" || timings.Count >= turns)
                {
                    break;
                }
            }
        }
        return timings;
    }

    // The first turns include JIT and connection warm-up: reported apart from the steady state.
    private static List<double> Steady(List<double> timings) => timings.Skip(Math.Min(50, timings.Count / 10)).Order().ToList();

    private static void Report(string what, List<double> timings, bool steadyOnly = true)
    {
        var sorted = steadyOnly ? Steady(timings) : timings.Order().ToList();
        Console.WriteLine($"{what}: {sorted.Count} turns (ms): p50 {Percentile(sorted, 0.50):0.00}  p90 {Percentile(sorted, 0.90):0.00}  " +
            $"p99 {Percentile(sorted, 0.99):0.00}  max {sorted[^1]:0.00}  mean {sorted.Average():0.00}");
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
