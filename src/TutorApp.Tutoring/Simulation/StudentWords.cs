using System.Text.RegularExpressions;

namespace TutorApp.Tutoring.Simulation;

/// <summary>
/// The content words of a sentence as the simulated student compares them: lower case, without function words, reduced
/// to a crude stem ("sold" and "sells" both become "sell"), so "How many clips did Natalia sell in May?" meets "Natalia
/// sold 48/2 = 24 clips in May".
/// </summary>
public static partial class StudentWords
{
    private static readonly HashSet<string> FunctionWords =
    [
        "a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for", "by", "with", "from", "into", "is", "are", "was",
        "were", "be", "been", "do", "does", "did", "has", "have", "had", "how", "what", "which", "who", "whom", "that", "this",
        "these", "those", "it", "its", "he", "she", "they", "them", "his", "her", "their", "we", "you", "your", "i", "my", "me",
        "so", "if", "then", "than", "there", "here", "as", "can", "could", "would", "should", "will", "also", "each", "one",
        "many", "much", "not", "no", "yes", "up", "out", "all", "some", "any", "about", "just", "let", "let's", "lets",
        "now", "get", "got", "ok", "okay", "right", "well", "good", "think", "find", "work", "worked", "value", "number",
        "step", "question", "answer", "problem", "again", "look", "looks", "say", "says", "said", "tell", "part",
    ];

    private static readonly Dictionary<string, string> Irregular = new(StringComparer.Ordinal)
    {
        ["sold"] = "sell", ["bought"] = "buy", ["spent"] = "spend", ["paid"] = "pay", ["gave"] = "give", ["given"] = "give",
        ["made"] = "make", ["took"] = "take", ["taken"] = "take", ["ate"] = "eat", ["eaten"] = "eat", ["ran"] = "run",
        ["won"] = "win", ["lost"] = "lose", ["kept"] = "keep", ["grew"] = "grow", ["grown"] = "grow", ["drove"] = "drive",
        ["driven"] = "drive", ["flew"] = "fly", ["wrote"] = "write", ["written"] = "write", ["saw"] = "see", ["seen"] = "see",
        ["found"] = "find", ["brought"] = "bring", ["caught"] = "catch", ["built"] = "build", ["began"] = "begin",
        ["children"] = "child", ["people"] = "person", ["men"] = "man", ["women"] = "woman", ["feet"] = "foot", ["teeth"] = "tooth",
        ["mice"] = "mouse", ["geese"] = "goose", ["sheep"] = "sheep", ["fish"] = "fish", ["left"] = "left", ["less"] = "less",
        ["twice"] = "twice", ["dollars"] = "dollar", ["cents"] = "cent", ["altogether"] = "total",
        ["total"] = "total", ["combined"] = "total", ["together"] = "total", ["sum"] = "total",
    };

    public static IReadOnlyList<string> Of(string text)
    {
        var words = new List<string>();
        var plain = text.Replace("$", " dollar ", StringComparison.Ordinal);
        foreach (Match match in WordPattern().Matches(plain))
        {
            // A capital letter that names something ("class A", "box B") is a word of its own, not the article.
            if (match.Value.Length == 1 && char.IsUpper(match.Value[0]) && match.Value != "I" && !StartsSentence(plain, match.Index))
            {
                words.Add("letter-" + match.Value.ToLowerInvariant());
                continue;
            }
            var word = match.Value.ToLowerInvariant().Trim('\'');
            if (word.EndsWith("'s", StringComparison.Ordinal))
            {
                word = word[..^2];
            }
            // Single letters name things ("class C", "box A"); "a" and "i" are function words.
            if (word.Length == 0 || FunctionWords.Contains(word))
            {
                continue;
            }
            words.Add(Stem(word));
        }
        return words;
    }

    private static bool StartsSentence(string text, int index)
    {
        var before = text[..index].TrimEnd();
        return before.Length == 0 || before[^1] is '.' or '!' or '?' or ':' or '"' or '\n';
    }

    public static string Stem(string word)
    {
        if (Irregular.TryGetValue(word, out var irregular))
        {
            return irregular;
        }
        foreach (var (suffix, keep) in new[] { ("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "") })
        {
            if (word.Length > suffix.Length + 2 && word.EndsWith(suffix, StringComparison.Ordinal) && !word.EndsWith("ss", StringComparison.Ordinal))
            {
                var stem = word[..^suffix.Length] + keep;
                // "sharing" -> "shar" and "shared" -> "shar" meet; a doubled final consonant ("stopped") is undone.
                if (stem.Length > 3 && stem[^1] == stem[^2] && suffix is "ing" or "ed")
                {
                    stem = stem[..^1];
                }
                return stem.TrimEnd('e');
            }
        }
        return word.TrimEnd('e');
    }

    [GeneratedRegex(@"[A-Za-z][A-Za-z']*")]
    private static partial Regex WordPattern();
}
