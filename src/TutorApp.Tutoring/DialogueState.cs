using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TutorApp.Tutoring;

/// <summary>
/// Everything the engine needs to resume a dialogue on one problem version, stored as JSON (jsonb) between turns.
/// Immutable: every turn returns a new state. Keys, never database ids, so a state survives an export and re-import.
/// </summary>
public sealed record DialogueState
{
    /// <summary>Bumped when the shape changes; a stored state with a higher version is not read by this code.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The key of the "step" that stands for the final answer, once every step is resolved.</summary>
    public const string FinalAnswerKey = "#final";

    public int Version { get; init; } = CurrentVersion;

    /// <summary>The problem version number the state belongs to (BankProblemVersion.Number).</summary>
    public int ProblemVersion { get; init; }

    /// <summary>The step being worked on; null once every step is resolved (the final answer is then asked for).</summary>
    public string? CurrentStepKey { get; init; }

    /// <summary>The question node last asked; null when the step's own prompt was asked (or the final question).</summary>
    public string? CurrentNodeKey { get; init; }

    /// <summary>Set while a misconception's remediation question (not a node) waits for the student's reply.</summary>
    public string? PendingMisconception { get; init; }

    public ImmutableSortedSet<string> ResolvedSteps { get; init; } = [];

    /// <summary>Steps whose value a bottom-out hint gave away (for reporting: a later "correct" there is not mastery).</summary>
    public ImmutableSortedSet<string> RevealedSteps { get; init; } = [];

    /// <summary>
    /// Steps counted as resolved without the student producing their value (the final answer came first, or a later step's
    /// working implied them): they are not recorded as correct attempts.
    /// </summary>
    public ImmutableSortedSet<string> SkippedSteps { get; init; } = [];

    /// <summary>Telling turns said so far (teaching, explanations of a step's reason, bottom-out hints): the closing praises honestly.</summary>
    public int TellingTurns { get; init; }

    /// <summary>A stable hash of the tutor's last words: the same question is never said twice in a row.</summary>
    public int LastTurnHash { get; init; }

    /// <summary>How often each node has been asked.</summary>
    public ImmutableSortedDictionary<string, int> NodeVisits { get; init; } = ImmutableSortedDictionary<string, int>.Empty;

    /// <summary>Answer attempts made at each node.</summary>
    public ImmutableSortedDictionary<string, int> NodeAttempts { get; init; } = ImmutableSortedDictionary<string, int>.Empty;

    /// <summary>Failed attempts per tree level ("s1#0" is the root level of step s1) since the last teaching move there.</summary>
    public ImmutableSortedDictionary<string, int> LevelFailures { get; init; } = ImmutableSortedDictionary<string, int>.Empty;

    /// <summary>Hint levels given per node (the next hint is the one after).</summary>
    public ImmutableSortedDictionary<string, int> HintsUsed { get; init; } = ImmutableSortedDictionary<string, int>.Empty;

    /// <summary>Failed attempts per step (<see cref="FinalAnswerKey"/> for the final question); the bottom-out policy counts these.</summary>
    public ImmutableSortedDictionary<string, int> FailedAttempts { get; init; } = ImmutableSortedDictionary<string, int>.Empty;

    public bool Solved { get; init; }

    /// <summary>Student messages answered so far.</summary>
    public int TurnCount { get; init; }

    [JsonIgnore]
    public bool AtStepLevel => CurrentStepKey is not null && CurrentNodeKey is null;

    public static string LevelKey(string? stepKey, int depth) => $"{stepKey ?? FinalAnswerKey}#{depth}";

    /// <summary>FNV-1a over the text: the same in every process (string.GetHashCode is randomised per process).</summary>
    public static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var character in text)
        {
            hash = (hash ^ character) * 16777619u;
        }
        return unchecked((int)hash);
    }

    // Value equality over the collections, so a state read back from JSON equals the one written.
    public bool Equals(DialogueState? other) =>
        other is not null
        && Version == other.Version && ProblemVersion == other.ProblemVersion
        && CurrentStepKey == other.CurrentStepKey && CurrentNodeKey == other.CurrentNodeKey
        && PendingMisconception == other.PendingMisconception && Solved == other.Solved && TurnCount == other.TurnCount
        && ResolvedSteps.SetEquals(other.ResolvedSteps) && RevealedSteps.SetEquals(other.RevealedSteps)
        && SkippedSteps.SetEquals(other.SkippedSteps) && TellingTurns == other.TellingTurns && LastTurnHash == other.LastTurnHash
        && Same(NodeVisits, other.NodeVisits) && Same(NodeAttempts, other.NodeAttempts) && Same(LevelFailures, other.LevelFailures)
        && Same(HintsUsed, other.HintsUsed) && Same(FailedAttempts, other.FailedAttempts);

    public override int GetHashCode() => HashCode.Combine(ProblemVersion, CurrentStepKey, CurrentNodeKey, TurnCount, ResolvedSteps.Count);

    private static bool Same(ImmutableSortedDictionary<string, int> left, ImmutableSortedDictionary<string, int> right) =>
        left.Count == right.Count && left.All(pair => right.TryGetValue(pair.Key, out var value) && value == pair.Value);
}

/// <summary>The JSON form of <see cref="DialogueState"/>, as stored in the database.</summary>
public static class DialogueStateJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
    };

    public static string Serialize(DialogueState state) => JsonSerializer.Serialize(state, Options);

    /// <exception cref="JsonException">The text is not a state, or a state of a newer version than this code reads.</exception>
    public static DialogueState Deserialize(string json)
    {
        var state = JsonSerializer.Deserialize<DialogueState>(json, Options) ?? throw new JsonException("the dialogue state is null");
        if (state.Version > DialogueState.CurrentVersion)
        {
            throw new JsonException($"dialogue state version {state.Version} is newer than this code reads ({DialogueState.CurrentVersion})");
        }
        return state;
    }
}
