using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TutorApp.Data.Seeding;
using TutorApp.Domain.Content;
using TutorApp.Domain.Content.Bank;
using TutorApp.Llm;
using TutorApp.TestSupport;

namespace TutorApp.IntegrationTests.Llm;

/// <summary>Authoring assist against the scripted server: suggestions are checked like tutor turns before an admin may add them.</summary>
public sealed class QuestionSuggesterTests : IAsyncLifetime
{
    private static readonly BankProblemVersion Pizzas = SampleContent.Create(DateTimeOffset.UnixEpoch).Problems[0].Versions[0];
    private readonly LlmTurnRealizerTests.RecordingCallLog _log = new();
    private ScriptedChatServer _server = default!;

    public async Task InitializeAsync() => _server = await ScriptedChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Leaking_suggestions_and_unhelpful_hints_are_rejected_and_a_helpful_one_passes()
    {
        var questions = new object[]
        {
            new { move = "Focus", text = "How many slices does one pizza have, and how many pizzas are there?",
                hints = new[] { "Look at the first sentence.", "Multiply the slices in one pizza by the number of pizzas." } },
            new { move = "Probing", text = "There are sixteen slices, right?", hints = new[] { "Count them." } },
            new { move = "Lecturing", text = "What do you know about the pizzas?", hints = Array.Empty<string>() },
        };
        _server.Script = request => request.IsSimulator
            ? new ScriptedResponse.Reply(request.Field("tutor_hint").Contains("Multiply", StringComparison.Ordinal) ? "2 × 8 = 16" : "I think it is 10.")
            : new ScriptedResponse.Reply(JsonSerializer.Serialize(new { questions }));

        var result = await Suggester().SuggestAsync(Pizzas, "s1", 3, CancellationToken.None);

        Assert.Null(result.Failure);
        Assert.Equal(3, result.Suggestions.Count);
        var (good, leak, badMove) = (result.Suggestions[0], result.Suggestions[1], result.Suggestions[2]);
        Assert.True(good.Accepted, good.Verdict);
        Assert.Equal((TeacherMove.Focus, 2), (good.Move, good.Hints.Count));
        Assert.Contains("solved 2/2 with the hint, 0/2 without", good.Verdict, StringComparison.Ordinal);
        Assert.False(leak.Accepted);
        Assert.Contains("sixteen", leak.Verdict, StringComparison.Ordinal);
        Assert.False(badMove.Accepted);
        Assert.Contains("\"Lecturing\"", badMove.Verdict, StringComparison.Ordinal);
        Assert.Equal("1 of 3 suggestions passed", _log.Calls.Single(c => c.Purpose == "suggest").Detail);
    }

    [Fact]
    public async Task A_reply_without_questions_says_so()
    {
        _server.Script = _ => new ScriptedResponse.Reply("{\"ideas\": []}");

        var result = await Suggester().SuggestAsync(Pizzas, "s1", 3, CancellationToken.None);

        Assert.Empty(result.Suggestions);
        Assert.Contains("no \"questions\" array", result.Failure, StringComparison.Ordinal);
    }

    private QuestionSuggester Suggester() => new LlmModels(Options.Create(new LlmOptions
    {
        Endpoint = _server.Endpoint.ToString(),
        Model = "scripted-tutor",
        Simulator = { Samples = 2 },
    }), _log, TimeProvider.System, NullLoggerFactory.Instance).Suggester!;
}
