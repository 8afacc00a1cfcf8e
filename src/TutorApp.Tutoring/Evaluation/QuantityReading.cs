using System.Globalization;
using System.Text.RegularExpressions;

namespace TutorApp.Tutoring.Evaluation;

/// <summary>Whether the words a student puts after a number fit the quantity a question asks for.</summary>
internal enum QuantityFit
{
    /// <summary>Nothing to compare: a bare number, or a question whose unit is not known.</summary>
    Unknown,
    Fits,
    /// <summary>The student names another kind of quantity ("$9" for a count of eggs, "4 dollars" for pounds of candy).</summary>
    Mismatch,
}

/// <summary>
/// What quantity a number in a student's message stands for, read from the words around it and compared with the words
/// of a question: units and currency, and the noun phrase that follows the number ("14 fish in each aquarium").
/// </summary>
internal static partial class QuantityReading
{
    private enum UnitKind { Money, Time, Weight, Length, Volume, Percent, Temperature }

    private static readonly Dictionary<string, UnitKind> _units = new(StringComparer.OrdinalIgnoreCase)
    {
        ["dollar"] = UnitKind.Money, ["dollars"] = UnitKind.Money, ["cent"] = UnitKind.Money, ["cents"] = UnitKind.Money,
        ["euro"] = UnitKind.Money, ["euros"] = UnitKind.Money, ["bucks"] = UnitKind.Money, ["usd"] = UnitKind.Money,
        ["second"] = UnitKind.Time, ["seconds"] = UnitKind.Time, ["minute"] = UnitKind.Time, ["minutes"] = UnitKind.Time,
        ["hour"] = UnitKind.Time, ["hours"] = UnitKind.Time, ["day"] = UnitKind.Time, ["days"] = UnitKind.Time,
        ["week"] = UnitKind.Time, ["weeks"] = UnitKind.Time, ["month"] = UnitKind.Time, ["months"] = UnitKind.Time,
        ["year"] = UnitKind.Time, ["years"] = UnitKind.Time, ["mins"] = UnitKind.Time, ["hrs"] = UnitKind.Time,
        ["pound"] = UnitKind.Weight, ["pounds"] = UnitKind.Weight, ["lb"] = UnitKind.Weight, ["lbs"] = UnitKind.Weight,
        ["ounce"] = UnitKind.Weight, ["ounces"] = UnitKind.Weight, ["oz"] = UnitKind.Weight, ["kg"] = UnitKind.Weight,
        ["kilograms"] = UnitKind.Weight, ["grams"] = UnitKind.Weight, ["g"] = UnitKind.Weight, ["tons"] = UnitKind.Weight,
        ["mile"] = UnitKind.Length, ["miles"] = UnitKind.Length, ["km"] = UnitKind.Length, ["kilometers"] = UnitKind.Length,
        ["meter"] = UnitKind.Length, ["meters"] = UnitKind.Length, ["m"] = UnitKind.Length, ["feet"] = UnitKind.Length,
        ["foot"] = UnitKind.Length, ["ft"] = UnitKind.Length, ["inch"] = UnitKind.Length, ["inches"] = UnitKind.Length,
        ["cm"] = UnitKind.Length, ["centimeters"] = UnitKind.Length, ["yards"] = UnitKind.Length,
        ["liter"] = UnitKind.Volume, ["liters"] = UnitKind.Volume, ["litres"] = UnitKind.Volume, ["gallon"] = UnitKind.Volume,
        ["gallons"] = UnitKind.Volume, ["ml"] = UnitKind.Volume, ["cups"] = UnitKind.Volume, ["quarts"] = UnitKind.Volume,
        ["percent"] = UnitKind.Percent, ["degrees"] = UnitKind.Temperature,
    };

