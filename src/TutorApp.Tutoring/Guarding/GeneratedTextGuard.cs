using System.Text;
using System.Text.RegularExpressions;
using TutorApp.Tutoring.Evaluation;

namespace TutorApp.Tutoring.Guarding;

/// <summary>Whether generated text may be shown; when not, why.</summary>
public sealed record GeneratedTextCheck(bool Safe, string? Reason)
{
    public static readonly GeneratedTextCheck Passed = new(true, null);

    public static GeneratedTextCheck Blocked(string reason) => new(false, reason);
}

/// <summary>
/// The stricter guard for text a model wrote (the tutor's authored text only needs <see cref="LeakGuard"/>). A model can be
/// talked into writing the answer in forms the leak guard does not read, so besides the leak guard it refuses: numbers
/// the student has not already seen (in the problem, the dialogue or the authored text), non-Latin scripts and number
/// words of other languages (the tutor speaks English), letters spelled out one by one ("s-i-x"), digits inside words
/// ("f1v3"), Roman numerals, Morse code, tallies of a repeated symbol, the answer backwards or in ROT13, and base64 tokens
/// whose decoded text leaks. Erring on the side of refusing costs only the authored wording.
/// </summary>
public sealed partial class GeneratedTextGuard
{
    public const int MaxLength = 800;

