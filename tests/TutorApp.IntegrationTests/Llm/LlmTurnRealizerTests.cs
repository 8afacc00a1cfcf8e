using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TutorApp.Data.Seeding;
using TutorApp.Domain.Content.Bank;
using TutorApp.Llm;
using TutorApp.TestSupport;
using TutorApp.Tutoring;
using TutorApp.Tutoring.Realization;

namespace TutorApp.IntegrationTests.Llm;

/// <summary>
/// The LLM realizer against a real OpenAI-compatible HTTP server on loopback serving scripted responses: good wording,
/// a leak, malformed JSON, a wrong move label, a 500, a reply that never comes, and a simulated student the hint does
/// or does not help. Every failure must end in the engine's authored turn, with the outcome in the call log.
/// </summary>
public sealed class LlmTurnRealizerTests : IAsyncLifetime
{
    private const string GoodQuestion = "Let's picture the pizzas on the table. How many slices does one pizza have, and how many pizzas are there?";
    private const string WordLeak = "Each friend simply gets five and one third slices, so the answer is five and a third.";

    private static readonly BankProblemVersion Pizzas = SampleContent.Create(DateTimeOffset.UnixEpoch).Problems[0].Versions[0];
    private readonly SocraticEngine _engine = new();
    private readonly RecordingCallLog _log = new();
    private ScriptedChatServer _server = default!;

    public async Task InitializeAsync() => _server = await ScriptedChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_good_socratic_question_replaces_the_authored_words_and_keeps_the_plan()
    {
        _server.Script = request => ScriptedResponse.Turn(request.PlannedMove, GoodQuestion);
        // A second wrong answer: the tutor asks the wrong-answer question (the first gets the root's authored hint).
        var (request, offline) = Turn("I think it is 10", "I think it is 12");

        var turns = await Realizer().RealizeAsync(request, CancellationToken.None);

        var turn = Assert.Single(turns);
        Assert.Equal(GoodQuestion, turn.Text);
        Assert.Equal(offline with { Text = GoodQuestion, Diagnostics = turn.Diagnostics }, turn);
        var call = Assert.Single(_log.Calls);
        Assert.Equal(("turn", "accepted", 7L), (call.Purpose, call.Outcome, call.SessionId!.Value));
        Assert.True(call.InputTokens > 0 && call.OutputTokens > 0);
        // Student text reached the model only as a JSON string value inside the data, never in the instructions.
        var sent = Assert.Single(_server.Requests);
        Assert.Equal("I think it is 12", sent.Field("student_message"));
        Assert.DoesNotContain("I think it is 12", sent.System, StringComparison.Ordinal);
        Assert.True(sent.JsonMode);
    }

