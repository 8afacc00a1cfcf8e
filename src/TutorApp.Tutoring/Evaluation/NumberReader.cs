using System.Globalization;

namespace TutorApp.Tutoring.Evaluation;

/// <summary>
/// Finds every number in a free text: digits with thousands commas, currency signs, percentages, decimals, negatives,
/// fractions ("3/4"), mixed numbers ("2 1/2", "2 and 1/2"), and number words ("twenty-four", "a half").
/// </summary>
internal static class NumberReader
{
    private const string CurrencySigns = "$€£¥";

    /// <param name="strict">
    /// False for a student's message, where "x2", "s1" and "3rd" are not numbers the student offers as answers; true for
    /// the leak guard, where any digits the student could read count.
    /// </param>
    public static List<NumberMention> Read(string text, IReadOnlyList<TextToken> tokens, bool strict)
    {
        var mentions = new List<NumberMention>();
        var consumed = new bool[tokens.Count];
        for (var index = 0; index < tokens.Count;)
        {
            if (TryDigits(text, tokens, index, strict, out var mention))
            {
                mentions.Add(mention);
                for (var t = mention.FirstToken; t <= mention.LastToken; t++)
                {
                    consumed[t] = true;
                }
                index = mention.LastToken + 1;
            }
            else
            {
                index++;
            }
        }
        ReadWords(text, tokens, consumed, mentions);
        mentions.Sort((a, b) => a.Start.CompareTo(b.Start));
        return JoinWholeAndFraction(text, tokens, mentions);
    }

