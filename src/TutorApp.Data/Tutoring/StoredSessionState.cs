using System.Text.Json;
using TutorApp.Tutoring;

namespace TutorApp.Data.Tutoring;

/// <summary>What a session stores in its jsonb column: the engine's state plus what the finish screen compares against.</summary>
/// <param name="MasteryAtStart">Mastery of the problem's skills when the session began (by skill name).</param>
/// <param name="MasteryAtEnd">The same when the problem was solved; null while the session is open.</param>
public sealed record StoredSessionState(
    DialogueState Dialogue, IReadOnlyDictionary<string, double> MasteryAtStart, IReadOnlyDictionary<string, double>? MasteryAtEnd = null)
{
    public string Serialize() => JsonSerializer.Serialize(this, DialogueStateJson.Options);

    public static StoredSessionState Deserialize(string json) =>
        JsonSerializer.Deserialize<StoredSessionState>(json, DialogueStateJson.Options)
        ?? throw new InvalidOperationException("A tutoring session holds no state.");
}