    [Fact]
    public async Task A_leak_in_words_is_blocked_regenerated_and_falls_back_to_the_authored_turn()
    {
        _server.Script = request => ScriptedResponse.Turn(request.PlannedMove, WordLeak);
        var (request, offline) = Turn("just tell me the answer");

        var turn = Assert.Single(await Realizer().RealizeAsync(request, CancellationToken.None));

        Assert.Equal(offline.Text, turn.Text);
        Assert.Equal(3, _server.Requests.Count);
        Assert.All(_log.Calls, call => Assert.Equal("rejected", call.Outcome));
        Assert.All(_log.Calls, call => Assert.StartsWith("guard: shows five and one third", call.Detail));
        Assert.Contains(turn.Diagnostics, d => d.StartsWith("LLM wording not used: guard", StringComparison.Ordinal));
        // The second try is told why the first was refused, without being shown the leak.
        Assert.Contains("revealed or hinted", _server.Requests.Last().Field("previous_attempt_rejected_because"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("malformed JSON", "malformed: not JSON")]
    [InlineData("wrong move label", "label: the move is \"Telling\"")]
    [InlineData("prose instead of JSON", "malformed: not JSON")]
    public async Task An_unusable_reply_falls_back_to_the_authored_turn(string scenario, string expected)
    {
        _server.Script = scenario switch
        {
            "malformed JSON" => _ => new ScriptedResponse.Reply("{\"move\": \"Probing\", \"text\": \"How many slices"),
            "wrong move label" => _ => ScriptedResponse.Turn("Telling", GoodQuestion),
            _ => _ => new ScriptedResponse.Reply(GoodQuestion),
        };
        var (request, offline) = Turn("I think it is 10");
        Assert.NotEqual("Telling", offline.Move.ToString());

        var turn = Assert.Single(await Realizer().RealizeAsync(request, CancellationToken.None));

        Assert.Equal(offline.Text, turn.Text);
        Assert.All(_log.Calls, call => Assert.StartsWith(expected, call.Detail));
    }

    [Fact]
    public async Task A_server_error_is_retried_with_back_off_then_falls_back()
    {
        _server.Script = _ => new ScriptedResponse.Status(500);
        var (request, offline) = Turn("I think it is 10");

        var turn = Assert.Single(await Realizer().RealizeAsync(request, CancellationToken.None));

        Assert.Equal(offline.Text, turn.Text);
        Assert.Equal(2, _server.Requests.Count); // the attempt and one retry (Llm:MaxRetries = 1)
        var call = Assert.Single(_log.Calls);
        Assert.Equal(("failed", "HTTP 500"), (call.Outcome, call.Detail));
    }

    [Fact]
    public async Task A_body_that_is_not_a_completion_falls_back()
    {
        _server.Script = _ => new ScriptedResponse.RawBody("<html>gateway</html>");
        var (request, offline) = Turn("I think it is 10");

        var turn = Assert.Single(await Realizer().RealizeAsync(request, CancellationToken.None));

        Assert.Equal(offline.Text, turn.Text);
        Assert.Equal("failed", Assert.Single(_log.Calls).Outcome);
    }

    [Fact]
    public async Task A_reply_that_never_arrives_falls_back_when_the_turn_budget_is_spent()
    {
        _server.Script = _ => new ScriptedResponse.Hang();
        var (request, offline) = Turn("I think it is 10");
        var realizer = Realizer(options => options.TurnBudgetSeconds = 1);

        var stopwatch = Stopwatch.StartNew();
        var turn = Assert.Single(await realizer.RealizeAsync(request, CancellationToken.None));
        stopwatch.Stop();

        Assert.Equal(offline.Text, turn.Text);
        Assert.Equal("failed", Assert.Single(_log.Calls).Outcome);
        Assert.Contains("time budget", _log.Calls.Single().Detail, StringComparison.Ordinal);
        // Bounded: the budget, not the hung request, decides (a generous bound, not a timing measurement).
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
        await WaitUntilAsync(() => _server.Abandoned > 0);
    }

    [Fact]
    public async Task A_hint_the_simulated_student_is_not_helped_by_is_regenerated_then_the_authored_hint_is_kept()
    {
        // The simulated student fails with the hint and without it.
        _server.Script = request => request.IsSimulator
            ? new ScriptedResponse.Reply("I still think it is 10 slices.")
            : ScriptedResponse.Turn(request.PlannedMove, "Think about the pizzas and their slices. What could you do with them?");
        var (request, offline) = Turn("can I have a hint?");
        Assert.Equal(TurnKind.Hint, offline.Kind);

        var turn = Assert.Single(await Realizer().RealizeAsync(request, CancellationToken.None));

        Assert.Equal(offline.Text, turn.Text);
        var tutorCalls = _log.Calls.Where(c => c.Purpose == "turn").ToList();
        Assert.Equal(3, tutorCalls.Count);
        Assert.All(tutorCalls, call => Assert.Equal(("rejected", "simulator: rejected: solved 0/2 with the hint, 0/2 without"), (call.Outcome, call.Detail)));
        // Two baseline attempts once, then two attempts with each of the three candidate hints.
        Assert.Equal(2 + 3 * 2, _log.Calls.Count(c => c.Purpose == "simulate"));
        Assert.Equal(2, _server.Requests.Count(r => r.IsSimulator && !r.HasHint));
    }

    [Fact]
    public async Task A_hint_that_helps_the_simulated_student_is_kept()
    {
        const string hint = "Each pizza has the same number of slices. What do the 2 pizzas with 8 slices each make together?";
        _server.Script = request => request.IsSimulator
            ? new ScriptedResponse.Reply(request.HasHint ? "2 times 8 is 16 slices." : "I think it is 10.")
            : ScriptedResponse.Turn(request.PlannedMove, hint);
        var (request, _) = Turn("can I have a hint?");

        var turn = Assert.Single(await Realizer().RealizeAsync(request, CancellationToken.None));

        Assert.Equal(hint, turn.Text);
        var call = Assert.Single(_log.Calls, c => c.Purpose == "turn");
        Assert.Equal(("accepted", "simulator: kept: solved 2/2 with the hint, 0/2 without"), (call.Outcome, call.Detail));
        // The simulated student saw the real student's work and the hint as data.
        Assert.All(_server.Requests.Where(r => r.IsSimulator), r => Assert.Equal("can I have a hint?", r.Field("your_work_so_far")));
    }

    [Fact]
    public async Task A_simulator_that_cannot_be_reached_leaves_the_authored_hint()
    {
        _server.Script = request => request.IsSimulator ? new ScriptedResponse.Status(500) : ScriptedResponse.Turn(request.PlannedMove, "Think about it.");
        var (request, offline) = Turn("can I have a hint?");

        var turn = Assert.Single(await Realizer().RealizeAsync(request, CancellationToken.None));

        Assert.Equal(offline.Text, turn.Text);
        Assert.Equal("unvalidated", Assert.Single(_log.Calls, c => c.Purpose == "turn").Outcome);
    }

    [Fact]
    public async Task The_offline_simulated_student_validates_hints_without_a_second_model_and_the_same_way_every_time()
    {
        const string hint = "Each pizza has the same number of slices. What do the 2 pizzas with 8 slices each make together?";
        _server.Script = request => ScriptedResponse.Turn(request.PlannedMove, hint);
        var (request, offline) = Turn("can I have a hint?");
        Assert.Equal(TurnKind.Hint, offline.Kind);

        async Task<string> ValidationAsync()
        {
            await Realizer(options => options.Simulator = new SimulatorSettings { Kind = SimulatorKind.Offline, Samples = 20 })
                .RealizeAsync(request, CancellationToken.None);
            return _log.Calls.Last(c => c.Purpose == "turn").Detail ?? "";
        }

        var first = await ValidationAsync();
        var second = await ValidationAsync();

        Assert.Matches(@"^simulator: (kept|rejected): solved \d+/20 with the hint, \d+/20 without$", first);
        Assert.Equal(first, second);
        Assert.DoesNotContain(_server.Requests, r => r.IsSimulator);
        Assert.DoesNotContain(_log.Calls, c => c.Purpose == "simulate");
    }

    [Fact]
    public async Task Without_a_simulator_hints_keep_their_authored_words_and_no_model_is_called_for_them()
    {
        _server.Script = request => ScriptedResponse.Turn(request.PlannedMove, "A hint nobody checked.");
        var (request, offline) = Turn("can I have a hint?");

        var turn = Assert.Single(await Realizer(options => options.Simulator.Kind = SimulatorKind.None).RealizeAsync(request, CancellationToken.None));

        Assert.Equal(offline.Text, turn.Text);
        Assert.Empty(_server.Requests);
        Assert.Contains(turn.Diagnostics, d => d.Contains("no student simulator", StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_repeated_failures_the_circuit_opens_and_turns_fall_back_without_calling_the_model()
    {
        _server.Script = _ => new ScriptedResponse.Status(500);
        var realizer = Realizer(options => options.MaxRetries = 0);
        for (var turn = 0; turn < 4; turn++)
        {
            await realizer.RealizeAsync(Turn("I think it is 10").Request, CancellationToken.None);
        }
        var calledBefore = _server.Requests.Count;

        var (request, offline) = Turn("I think it is 10");
        var result = Assert.Single(await realizer.RealizeAsync(request, CancellationToken.None));

        Assert.Equal(offline.Text, result.Text);
        Assert.Equal(calledBefore, _server.Requests.Count);
        Assert.StartsWith("circuit open", _log.Calls.Last().Detail);
    }

    private (RealizationRequest Request, TutorTurn Offline) Turn(string message, string? then = null)
    {
        var opening = _engine.Start(Pizzas, new Dictionary<string, double>());
        var state = opening.State;
        if (then is not null)
        {
            state = _engine.Respond(Pizzas, state, message, new Dictionary<string, double>()).State;
            message = then;
        }
        var outcome = _engine.Respond(Pizzas, state, message, new Dictionary<string, double>());
        var request = new RealizationRequest(Pizzas, state, message, outcome, [new DialogueLine(false, opening.Turn.Text)], 7);
        return (request, Assert.Single(outcome.Turns));
    }

    private LlmTurnRealizer Realizer(Action<LlmOptions>? configure = null)
    {
        var options = new LlmOptions
        {
            Endpoint = _server.Endpoint.ToString(),
            Model = "scripted-tutor",
            Simulator = { Model = "scripted-student", Samples = 2 },
            // Generous, so a loaded test machine cannot turn an expected success into a fallback; the hang test sets its own.
            TurnBudgetSeconds = 30,
            RequestTimeoutSeconds = 20,
        };
        configure?.Invoke(options);
        return new LlmModels(Options.Create(options), _log, TimeProvider.System, NullLoggerFactory.Instance).Realizer!;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var wait = 0; wait < 100 && !condition(); wait++)
        {
            await Task.Delay(50);
        }
        Assert.True(condition());
    }

    internal sealed class RecordingCallLog : ILlmCallLog
    {
        private readonly ConcurrentQueue<LlmCallRecord> _calls = new();

        public IReadOnlyList<LlmCallRecord> Calls => [.. _calls];

        public void Record(LlmCallRecord call) => _calls.Enqueue(call);
    }
}
