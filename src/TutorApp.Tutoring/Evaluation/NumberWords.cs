namespace TutorApp.Tutoring.Evaluation;

/// <summary>One word of a run of words, after splitting hyphenated words ("twenty-four" is two units).</summary>
internal readonly record struct WordUnit(string Text, int Token, int Start, int End);

/// <param name="Units">How many units the number used.</param>
/// <param name="Fraction">Set when the words name a fraction ("three quarters", "two and a half").</param>
internal readonly record struct WordNumber(decimal Value, int Units, int Decimals, bool IsPercent, (long Whole, long Numerator, long Denominator)? Fraction);

/// <summary>
/// Reads English number words: "twelve", "twenty-four", "one hundred and five", "two thousand and twenty", "a half",
/// "three quarters", "two and a half", "five point two five", "a dozen", "forty percent".
/// </summary>
internal static class NumberWords
{
    private static readonly Dictionary<string, int> _units = new(StringComparer.Ordinal)
    {
        ["zero"] = 0,
        ["one"] = 1,
        ["two"] = 2,
        ["three"] = 3,
        ["four"] = 4,
        ["five"] = 5,
        ["six"] = 6,
        ["seven"] = 7,
        ["eight"] = 8,
        ["nine"] = 9,
        ["ten"] = 10,
        ["eleven"] = 11,
        ["twelve"] = 12,
        ["thirteen"] = 13,
        ["fourteen"] = 14,
        ["fifteen"] = 15,
        ["sixteen"] = 16,
        ["seventeen"] = 17,
        ["eighteen"] = 18,
        ["nineteen"] = 19,
    };

    private static readonly Dictionary<string, int> _tens = new(StringComparer.Ordinal)
    {
        ["twenty"] = 20,
        ["thirty"] = 30,
        ["forty"] = 40,
        ["fourty"] = 40,
        ["fifty"] = 50,
        ["sixty"] = 60,
        ["seventy"] = 70,
        ["eighty"] = 80,
        ["ninety"] = 90,
    };

    private static readonly Dictionary<string, long> _scales = new(StringComparer.Ordinal)
    {
        ["thousand"] = 1_000,
        ["million"] = 1_000_000,
        ["billion"] = 1_000_000_000,
    };

    // "second" is left out on purpose: "a second" is nearly always time.
    private static readonly Dictionary<string, int> _denominators = new(StringComparer.Ordinal)
    {
        ["half"] = 2,
        ["halves"] = 2,
        ["third"] = 3,
        ["thirds"] = 3,
        ["quarter"] = 4,
        ["quarters"] = 4,
        ["fourth"] = 4,
        ["fourths"] = 4,
        ["fifth"] = 5,
        ["fifths"] = 5,
        ["sixth"] = 6,
        ["sixths"] = 6,
        ["seventh"] = 7,
        ["sevenths"] = 7,
        ["eighth"] = 8,
        ["eighths"] = 8,
        ["ninth"] = 9,
        ["ninths"] = 9,
        ["tenth"] = 10,
        ["tenths"] = 10,
        ["twelfth"] = 12,
        ["twelfths"] = 12,
        ["hundredth"] = 100,
        ["hundredths"] = 100,
    };

    /// <summary>Words before "one" that make it a pronoun ("this one", "the one"), not a number.</summary>
    private static readonly HashSet<string> _pronounBefore = new(StringComparer.Ordinal)
    {
        "this", "that", "the", "which", "each", "every", "no", "any", "some", "another", "other", "last", "first", "next",
        "right", "wrong", "only", "same", "little", "new", "old", "one's", "a",
    };

    private static readonly HashSet<string> _pronounAfter = new(StringComparer.Ordinal) { "of", "another" };

    /// <summary>A word that can start or continue a number; used to tell a binary minus ("two - one") from a sign.</summary>
    public static bool IsNumberWord(string word) =>
        _units.ContainsKey(word) || _tens.ContainsKey(word) || _scales.ContainsKey(word) || word == "hundred" || word == "dozen";

    public static bool TryDenominator(string word, out int denominator) => _denominators.TryGetValue(word, out denominator);

