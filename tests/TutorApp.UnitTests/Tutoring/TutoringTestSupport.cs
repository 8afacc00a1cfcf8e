using System.Globalization;
using System.Text.Json;
using TutorApp.Domain.Content.Bank;
using TutorApp.Tutoring;

namespace TutorApp.UnitTests.Tutoring;

/// <summary>A dialogue driven turn by turn through the public engine, checking the state's JSON round trip at every turn.</summary>
internal sealed class Dialogue
{
    private readonly SocraticEngine _engine = new();

    public Dialogue(BankProblemVersion problem, IReadOnlyDictionary<string, double>? mastery = null, TutoringPolicy? policy = null)
    {
        Problem = problem;
        Mastery = mastery ?? new Dictionary<string, double>();
        Policy = policy ?? TutoringPolicy.Default;
        var opening = _engine.Start(problem, Mastery, Policy);
        Opening = opening.Turn;
        State = RoundTrip(opening.State);
    }

    public BankProblemVersion Problem { get; }

    public IReadOnlyDictionary<string, double> Mastery { get; set; }

    public TutoringPolicy Policy { get; set; }

    public TutorTurn Opening { get; }

    public DialogueState State { get; set; }

    public TurnOutcome Say(string message)
    {
        var outcome = _engine.Respond(Problem, State, message, Mastery, Policy);
        State = RoundTrip(outcome.State);
        return outcome;
    }

    public static DialogueState RoundTrip(DialogueState state)
    {
        var json = DialogueStateJson.Serialize(state);
        var read = DialogueStateJson.Deserialize(json);
        Assert.Equal(state, read);
        Assert.Equal(json, DialogueStateJson.Serialize(read));
        // Also with the serializer's defaults, as another store might use them.
        Assert.Equal(state, JsonSerializer.Deserialize<DialogueState>(JsonSerializer.Serialize(state)));
        return read;
    }
}

internal static class Values
{
    /// <summary>"16", "-3", "2.5" or "16/3" as a decimal.</summary>
    public static decimal Parse(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return slash < 0
            ? decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture)
            : decimal.Parse(text[..slash], CultureInfo.InvariantCulture) / decimal.Parse(text[(slash + 1)..], CultureInfo.InvariantCulture);
    }

    public static bool Close(decimal left, decimal right) => Math.Abs(left - right) < 0.000001m;
}