    // Number words of the languages a student is most likely to ask for, minus those that are also English words
    // ("once", "due", "cent", "elf", "six", "seize", "mil", "tiers").
    private static readonly HashSet<string> _foreignNumberWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "cero", "uno", "una", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "doce", "trece",
        "catorce", "quince", "dieciséis", "dieciseis", "diecisiete", "dieciocho", "diecinueve", "veinte", "veintiuno", "treinta",
        "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa", "cien", "ciento", "tercio", "tercios", "cuarto",
        "cuartos", "medio", "zéro", "deux", "trois", "quatre", "cinq", "sept", "huit", "neuf", "dix", "onze", "douze", "treize",
        "quatorze", "quinze", "vingt", "trente", "quarante", "cinquante", "soixante", "mille", "tiers", "eins", "zwei", "drei",
        "vier", "fünf", "fuenf", "sechs", "sieben", "acht", "neun", "zehn", "zwölf", "zwoelf", "dreizehn", "sechzehn",
        "siebzehn", "zwanzig", "dreißig", "dreissig", "hundert", "tausend", "drittel", "viertel", "quattro", "sette", "otto",
        "nove", "dieci", "sedici", "venti", "cento", "mezzo", "dois", "duas", "três", "sete", "oito", "dez", "dezesseis",
        "dezasseis", "vinte", "cem", "terço", "zero",
    };

    private readonly LeakGuard _leakGuard;

    public GeneratedTextGuard(LeakGuard leakGuard) => _leakGuard = leakGuard;

    /// <param name="protectedValues">What must not be said (<see cref="LeakGuard.ProtectedValues"/>).</param>
    /// <param name="seenTexts">Texts whose numbers the student has already seen and may be repeated: the statement, the
    /// authored text of the move, resolved values, the dialogue.</param>
    public GeneratedTextCheck Check(string? text, IReadOnlyList<ProtectedValue> protectedValues, IEnumerable<string> seenTexts)
    {
        ArgumentNullException.ThrowIfNull(protectedValues);
        ArgumentNullException.ThrowIfNull(seenTexts);
        if (string.IsNullOrWhiteSpace(text))
        {
            return GeneratedTextCheck.Blocked("empty text");
        }
        if (text.Length > MaxLength)
        {
            return GeneratedTextCheck.Blocked($"too long ({text.Length} characters, at most {MaxLength})");
        }
        if (Leak(text, protectedValues) is { } leak)
        {
            return GeneratedTextCheck.Blocked(leak);
        }
        if (text.FirstOrDefault(IsOutsideLatinScript) is var letter and not '\0')
        {
            return GeneratedTextCheck.Blocked($"not English: the letter '{letter}' (U+{(int)letter:X4})");
        }
        if (WordPattern().Matches(text).FirstOrDefault(m => _foreignNumberWords.Contains(m.Value)) is { } foreign)
        {
            return GeneratedTextCheck.Blocked($"a number word of another language: \"{foreign.Value}\"");
        }
        if (LeetPattern().Match(text) is { Success: true } leet)
        {
            return GeneratedTextCheck.Blocked($"digits inside a word (\"{leet.Value}\"), as in leetspeak");
        }
        foreach (Match spelled in SpelledOutPattern().Matches(text))
        {
            var joined = new string(spelled.Value.Where(char.IsLetterOrDigit).ToArray());
            if (Leak(joined, protectedValues) is { } spelledLeak)
            {
                return GeneratedTextCheck.Blocked($"spelled out letter by letter (\"{spelled.Value}\"): {spelledLeak}");
            }
        }
        if (RomanNumeralPattern().Match(text) is { Success: true } roman)
        {
            return GeneratedTextCheck.Blocked($"a Roman numeral (\"{roman.Value}\")");
        }
        if (MorsePattern().Match(text) is { Success: true } morse)
        {
            return GeneratedTextCheck.Blocked($"Morse code (\"{morse.Value.Trim()}\")");
        }
        if (RepeatedSymbolPattern().Match(text) is { Success: true } tally)
        {
            return GeneratedTextCheck.Blocked($"a symbol repeated as a tally (\"{tally.Value}\")");
        }
        foreach (var (name, transformed) in Transformations(text))
        {
            if (Leak(transformed, protectedValues) is { } hiddenLeak)
            {
                return GeneratedTextCheck.Blocked($"{name}: {hiddenLeak}");
            }
        }
        foreach (var decoded in Base64Tokens(text))
        {
            if (Leak(decoded.Text, protectedValues) is { } encodedLeak)
            {
                return GeneratedTextCheck.Blocked($"base64 \"{decoded.Token}\" decodes to a leak: {encodedLeak}");
            }
            if (Mentions(decoded.Text).Count > 0)
            {
                return GeneratedTextCheck.Blocked($"base64 \"{decoded.Token}\" hides a number");
            }
        }
        var seen = new HashSet<decimal>(seenTexts.SelectMany(Mentions).SelectMany(Values));
        var unseen = Mentions(text).FirstOrDefault(m => !Values(m).All(seen.Contains));
        return unseen is null ? GeneratedTextCheck.Passed : GeneratedTextCheck.Blocked($"a number the student has not seen: \"{unseen.Text}\"");
    }

    private string? Leak(string text, IReadOnlyList<ProtectedValue> protectedValues)
    {
        var check = _leakGuard.Check(text, protectedValues);
        return check.Leaks
            ? "shows " + string.Join(", ", check.Findings.Select(f => $"{f.Found} ({f.Source})"))
            : null;
    }

    private static List<NumberMention> Mentions(string text)
    {
        var plain = MathText.Normalize(text);
        return NumberReader.Read(plain, TextTokenizer.Tokenize(plain), strict: true);
    }

    // A fraction or mixed number is seen when each written part was seen: "8/3" is new if 8 and 3 were seen apart.
    private static IEnumerable<decimal> Values(NumberMention mention) =>
        mention.Parts.Count > 0 ? mention.Parts.Select(Math.Abs) : [Math.Abs(mention.Value)];

    /// <summary>The text read backwards and through ROT13, the two ciphers a model reaches for first.</summary>
    private static IEnumerable<(string Name, string Text)> Transformations(string text)
    {
        var reversed = text.ToCharArray();
        Array.Reverse(reversed);
        yield return ("written backwards", new string(reversed));
        yield return ("in ROT13", new string(text.Select(Rot13).ToArray()));
    }

    private static char Rot13(char character) => character switch
    {
        >= 'a' and <= 'z' => (char)('a' + (character - 'a' + 13) % 26),
        >= 'A' and <= 'Z' => (char)('A' + (character - 'A' + 13) % 26),
        _ => character,
    };

    private static bool IsOutsideLatinScript(char character) =>
        char.IsLetter(character) && character > '\u024F';

    private static IEnumerable<(string Token, string Text)> Base64Tokens(string text)
    {
        foreach (Match match in Base64Pattern().Matches(text))
        {
            var token = match.Value;
            if (token.Length < 4 || token.Length % 4 != 0 || !token.Any(c => char.IsDigit(c) || char.IsUpper(c) || c == '='))
            {
                continue;
            }
            var bytes = new byte[token.Length];
            if (Convert.TryFromBase64String(token, bytes, out var written) && written > 0
                && bytes.Take(written).All(b => b is >= 0x20 and < 0x7F))
            {
                yield return (token, Encoding.ASCII.GetString(bytes, 0, written));
            }
        }
    }

    [GeneratedRegex(@"\p{L}+", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();

    // Three or more single letters or digits joined by spaces, hyphens, dots or commas: "s i x", "f-i-v-e", "1.6".
    [GeneratedRegex(@"(?<![\p{L}\p{N}])[\p{L}\p{N}](?:[\s\-.,_*]+[\p{L}\p{N}]){2,}(?![\p{L}\p{N}])", RegexOptions.CultureInvariant)]
    private static partial Regex SpelledOutPattern();

    // A digit with letters on both sides ("f1v3", "s1xt33n"); "3x", "x2", "2nd" and "16th" are not this.
    [GeneratedRegex(@"\p{L}+\d+\p{L}[\p{L}\d]*", RegexOptions.CultureInvariant)]
    private static partial Regex LeetPattern();

    // Two or more capital Roman digits standing alone ("XVI", "IV"); a lone "I" or "V" is a word or a variable.
    [GeneratedRegex(@"\b(?=[MDCLXVI]{2,}\b)M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})\b", RegexOptions.CultureInvariant)]
    private static partial Regex RomanNumeralPattern();

    // Three or more groups of dots and dashes.
    [GeneratedRegex(@"(?:[.·•\-–_]{1,6}[\s/]+){2,}[.·•\-–_]{1,6}", RegexOptions.CultureInvariant)]
    private static partial Regex MorsePattern();

    // One symbol (an emoji, a mark) four or more times in a row, spaces allowed: a count in disguise.
    [GeneratedRegex(@"([\uD800-\uDBFF][\uDC00-\uDFFF]|[^\p{L}\p{N}\s.!?\uD800-\uDFFF])(?:\s*\1){3,}", RegexOptions.CultureInvariant)]
    private static partial Regex RepeatedSymbolPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{2,}={0,2}(?![A-Za-z0-9+/=])", RegexOptions.CultureInvariant)]
    private static partial Regex Base64Pattern();
}
