using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TutorApp.Data.Content;
using TutorApp.Data.Identity;
using TutorApp.Data.Seeding;
using TutorApp.Data.Tutoring;
using TutorApp.TestSupport;

namespace TutorApp.Benchmarks;

/// <summary>
/// One full tutoring turn with persistence, through the same service as the page and the API
/// (TutoringSessions.SendAsync): lock, load, evaluate, plan, realize, guard, store turns, attempts and state, update
/// mastery, commit, read the session back; on a real PostgreSQL (a database of its own, created and dropped here).
/// Each iteration replays the same dialogue from fresh sessions, so session length and history stay the same from one
/// iteration to the next.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, warmupCount: 2, iterationCount: 10, invocationCount: Students * 8)]
public class PersistedTurnBenchmarks
{
    private const int Students = 20;

    // Every kind of turn, and never the final answer, so each session stays open through the whole script.
    private static readonly string[] Script =
        ["hello", "I think it is 10", "can I have a hint?", "2 and 8", "16", "each gets 2/3", "why?", "I don't know"];

    private readonly TestDatabase _database = new();
    private TutorAppFactory _app = default!;
    private IServiceScope _scope = default!;
    private TutoringSessions _tutoring = default!;
    private readonly List<string> _students = [];
    private readonly List<long> _sessions = [];
    private int _problemId;
    private int _turn;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        await _database.InitializeAsync();
        _app = new TutorAppFactory(_database.ConnectionString, settings: new Dictionary<string, string>
        {
            ["Tutoring:MessagesPerMinute"] = "10000",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        _scope = _app.Services.CreateScope();
        _tutoring = _scope.ServiceProvider.GetRequiredService<TutoringSessions>();
        _problemId = (await _scope.ServiceProvider.GetRequiredService<ProblemBank>().ListPublishedAsync())
            .First(p => p.Title == SampleContent.ProblemTitle).ProblemId;
        var users = _scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        for (var i = 0; i < Students; i++)
        {
            var email = $"bench-{i}@bench.test";
            var user = new ApplicationUser { UserName = email, Email = email, DisplayName = email };
            await users.CreateAsync(user, "Bench-password-1");
            await users.AddToRoleAsync(user, Roles.Student);
            _students.Add(user.Id);
        }
    }

    [IterationSetup]
    public void FreshSessions() => FreshSessionsAsync().GetAwaiter().GetResult();

    private async Task FreshSessionsAsync()
    {
        await using (var connection = new NpgsqlConnection(_database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var clear = new NpgsqlCommand("DELETE FROM interactions; DELETE FROM skill_mastery; DELETE FROM tutoring_sessions;", connection);
            await clear.ExecuteNonQueryAsync();
        }
        _sessions.Clear();
        foreach (var student in _students)
        {
            _sessions.Add((await _tutoring.StartAsync(student, _problemId)).Id);
        }
        _turn = 0;
    }

    /// <summary>The students take turns: every student's first message, then every student's second, and so on.</summary>
    [Benchmark]
    public Task<SessionView> OneTurn()
    {
        var student = _turn % Students;
        var message = Script[_turn / Students % Script.Length];
        _turn++;
        return _tutoring.SendAsync(_students[student], _sessions[student], message);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _scope.Dispose();
        _app.Dispose();
        _database.DisposeAsync().GetAwaiter().GetResult();
    }
}
