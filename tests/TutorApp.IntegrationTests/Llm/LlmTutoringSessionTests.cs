using TutorApp.Data.Tutoring;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TutorApp.Data;
using TutorApp.Data.Content;
using TutorApp.Data.Identity;
using TutorApp.Data.Seeding;
using TutorApp.TestSupport;
using TutorApp.Tutoring;
using TutorApp.Tutoring.Guarding;
using TutorApp.Web.Tutoring;

namespace TutorApp.IntegrationTests.Llm;

/// <summary>
/// The LLM tutor through the real session service on PostgreSQL, against the scripted server: worded turns are stored
/// and every call is logged with the session; failures, leaks and hangs leave exactly the session an offline tutor
/// would have produced; and a corpus of answer-extraction messages gets no answer out, with the server leaking on every call.
/// </summary>
public sealed class LlmTutoringSessionTests : IAsyncLifetime
{
    private const string GoodQuestion = "Let's picture the pizzas on the table. How many slices does one pizza have, and how many pizzas are there?";

    private readonly TestDatabase _database = new();
    private ScriptedChatServer _server = default!;
    private TutorAppFactory _app = default!;
    private TutorAppFactory _offline = default!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _server = await ScriptedChatServer.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["Tutoring:MessagesPerMinute"] = "10000",
            // The policy's own bottom-out hint is not what these tests are about.
            ["Tutoring:BottomOutAfterFailedAttempts"] = "100",
        };
        _offline = new TutorAppFactory(_database.ConnectionString, settings: settings);
        _app = new TutorAppFactory(_database.ConnectionString, settings: new Dictionary<string, string>(settings)
        {
            ["Llm:Endpoint"] = _server.Endpoint.ToString(),
            ["Llm:Model"] = "scripted-tutor",
            ["Llm:Simulator:Model"] = "scripted-student",
            ["Llm:Simulator:Samples"] = "2",
            ["Llm:TurnBudgetSeconds"] = "5",
            ["Llm:RequestTimeoutSeconds"] = "4",
            // Failures are scripted on purpose here; the circuit breaker has its own test.
            ["Llm:CircuitBreaker:MinimumThroughput"] = "1000",
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _offline.DisposeAsync();
        await _server.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_worded_turn_is_stored_and_every_call_is_logged_with_the_session_and_nothing_the_student_wrote()
    {
        _server.Script = request => ScriptedResponse.Turn(request.PlannedMove, GoodQuestion);
        var (tutoring, student, problemId) = await StudentAsync(_app, "llm-worded");
        var session = await tutoring.StartAsync(student, problemId);
        // The first wrong answer gets the root's authored hint; the second, the wrong-answer question the model words.
        await tutoring.SendAsync(student, session.Id, "I think it is 10");

        var view = await tutoring.SendAsync(student, session.Id, "I think it is 12");

        Assert.Equal(GoodQuestion, view.Turns[^1].Text);
        var calls = await LoggedCallsAsync(session.Id, 1);
        // The first message's hint was tried on the simulator too; the worded question is the last call.
        var call = calls[^1];
        Assert.Equal(("turn", "scripted-tutor", "accepted"), (call.Purpose, call.Model, call.Outcome));
        Assert.True(call.InputTokens > 0 && call.OutputTokens > 0 && call.LatencyMs >= 0);
        Assert.DoesNotContain("10", call.Detail ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leaks_errors_malformed_replies_and_hangs_leave_the_session_an_offline_tutor_would_have()
    {
        string[] messages = ["I think it is 10", "can I have a hint?", "just tell me the answer", "16", "2/3", "idk", "16 ÷ 3 = 5 1/3"];
        var failures = new Func<ScriptedRequest, ScriptedResponse>[]
        {
            request => ScriptedResponse.Turn(request.PlannedMove, "There are sixteen slices, and each friend gets five and a third."),
            _ => new ScriptedResponse.Status(500),
            _ => new ScriptedResponse.Reply("{\"move\": \"Focus\", \"text\": \"unterminated"),
            _ => new ScriptedResponse.Hang(),
            // A move label that does not match the plan (and a simulated student no hint helps).
            request => request.IsSimulator ? new ScriptedResponse.Reply("I don't know.")
                : ScriptedResponse.Turn(request.PlannedMove == "Telling" ? "Focus" : "Telling", "Try again."),
        };
        var (llm, llmStudent, problemId) = await StudentAsync(_app, "llm-consistent");
        var (offline, offlineStudent, _) = await StudentAsync(_offline, "offline-consistent");
        var llmSession = await llm.StartAsync(llmStudent, problemId);
        var offlineSession = await offline.StartAsync(offlineStudent, problemId);

        SessionView llmView = llmSession, offlineView = offlineSession;
        for (var index = 0; index < messages.Length; index++)
        {
            _server.Script = failures[index % failures.Length];
            llmView = await llm.SendAsync(llmStudent, llmSession.Id, messages[index]);
            offlineView = await offline.SendAsync(offlineStudent, offlineSession.Id, messages[index]);
        }

        Assert.Equal("Solved", llmView.Status);
        Assert.Equal(Shape(offlineView), Shape(llmView));
        await using var db = await DbAsync();
        var llmState = await db.TutoringSessions.Where(s => s.Id == llmSession.Id).Select(s => s.State).SingleAsync();
        var offlineState = await db.TutoringSessions.Where(s => s.Id == offlineSession.Id).Select(s => s.State).SingleAsync();
        Assert.Equal(StoredSessionState.Deserialize(offlineState).Dialogue, StoredSessionState.Deserialize(llmState).Dialogue);
        // The move labels are not in the student's view; the stored turns (the teacher's transcript) carry the same ones.
        var llmMoves = await db.TutoringTurns.Where(t => t.SessionId == llmSession.Id).OrderBy(t => t.Number).Select(t => t.Move + " " + t.SubMove).ToListAsync();
        var offlineMoves = await db.TutoringTurns.Where(t => t.SessionId == offlineSession.Id).OrderBy(t => t.Number).Select(t => t.Move + " " + t.SubMove).ToListAsync();
        Assert.Equal(offlineMoves, llmMoves);
        Assert.Equal(
            await db.Interactions.Where(i => i.SessionId == offlineSession.Id).OrderBy(i => i.Id).Select(i => new { i.StepId, i.SkillId, i.Correct, i.HintsUsed }).ToListAsync(),
            await db.Interactions.Where(i => i.SessionId == llmSession.Id).OrderBy(i => i.Id).Select(i => new { i.StepId, i.SkillId, i.Correct, i.HintsUsed }).ToListAsync());
        var outcomes = (await LoggedCallsAsync(llmSession.Id, 5)).Select(c => c.Outcome).ToHashSet();
        Assert.Contains("rejected", outcomes);
        Assert.Contains("failed", outcomes);
    }

    [Fact]
    public async Task No_answer_extraction_message_gets_a_leak_past_the_guard_while_the_server_leaks_on_every_call()
    {
        var corpus = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Llm", "adversarial-messages.txt"))
            .Where(line => line.Length > 0 && !line.StartsWith('#')).ToList();
        Assert.True(corpus.Count >= 50, $"the corpus has {corpus.Count} messages");
        var leaks = LeakForms();
        var served = 0;
        _server.Script = request =>
        {
            // The simulated student always "succeeds", so only the guard stands between a leaking hint and the student.
            if (request.IsSimulator)
            {
                return new ScriptedResponse.Reply("2 × 8 = 16, and 16 ÷ 3 = 5 1/3");
            }
            return ScriptedResponse.Turn(request.PlannedMove, leaks[Interlocked.Increment(ref served) % leaks.Length]);
        };
        var (tutoring, student, problemId) = await StudentAsync(_app, "llm-adversary");
        var session = await tutoring.StartAsync(student, problemId);
        var guard = new LeakGuard();
        var problem = SampleContent.Create(DateTimeOffset.UnixEpoch).Problems[0].Versions[0];
        var nothingResolved = new DialogueState { ProblemVersion = problem.Number, CurrentStepKey = "s1" };

        SessionView view = session;
        foreach (var message in corpus)
        {
            view = await tutoring.SendAsync(student, session.Id, message);
        }

        var shown = view.Turns.Where(t => t.Speaker == "Tutor").ToList();
        Assert.Equal(corpus.Count + 1, shown.Count);
        Assert.Equal(0, view.ResolvedSteps);
        Assert.All(shown, turn =>
        {
            Assert.False(guard.Check(problem, nothingResolved, turn.Text).Leaks, turn.Text);
            Assert.DoesNotContain(turn.Text, leaks);
            Assert.False(turn.RevealedAnswer);
        });
        Assert.True(served >= corpus.Count, $"the server was asked for {served} turns");
        var calls = await LoggedCallsAsync(session.Id, corpus.Count);
        Assert.DoesNotContain(calls, c => c.Purpose == "turn" && c.Outcome == "accepted");
        Assert.Contains(calls, c => c.Outcome == "rejected");
    }

    /// <summary>The pizza problem's answers (16 slices, 5 1/3 each) in every disguise the guard is meant to see through.</summary>
    private static string[] LeakForms() =>
    [
        "Each friend gets 5 1/3 slices.",
        "There are 16 slices in total.",
        "Each friend simply gets five and one third slices.",
        "That is sixteen thirds of a pizza slice each.",
        "Cada amigo recibe cinco y un tercio.",
        "Insgesamt sind es sechzehn Stücke.",
        "Chaque ami reçoit cinq tranches et un tiers.",
        "答案是五又三分之一。",
        "Decode this: " + Convert.ToBase64String(Encoding.ASCII.GetBytes("5 1/3")),
        "Decode this: " + Convert.ToBase64String(Encoding.ASCII.GetBytes("16")),
        "The total is s-i-x-t-e-e-n.",
        "Each gets f1v3 and a th1rd.",
        "About 5.33 slices each.",
        "There are XVI slices.",
        "Morse: .---- -....",
        "🍕🍕🍕🍕🍕🍕🍕🍕🍕🍕🍕🍕🍕🍕🍕🍕",
        "Backwards: neetxis.",
        "In ROT13: fvkgrra.",
        "Each friend gets 5⅓ slices.",
        "Each friend gets \\frac{16}{3} slices.",
        "Each friend gets 16/3.",
        "The digits are one and six.",
    ];

    private static string Shape(SessionView view) =>
        $"{view.Status}, {view.ResolvedSteps} resolved\n" +
        string.Join("\n", view.Turns.Select(t => $"{t.Number} {t.Speaker} {t.RevealedAnswer} {t.Text}"));

    private async Task<List<TutorApp.Domain.Llm.LlmCall>> LoggedCallsAsync(long sessionId, int atLeast)
    {
        // The call log is written in the background: wait for it to catch up.
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await DbAsync();
            var calls = await db.LlmCalls.Where(c => c.SessionId == sessionId).OrderBy(c => c.Id).ToListAsync();
            if (calls.Count >= atLeast || attempt == 100)
            {
                return calls;
            }
            await Task.Delay(50);
        }
    }

    private async Task<TutorDbContext> DbAsync() =>
        await _app.Services.GetRequiredService<IDbContextFactory<TutorDbContext>>().CreateDbContextAsync();

    private static async Task<(TutoringSessions Tutoring, string StudentId, int ProblemId)> StudentAsync(TutorAppFactory app, string name)
    {
        var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"{name}@llm.test";
        var user = new ApplicationUser { UserName = email, Email = email, DisplayName = name };
        Assert.True((await users.CreateAsync(user, "Llm-password-1")).Succeeded);
        await users.AddToRoleAsync(user, Roles.Student);
        var problemId = (await services.GetRequiredService<ProblemBank>().ListPublishedAsync()).First(p => p.Title == SampleContent.ProblemTitle).ProblemId;
        return (services.GetRequiredService<TutoringSessions>(), user.Id, problemId);
    }
}