    private static bool TryDigits(string text, IReadOnlyList<TextToken> tokens, int start, bool strict, out NumberMention mention)
    {
        mention = null!;
        var index = start;
        var negative = false;
        if (tokens[index].Kind == TokenKind.Symbol && tokens[index].Text is "-" or "+" && index + 1 < tokens.Count
            && Adjacent(tokens[index], tokens[index + 1]) && !EndsOperand(tokens, index - 1))
        {
            negative = tokens[index].Text == "-";
            index++;
        }
        if (tokens[index].Kind == TokenKind.Symbol && CurrencySigns.Contains(tokens[index].Text, StringComparison.Ordinal)
            && index + 1 < tokens.Count && tokens[index + 1].Kind == TokenKind.Digits && tokens[index + 1].Start - tokens[index].End <= 1)
        {
            index++;
        }
        if (tokens[index].Kind != TokenKind.Digits)
        {
            return false;
        }
        var digits = tokens[index];
        if (!strict && (IsGluedToWord(tokens, index) || IsOrdinal(tokens, index)))
        {
            return false;
        }

        var sign = negative ? -1m : 1m;
        var signText = negative ? "-" : "";
        // "2 1/2": a whole number, a space, then a fraction.
        if (IsWhole(digits) && index + 3 < tokens.Count && tokens[index + 1].Kind == TokenKind.Digits && IsWhole(tokens[index + 1])
            && digits.End < tokens[index + 1].Start && tokens[index + 2].IsSymbol('/') && IsWhole(tokens[index + 3])
            && tokens[index + 3].Kind == TokenKind.Digits && Close(tokens[index + 1], tokens[index + 2]) && Close(tokens[index + 2], tokens[index + 3])
            && !FollowedBySlash(tokens, index + 3)
            && TryWhole(digits, out var whole) && TryWhole(tokens[index + 1], out var numerator) && TryWhole(tokens[index + 3], out var denominator)
            && denominator != 0 && numerator < denominator)
        {
            var value = sign * (whole + (decimal)numerator / denominator);
            mention = Build(text, tokens, start, index + 3, value, $"{signText}{whole} {numerator}/{denominator}", NumberForm.MixedNumber, 0)
                with
            { Parts = [whole, numerator, denominator], FractionParts = (whole, numerator, denominator) };
            return true;
        }
        // "3/4", "16 / 3".
        if (IsWhole(digits) && index + 2 < tokens.Count && tokens[index + 1].IsSymbol('/') && tokens[index + 2].Kind == TokenKind.Digits
            && IsWhole(tokens[index + 2]) && Close(digits, tokens[index + 1]) && Close(tokens[index + 1], tokens[index + 2])
            && !FollowedBySlash(tokens, index + 2)
            && TryWhole(digits, out var top) && TryWhole(tokens[index + 2], out var bottom) && bottom != 0)
        {
            mention = Build(text, tokens, start, index + 2, sign * ((decimal)top / bottom), $"{signText}{top}/{bottom}", NumberForm.Fraction, 0)
                with
            { Parts = [top, bottom], FractionParts = (0, top, bottom) };
            return true;
        }

        // "3 quarters", "2 thirds": digits naming how many parts.
        if (IsWhole(digits) && index + 1 < tokens.Count && tokens[index + 1].Kind == TokenKind.Word
            && NumberWords.TryDenominator(tokens[index + 1].Text, out var parts) && TryWhole(digits, out var count) && count is > 0 and < 1000)
        {
            mention = Build(text, tokens, start, index + 1, sign * ((decimal)count / parts), $"{signText}{count}/{parts}", NumberForm.Fraction, 0)
                with
            { Parts = [count, parts], FractionParts = (0, count, parts) };
            return true;
        }

        var plain = digits.Text.Replace(",", "", StringComparison.Ordinal);
        if (!decimal.TryParse(plain, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false; // more digits than a decimal holds: not a number anyone means
        }
        var decimals = plain.Contains('.', StringComparison.Ordinal) ? plain.Length - plain.IndexOf('.', StringComparison.Ordinal) - 1 : 0;
        var last = index;
        var form = decimals > 0 ? NumberForm.Decimal : NumberForm.Integer;
        if (index + 1 < tokens.Count && tokens[index + 1].IsSymbol('%') && tokens[index + 1].Start - digits.End <= 1)
        {
            form = NumberForm.Percent;
            last = index + 1;
        }
        else if (index + 1 < tokens.Count && tokens[index + 1].IsWord("percent"))
        {
            form = NumberForm.Percent;
            last = index + 1;
        }
        var signed = sign * number;
        mention = Build(text, tokens, start, last, signed, signed.ToString(CultureInfo.InvariantCulture), form, decimals);
        return true;
    }

    private static NumberMention Build(string text, IReadOnlyList<TextToken> tokens, int first, int last, decimal value, string canonical,
        NumberForm form, int decimals)
    {
        var start = tokens[first].Start;
        var end = tokens[last].End;
        return new NumberMention(value, text[start..end], canonical, form, start, end, decimals) { FirstToken = first, LastToken = last };
    }

    private static void ReadWords(string text, IReadOnlyList<TextToken> tokens, bool[] consumed, List<NumberMention> mentions)
    {
        var index = 0;
        while (index < tokens.Count)
        {
            if (tokens[index].Kind != TokenKind.Word || consumed[index])
            {
                index++;
                continue;
            }
            // A run of adjacent words, split at hyphens.
            var units = new List<WordUnit>();
            var runStart = index;
            while (index < tokens.Count && tokens[index].Kind == TokenKind.Word && !consumed[index])
            {
                var token = tokens[index];
                var offset = 0;
                foreach (var part in token.Text.Split('-'))
                {
                    units.Add(new WordUnit(part, index, token.Start + offset, token.Start + offset + part.Length));
                    offset += part.Length + 1;
                }
                index++;
            }
            var before = runStart > 0 && tokens[runStart - 1].Kind == TokenKind.Word ? tokens[runStart - 1].Text : null;
            for (var u = 0; u < units.Count;)
            {
                if (NumberWords.TryRead(units, u, before, out var number))
                {
                    var first = units[u];
                    var last = units[u + number.Units - 1];
                    var canonical = number.Fraction is { } f
                        ? (f.Whole == 0 ? $"{f.Numerator}/{f.Denominator}" : $"{f.Whole} {f.Numerator}/{f.Denominator}")
                        : number.Value.ToString(CultureInfo.InvariantCulture);
                    mentions.Add(new NumberMention(number.Value, text[first.Start..last.End], canonical,
                        number.IsPercent ? NumberForm.Percent : NumberForm.Words, first.Start, last.End, number.Decimals)
                    {
                        FirstToken = first.Token,
                        LastToken = last.Token,
                        FractionParts = number.Fraction,
                        Parts = number.Fraction is { } parts
                            ? (parts.Whole == 0 ? [parts.Numerator, parts.Denominator] : [parts.Whole, parts.Numerator, parts.Denominator])
                            : [],
                    });
                    u += number.Units;
                }
                else
                {
                    u++;
                }
            }
        }
    }

    /// <summary>"2 and 1/2", "5 and a third": a whole number in digits joined to a fraction.</summary>
    private static List<NumberMention> JoinWholeAndFraction(string text, IReadOnlyList<TextToken> tokens, List<NumberMention> mentions)
    {
        var joined = new List<NumberMention>(mentions.Count);
        for (var i = 0; i < mentions.Count; i++)
        {
            var current = mentions[i];
            if (current.Form == NumberForm.Integer && current.Value >= 0 && i + 1 < mentions.Count
                && mentions[i + 1] is { FractionParts: { Whole: 0 } fraction } next && fraction.Numerator < fraction.Denominator
                && next.FirstToken == current.LastToken + 2 && tokens[current.LastToken + 1].IsWord("and")
                && decimal.IsInteger(current.Value) && current.Value <= long.MaxValue)
            {
                var whole = (long)current.Value;
                joined.Add(new NumberMention(current.Value + next.Value, text[current.Start..next.End],
                    $"{whole} {fraction.Numerator}/{fraction.Denominator}", NumberForm.MixedNumber, current.Start, next.End, 0)
                {
                    FirstToken = current.FirstToken,
                    LastToken = next.LastToken,
                    FractionParts = (whole, fraction.Numerator, fraction.Denominator),
                    Parts = [whole, fraction.Numerator, fraction.Denominator],
                });
                i++;
            }
            else
            {
                joined.Add(current);
            }
        }
        return joined;
    }

    /// <summary>Whether the token at <paramref name="index"/> ends something a following minus would subtract from.</summary>
    private static bool EndsOperand(IReadOnlyList<TextToken> tokens, int index) =>
        index >= 0 && (tokens[index].Kind == TokenKind.Digits || tokens[index].IsSymbol(')') || tokens[index].IsSymbol('%')
            || (tokens[index].Kind == TokenKind.Word && (NumberWords.IsNumberWord(tokens[index].Text) || tokens[index].Text.Length == 1)));

    /// <summary>"x2", "s1": digits stuck to the end of a word are a label, not a number — except "3x8", which is a product.</summary>
    private static bool IsGluedToWord(IReadOnlyList<TextToken> tokens, int index)
    {
        if (index == 0 || tokens[index - 1].Kind != TokenKind.Word || tokens[index - 1].End != tokens[index].Start)
        {
            return false;
        }
        return !(tokens[index - 1].Text == "x" && index >= 2 && tokens[index - 2].Kind == TokenKind.Digits);
    }

    private static bool IsOrdinal(IReadOnlyList<TextToken> tokens, int index) =>
        index + 1 < tokens.Count && tokens[index + 1].Kind == TokenKind.Word && tokens[index].End == tokens[index + 1].Start
        && tokens[index + 1].Text is "st" or "nd" or "rd" or "th";

    private static bool FollowedBySlash(IReadOnlyList<TextToken> tokens, int index) =>
        index + 1 < tokens.Count && tokens[index + 1].IsSymbol('/');

    private static bool Adjacent(TextToken left, TextToken right) => left.End == right.Start;

    // A fraction is written tight or with single spaces ("3/4", "3 / 4"); more space is two separate things.
    private static bool Close(TextToken left, TextToken right) => right.Start - left.End <= 1;

    private static bool IsWhole(TextToken token) =>
        token.Kind == TokenKind.Digits && !token.Text.Contains('.', StringComparison.Ordinal) && !token.Text.Contains(',', StringComparison.Ordinal);

    private static bool TryWhole(TextToken token, out long value) =>
        long.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value < 1_000_000_000_000;
}