    // Words that say a question asks for money even when no unit is written ("How much does she pay?").
    private static readonly HashSet<string> _moneyWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "cost", "costs", "pay", "paid", "pays", "spend", "spent", "spends", "earn", "earns", "earned", "price", "money", "charge",
        "charged", "save", "saved", "profit", "owe", "owes", "change", "budget", "worth", "salary", "income", "bill", "tip",
    };

    private static readonly HashSet<string> _stopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "of", "in", "on", "at", "to", "for", "is", "are", "there", "does", "do", "did", "how", "many", "much",
        "what", "will", "would", "be", "it", "that", "this", "and", "i", "think", "so", "were", "was", "has", "have", "had",
        "with", "by", "from", "as", "total", "all", "altogether", "answer",
    };

    /// <summary>Up to five words written right after the number, stopping at punctuation or a linking word.</summary>
    public static IReadOnlyList<string> WordsAfter(MessageReading reading, NumberMention number)
    {
        var words = new List<string>();
        for (var t = number.LastToken + 1; t < reading.Tokens.Count && words.Count < 5; t++)
        {
            var token = reading.Tokens[t];
            if (token.Kind != TokenKind.Word || token.Text is "because" or "so" or "since" or "and" or "then" or "but" or "which" or "is" or "are")
            {
                break;
            }
            words.Add(token.Text);
        }
        return words;
    }

    /// <summary>Whether the student's number, with its currency sign and following words, fits the question.</summary>
    public static QuantityFit Fit(MessageReading reading, NumberMention number, string question)
    {
        var after = WordsAfter(reading, number);
        var studentUnit = number.Text.Contains('$') || number.Text.Contains('€') || number.Text.Contains('£')
            ? UnitKind.Money
            : number.Form == NumberForm.Percent ? UnitKind.Percent : after.Count > 0 && _units.TryGetValue(after[0], out var kind) ? kind : (UnitKind?)null;
        var questionWords = Words(question);
        var questionUnits = questionWords.Where(_units.ContainsKey).Select(w => _units[w]).ToHashSet();
        var countsThings = question.Contains("how many", StringComparison.OrdinalIgnoreCase);
        var asksMoney = question.Contains('$') || question.Contains('€') || question.Contains('£') || questionUnits.Contains(UnitKind.Money)
            || questionWords.Contains("money") || (!countsThings && questionWords.Any(_moneyWords.Contains));
        if (asksMoney)
        {
            questionUnits.Add(UnitKind.Money);
        }
        if (studentUnit is { } unit)
        {
            if (questionUnits.Contains(unit))
            {
                return QuantityFit.Fits;
            }
            // "How many eggs?" answered with "$9", or "how many pounds?" with "4 dollars".
            return questionUnits.Count > 0 || (countsThings && unit == UnitKind.Money) ? QuantityFit.Mismatch : QuantityFit.Unknown;
        }
        if (after.Count == 0)
        {
            return QuantityFit.Unknown;
        }
        // A noun after the number: it fits when the question names it (singular or plural).
        var noun = after.FirstOrDefault(w => !_stopWords.Contains(w) && w.Length > 1);
        if (noun is null)
        {
            return QuantityFit.Unknown;
        }
        return questionWords.Any(w => SameNoun(w, noun)) ? QuantityFit.Fits : QuantityFit.Unknown;
    }

    /// <summary>
    /// How well the words after the number describe a question (shared content words, each counted once); 0 when the
    /// student wrote no words. Used to tell "14 fish in each aquarium" (the final question) from "14 fish in both".
    /// </summary>
    public static int Overlap(MessageReading reading, NumberMention number, string question)
    {
        var after = WordsAfter(reading, number).Where(w => (!_stopWords.Contains(w) && !_units.ContainsKey(w)) || w is "each" or "every" or "per" or "both" or "left")
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var questionWords = Words(question);
        return after.Count(word => questionWords.Any(w => SameNoun(w, word)));
    }

    /// <summary>The words after the number as the student wrote them, or null: "fish in each aquarium".</summary>
    public static string? Phrase(MessageReading reading, NumberMention number)
    {
        var after = WordsAfter(reading, number);
        return after.Count == 0 ? null : string.Join(' ', after);
    }

    /// <summary>
    /// The quantity a question asks for, as a phrase that can follow "is": "How many slices are there in total?" gives
    /// "how many slices are there in total"; other shapes are quoted.
    /// </summary>
    public static string Describe(string question)
    {
        var sentence = LastQuestion(question);
        return sentence.StartsWith("how many ", StringComparison.OrdinalIgnoreCase) || sentence.StartsWith("how much ", StringComparison.OrdinalIgnoreCase)
            ? char.ToLowerInvariant(sentence[0]) + sentence[1..]
            : $"the answer to \"{sentence}?\"";
    }

    /// <summary>The last sentence of a text that asks something, without its question mark.</summary>
    public static string LastQuestion(string text)
    {
        var trimmed = text.Trim();
        var end = trimmed.LastIndexOf('?');
        if (end < 0)
        {
            return trimmed.TrimEnd('.');
        }
        var start = trimmed.LastIndexOfAny(['.', '!', '?', '\n'], Math.Max(0, end - 1));
        return trimmed[(start + 1)..end].Trim();
    }

    private static List<string> Words(string text) =>
        WordPattern().Matches(text).Select(m => m.Value.ToLowerInvariant()).ToList();

    private static bool SameNoun(string left, string right) =>
        string.Equals(Singular(left), Singular(right), StringComparison.OrdinalIgnoreCase);

    private static string Singular(string word)
    {
        var lower = word.ToLower(CultureInfo.InvariantCulture);
        if (lower.EndsWith("ies", StringComparison.Ordinal) && lower.Length > 4)
        {
            return lower[..^3] + "y";
        }
        if (lower.EndsWith("es", StringComparison.Ordinal) && lower.Length > 3 && (lower.EndsWith("ches", StringComparison.Ordinal)
            || lower.EndsWith("shes", StringComparison.Ordinal) || lower.EndsWith("xes", StringComparison.Ordinal) || lower.EndsWith("sses", StringComparison.Ordinal)))
        {
            return lower[..^2];
        }
        return lower.EndsWith('s') && !lower.EndsWith("ss", StringComparison.Ordinal) && lower.Length > 2 ? lower[..^1] : lower;
    }

    [GeneratedRegex(@"[A-Za-z]+(?:'[a-z]+)?", RegexOptions.CultureInvariant, 200)]
    private static partial Regex WordPattern();
}
