namespace TutorApp.Domain.Content.Bank;

/// <summary>The words the bank format uses for the model's enums (lower case, hyphenated).</summary>
public static class BankVocabulary
{
    private static readonly Dictionary<VersionStatus, string> StatusWords = new()
    {
        [VersionStatus.Draft] = "draft",
        [VersionStatus.Published] = "published",
        [VersionStatus.Retired] = "retired",
    };

    private static readonly Dictionary<NodeTrigger, string> TriggerWords = new()
    {
        [NodeTrigger.Root] = "root",
        [NodeTrigger.WrongAnswer] = "wrong-answer",
        [NodeTrigger.Misconception] = "misconception",
        [NodeTrigger.Incomplete] = "incomplete",
    };

    private static readonly Dictionary<TeacherMove, string> MoveWords = new()
    {
        [TeacherMove.Focus] = "focus",
        [TeacherMove.Probing] = "probing",
        [TeacherMove.Telling] = "telling",
        [TeacherMove.Generic] = "generic",
    };

    public static string Word(VersionStatus status) => StatusWords[status];
    public static string Word(NodeTrigger trigger) => TriggerWords[trigger];
    public static string Word(TeacherMove move) => MoveWords[move];

    public static bool TryStatus(string? word, out VersionStatus status) => TryParse(StatusWords, word, out status);
    public static bool TryTrigger(string? word, out NodeTrigger trigger) => TryParse(TriggerWords, word, out trigger);
    public static bool TryMove(string? word, out TeacherMove move) => TryParse(MoveWords, word, out move);

    public static string Allowed<T>() where T : struct, Enum => typeof(T) == typeof(VersionStatus) ? List(StatusWords.Values)
        : typeof(T) == typeof(NodeTrigger) ? List(TriggerWords.Values)
        : List(MoveWords.Values);

    private static string List(IEnumerable<string> words) => string.Join(", ", words.Select(w => $"\"{w}\""));

    private static bool TryParse<T>(Dictionary<T, string> words, string? word, out T value) where T : struct
    {
        foreach (var (key, text) in words)
        {
            if (text == word)
            {
                value = key;
                return true;
            }
        }
        value = default;
        return false;
    }
}
