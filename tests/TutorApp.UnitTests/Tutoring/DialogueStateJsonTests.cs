using System.Collections.Immutable;
using System.Text.Json;
using TutorApp.Tutoring;

namespace TutorApp.UnitTests.Tutoring;

public sealed class DialogueStateJsonTests
{
    private static readonly DialogueState _full = new()
    {
        ProblemVersion = 3,
        CurrentStepKey = "s2",
        CurrentNodeKey = "s2.q3",
        PendingMisconception = "m1",
        ResolvedSteps = ["s1"],
        RevealedSteps = ["s1"],
        NodeVisits = new Dictionary<string, int> { ["s1.q1"] = 2, ["s2.q3"] = 1 }.ToImmutableSortedDictionary(),
        NodeAttempts = new Dictionary<string, int> { ["s1.q1"] = 3 }.ToImmutableSortedDictionary(),
        LevelFailures = new Dictionary<string, int> { ["s1#0"] = 2 }.ToImmutableSortedDictionary(),
        HintsUsed = new Dictionary<string, int> { ["s1.q1"] = 3 }.ToImmutableSortedDictionary(),
        FailedAttempts = new Dictionary<string, int> { ["s1"] = 2, [DialogueState.FinalAnswerKey] = 1 }.ToImmutableSortedDictionary(),
        TurnCount = 9,
    };

    [Fact]
    public void Every_field_survives_a_round_trip()
    {
        var json = DialogueStateJson.Serialize(_full);

        var read = DialogueStateJson.Deserialize(json);

        Assert.Equal(_full, read);
        Assert.Equal(json, DialogueStateJson.Serialize(read));
        Assert.NotEqual(_full, read with { TurnCount = 10 });
        Assert.NotEqual(_full, read with { HintsUsed = read.HintsUsed.SetItem("s1.q1", 1) });
    }

    [Fact]
    public void The_json_carries_a_version_and_camel_case_names()
    {
        using var document = JsonDocument.Parse(DialogueStateJson.Serialize(_full));

        Assert.Equal(DialogueState.CurrentVersion, document.RootElement.GetProperty("version").GetInt32());
        Assert.Equal("s2.q3", document.RootElement.GetProperty("currentNodeKey").GetString());
        Assert.False(document.RootElement.TryGetProperty("atStepLevel", out _));
    }

    [Fact]
    public void Missing_fields_read_as_empty()
    {
        var read = DialogueStateJson.Deserialize("""{"version":1,"currentStepKey":"s1"}""");

        Assert.Equal("s1", read.CurrentStepKey);
        Assert.Empty(read.ResolvedSteps);
        Assert.Empty(read.HintsUsed);
        Assert.False(read.Solved);
    }

    [Theory]
    [InlineData("""{"version":2}""")]
    [InlineData("null")]
    [InlineData("""{"version":1,"resolvedSteps":null}""")]
    [InlineData("[]")]
    public void A_state_this_code_cannot_read_is_refused(string json)
    {
        Assert.Throws<JsonException>(() => DialogueStateJson.Deserialize(json));
    }
}