    /// <param name="before">The word just before the run, if any, for the pronoun test.</param>
    public static bool TryRead(IReadOnlyList<WordUnit> units, int start, string? before, out WordNumber number)
    {
        number = default;
        var first = units[start].Text;
        if (first is "a" or "an")
        {
            if (start + 1 >= units.Count)
            {
                return false;
            }
            var next = units[start + 1].Text;
            if (_denominators.TryGetValue(next, out var denominator) && !next.EndsWith('s'))
            {
                number = new WordNumber(1m / denominator, 2, 0, false, (0, 1, denominator));
                return true;
            }
            if (next == "dozen")
            {
                number = new WordNumber(12, 2, 0, false, null);
                return WithPercent(units, start, ref number);
            }
            if (next != "hundred" && !_scales.ContainsKey(next))
            {
                return false;
            }
        }

        if (!TryCardinal(units, start, out var whole, out var used))
        {
            return false;
        }
        var end = start + used;
        decimal value = whole;
        var decimals = 0;
        (long, long, long)? fraction = null;

        if (end + 1 < units.Count && units[end].Text == "point" && _units.TryGetValue(units[end + 1].Text, out var digit) && digit < 10)
        {
            // "five point two five": each following digit word is one decimal place.
            var scale = 0.1m;
            while (end + 1 < units.Count && _units.TryGetValue(units[end + 1].Text, out digit) && digit < 10 && decimals < 12)
            {
                value += digit * scale;
                scale /= 10;
                decimals++;
                end++;
            }
            end++; // "point"
        }
        else if (end < units.Count && _denominators.TryGetValue(units[end].Text, out var denominator) && whole is > 0 and < 1000)
        {
            // "three quarters", "two thirds", "one half".
            value = (decimal)whole / denominator;
            fraction = (0, whole, denominator);
            end++;
        }
        else if (end < units.Count && units[end].Text == "dozen")
        {
            value = whole * 12m;
            end++;
        }
        else if (end + 2 < units.Count && units[end].Text == "and" && TryFractionTail(units, end + 1, out var numerator, out var tailDenominator, out var tailUsed)
            && numerator < tailDenominator)
        {
            // "two and a half", "five and one third".
            value = whole + (decimal)numerator / tailDenominator;
            fraction = (whole, numerator, tailDenominator);
            end += 1 + tailUsed;
        }
        else if (used == 1 && first == "one" && IsPronoun(units, start, before))
        {
            return false;
        }

        number = new WordNumber(value, end - start, decimals, false, fraction);
        return WithPercent(units, start, ref number);
    }

    private static bool IsPronoun(IReadOnlyList<WordUnit> units, int start, string? before)
    {
        var previous = start > 0 ? units[start - 1].Text : before;
        var next = start + 1 < units.Count ? units[start + 1].Text : null;
        return (previous is not null && _pronounBefore.Contains(previous)) || (next is not null && _pronounAfter.Contains(next));
    }

    private static bool WithPercent(IReadOnlyList<WordUnit> units, int start, ref WordNumber number)
    {
        var end = start + number.Units;
        if (end < units.Count && units[end].Text == "percent")
        {
            number = number with { Units = number.Units + 1, IsPercent = true };
        }
        else if (end + 1 < units.Count && units[end].Text == "per" && units[end + 1].Text == "cent")
        {
            number = number with { Units = number.Units + 2, IsPercent = true };
        }
        return true;
    }

    /// <summary>"a half", "a quarter", "one third", "three quarters" after "and".</summary>
    private static bool TryFractionTail(IReadOnlyList<WordUnit> units, int start, out long numerator, out int denominator, out int used)
    {
        numerator = 0;
        denominator = 0;
        used = 0;
        if (start + 1 >= units.Count || !_denominators.TryGetValue(units[start + 1].Text, out denominator))
        {
            return false;
        }
        var first = units[start].Text;
        if (first is "a" or "an")
        {
            numerator = 1;
        }
        else if (_units.TryGetValue(first, out var count) && count > 0)
        {
            numerator = count;
        }
        else
        {
            return false;
        }
        used = 2;
        return true;
    }

    /// <summary>Whole numbers in words, from "zero" to the billions; "a" counts as one before "hundred" or a scale word.</summary>
    private static bool TryCardinal(IReadOnlyList<WordUnit> units, int start, out long value, out int used)
    {
        long total = 0;
        long current = 0;
        var any = false;
        var lastScale = long.MaxValue;
        var index = start;
        var end = start;
        while (index < units.Count)
        {
            var word = units[index].Text;
            if (index == start && word is "a" or "an")
            {
                current = 1;
                any = true;
                index++;
                continue;
            }
            if (_units.TryGetValue(word, out var unit))
            {
                if (unit == 0)
                {
                    if (!any)
                    {
                        any = true;
                        end = index + 1;
                    }
                    break; // "zero" stands alone
                }
                var fits = unit < 10
                    ? current % 100 == 0 || (current % 100 >= 20 && current % 10 == 0)
                    : current % 100 == 0;
                if (!fits)
                {
                    break; // "four twenty" is two numbers
                }
                current += unit;
            }
            else if (_tens.TryGetValue(word, out var tens))
            {
                if (current % 100 != 0)
                {
                    break;
                }
                current += tens;
            }
            else if (word == "hundred")
            {
                if (current is < 1 or > 99)
                {
                    break;
                }
                current *= 100;
            }
            else if (_scales.TryGetValue(word, out var scale))
            {
                if (current < 1 || scale >= lastScale)
                {
                    break;
                }
                total += current * scale;
                current = 0;
                lastScale = scale;
            }
            else if (word == "and" && any && (total > 0 || current >= 100) && current % 100 == 0 && index + 1 < units.Count
                && (_tens.ContainsKey(units[index + 1].Text) || (_units.TryGetValue(units[index + 1].Text, out var after) && after > 0)))
            {
                // "one hundred and five": "and" only joins when a smaller part follows.
                index++;
                continue;
            }
            else
            {
                break;
            }
            any = true;
            index++;
            end = index;
        }
        value = total + current;
        used = end - start;
        // "a" alone, or "a" before a word that did not continue the number, is no number.
        return any && used > 0 && !(used == 1 && units[start].Text is "a" or "an");
    }
}
