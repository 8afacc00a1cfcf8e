using System.Globalization;

namespace TutorApp.Domain.Content.Import;

internal enum MathTokenKind
{
    Number,
    Operator,
    OpenParen,
    CloseParen,
    EqualsSign,
    Word,
    Punctuation,
}

/// <param name="Start">Offset of the first character in the tokenized text.</param>
/// <param name="End">Offset just past the last character.</param>
/// <param name="Value">For a number: its face value (45% is 45, "$1,250" is 1250, "2 1/2" is 2.5).</param>
/// <param name="Operator">For an operator: one of + - * / ^, whatever sign the text used.</param>
internal sealed record MathToken(
    MathTokenKind Kind,
    int Start,
    int End,
    string Text,
    decimal Value = 0,
    bool IsPercent = false,
    bool IsMoney = false,
    char Operator = '\0')
{
    public bool IsNumber => Kind == MathTokenKind.Number;
}

/// <summary>
/// Splits the prose of a worked solution into numbers, operators, words and punctuation, so that the equations
/// written inside sentences ("Natalia sold 48/2 = 24 clips", "4 x 6 = 24", "$12/60 = $0.2") can be found.
/// </summary>
internal static class MathText
{
    private const string CurrencySigns = "$€£";

    /// <param name="letterIsUnit">Read "40A" as 40 (amperes) rather than as the algebraic term 40·A.</param>
    public static IReadOnlyList<MathToken> Tokenize(string text, bool letterIsUnit = false)
    {
        var tokens = new List<MathToken>();
        var position = 0;
        while (position < text.Length)
        {
            var c = text[position];
            if (char.IsWhiteSpace(c))
            {
                position++;
            }
            else if (TryReadNumber(text, position, letterIsUnit, out var number))
            {
                tokens.Add(number);
                position = number.End;
            }
            else if (char.IsLetter(c))
            {
                var end = ReadWordEnd(text, position);
                var word = text[position..end];
                // "6/6 equals 1" is an equation too.
                var kind = word.Equals("equals", StringComparison.OrdinalIgnoreCase) ? MathTokenKind.EqualsSign : MathTokenKind.Word;
                tokens.Add(new MathToken(kind, position, end, word));
                position = end;
            }
            else
            {
                tokens.Add(ReadSymbol(text, position));
                position++;
            }
        }
        return MarkLetterXAsTimes(MergeUnitPhrases(text, tokens));
    }

    /// <summary>Formats a value the way the solutions write it: no trailing zeros, no thousands separators.</summary>
    public static string Format(decimal value) => value.ToString("0.##########", CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads a stated final answer ("72", "1,000", "$5.50", "-40", " 128.", "12 cm"); false when it is not one number.
    /// </summary>
    public static bool TryParseAnswer(string text, out decimal value) =>
        Answers.NumberParser.TryParse(text.Trim().TrimEnd('.').Trim(), out value);

    /// <summary>The face values of every number written in the text.</summary>
    public static IEnumerable<decimal> NumbersIn(string text) =>
        Tokenize(text).Where(t => t.IsNumber).Select(t => t.Value);

    private static bool TryReadNumber(string text, int start, bool letterIsUnit, out MathToken token)
    {
        token = null!;
        var position = start;
        var isMoney = false;
        if (CurrencySigns.Contains(text[position], StringComparison.Ordinal))
        {
            position++;
            while (position < text.Length && text[position] == ' ')
            {
                position++;
            }
            isMoney = true;
        }

        var digitsStart = position;
        var end = ReadDigits(text, position);
        if (end == digitsStart)
        {
            return false;
        }
        // ".5" is a number but "3." at the end of a sentence is "3" followed by a full stop.
        if (digitsStart > 0 && char.IsAsciiDigit(text[digitsStart - 1]))
        {
            return false;
        }

        var digits = text[digitsStart..end].Replace(",", "", StringComparison.Ordinal);
        if (!decimal.TryParse(digits.StartsWith('.') ? "0" + digits : digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            // Too many digits for a decimal: no word problem means it as a quantity.
            token = new MathToken(MathTokenKind.Word, start, end, text[start..end]);
            return true;
        }

        // "1 1/2" is a mixed number, not 1 next to the fraction 1/2.
        if (!digits.Contains('.', StringComparison.Ordinal) && TryReadFractionPart(text, end, out var fraction, out var fractionEnd))
        {
            value += fraction;
            end = fractionEnd;
        }

        var isPercent = false;
        if (end < text.Length && text[end] == '%')
        {
            isPercent = true;
            end++;
        }
        else if (end < text.Length && char.IsLetter(text[end]))
        {
            var letters = ReadWordEnd(text, end) - end;
            if (letters == 1 && letterIsUnit)
            {
                end++; // "40A": the unit letter belongs to the quantity.
            }
            else if (letters == 1)
            {
                // "2p", "5A", "1.2Y": an algebraic term, not a quantity.
                var termEnd = end + 1;
                token = new MathToken(MathTokenKind.Word, start, termEnd, text[start..termEnd]);
                return true;
            }
        }

        token = new MathToken(MathTokenKind.Number, start, end, text[start..end], value, isPercent, isMoney);
        return true;
    }

    private static int ReadDigits(string text, int position)
    {
        var end = position;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }
        // Thousands separators only in groups of three: "3,650" but not the list "1,2,3".
        if (end > position && end - position <= 3)
        {
            var groupEnd = end;
            while (groupEnd < text.Length && text[groupEnd] == ','
                && IsDigits(text, groupEnd + 1, 3) && !(groupEnd + 4 < text.Length && char.IsAsciiDigit(text[groupEnd + 4])))
            {
                groupEnd += 4;
            }
            end = groupEnd;
        }
        if (end + 1 < text.Length && text[end] == '.' && char.IsAsciiDigit(text[end + 1]))
        {
            end++;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }
        }
        return end;
    }

    private static bool IsDigits(string text, int start, int count)
    {
        if (start + count > text.Length)
        {
            return false;
        }
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }
        }
        return true;
    }

    private static bool TryReadFractionPart(string text, int position, out decimal fraction, out int end)
    {
        fraction = 0;
        end = position;
        if (position >= text.Length || text[position] != ' ')
        {
            return false;
        }
        var numeratorStart = position + 1;
        var numeratorEnd = numeratorStart;
        while (numeratorEnd < text.Length && char.IsAsciiDigit(text[numeratorEnd]))
        {
            numeratorEnd++;
        }
        if (numeratorEnd == numeratorStart || numeratorEnd >= text.Length || text[numeratorEnd] != '/')
        {
            return false;
        }
        var denominatorStart = numeratorEnd + 1;
        var denominatorEnd = denominatorStart;
        while (denominatorEnd < text.Length && char.IsAsciiDigit(text[denominatorEnd]))
        {
            denominatorEnd++;
        }
        if (denominatorEnd == denominatorStart || (denominatorEnd < text.Length && (text[denominatorEnd] == '.' || char.IsLetter(text[denominatorEnd]))))
        {
            return false;
        }
        // Only a proper fraction makes a mixed number ("2 3/4"); "5 10/2" is two separate quantities.
        if (!decimal.TryParse(text[numeratorStart..numeratorEnd], CultureInfo.InvariantCulture, out var numerator)
            || !decimal.TryParse(text[denominatorStart..denominatorEnd], CultureInfo.InvariantCulture, out var denominator)
            || denominator == 0 || numerator >= denominator)
        {
            return false;
        }
        fraction = numerator / denominator;
        end = denominatorEnd;
        return true;
    }

    private static int ReadWordEnd(string text, int start)
    {
        var end = start;
        while (end < text.Length)
        {
            if (char.IsLetter(text[end]))
            {
                end++;
            }
            else if ((text[end] == '\'' || text[end] == '’' || text[end] == '-') && end + 1 < text.Length && char.IsLetter(text[end + 1]) && end > start)
            {
                end++;
            }
            else
            {
                break;
            }
        }
        return end;
    }

    private static MathToken ReadSymbol(string text, int position)
    {
        var c = text[position];
        var symbol = c.ToString();
        return c switch
        {
            '+' => new MathToken(MathTokenKind.Operator, position, position + 1, symbol, Operator: '+'),
            '-' or '−' or '–' => new MathToken(MathTokenKind.Operator, position, position + 1, symbol, Operator: '-'),
            '*' or '×' or '·' => new MathToken(MathTokenKind.Operator, position, position + 1, symbol, Operator: '*'),
            '/' or '÷' => new MathToken(MathTokenKind.Operator, position, position + 1, symbol, Operator: '/'),
            '^' => new MathToken(MathTokenKind.Operator, position, position + 1, symbol, Operator: '^'),
            '(' => new MathToken(MathTokenKind.OpenParen, position, position + 1, symbol),
            ')' => new MathToken(MathTokenKind.CloseParen, position, position + 1, symbol),
            '=' or '≈' => new MathToken(MathTokenKind.EqualsSign, position, position + 1, symbol),
            _ => new MathToken(MathTokenKind.Punctuation, position, position + 1, symbol),
        };
    }

    // "pounds/week" and "(tests)" name a unit; as single words they cannot be mistaken for a division or a group.
    private static List<MathToken> MergeUnitPhrases(string text, List<MathToken> tokens)
    {
        var merged = new List<MathToken>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (i + 2 < tokens.Count && tokens[i].Kind == MathTokenKind.Word && tokens[i + 1] is { Kind: MathTokenKind.Operator, Operator: '/' }
                && tokens[i + 2].Kind == MathTokenKind.Word && tokens[i].End == tokens[i + 1].Start && tokens[i + 1].End == tokens[i + 2].Start)
            {
                merged.Add(new MathToken(MathTokenKind.Word, tokens[i].Start, tokens[i + 2].End, text[tokens[i].Start..tokens[i + 2].End]));
                i += 2;
                continue;
            }
            // "$12/ticket": the rate's unit, one word with its slash.
            if (i + 2 < tokens.Count && tokens[i].IsNumber && tokens[i + 1] is { Kind: MathTokenKind.Operator, Operator: '/' }
                && tokens[i + 2].Kind == MathTokenKind.Word && tokens[i].End == tokens[i + 1].Start && tokens[i + 1].End == tokens[i + 2].Start)
            {
                merged.Add(tokens[i]);
                merged.Add(new MathToken(MathTokenKind.Word, tokens[i + 1].Start, tokens[i + 2].End, text[tokens[i + 1].Start..tokens[i + 2].End]));
                i += 2;
                continue;
            }
            if (tokens[i].Kind == MathTokenKind.OpenParen)
            {
                var close = i + 1;
                while (close < tokens.Count && tokens[close].Kind == MathTokenKind.Word)
                {
                    close++;
                }
                if (close > i + 1 && close < tokens.Count && tokens[close].Kind == MathTokenKind.CloseParen)
                {
                    merged.Add(new MathToken(MathTokenKind.Word, tokens[i].Start, tokens[close].End, text[tokens[i].Start..tokens[close].End]));
                    i = close;
                    continue;
                }
            }
            merged.Add(tokens[i]);
        }
        return merged;
    }

    // "4 x 6" and "50 kilograms x 2" mean times; an "x" that is not between two quantities stays a word (a variable).
    private static List<MathToken> MarkLetterXAsTimes(List<MathToken> tokens)
    {
        for (var i = 1; i < tokens.Count - 1; i++)
        {
            var token = tokens[i];
            if (token.Kind == MathTokenKind.Word && token.Text is "x" or "X"
                && FollowsQuantity(tokens, i)
                && tokens[i + 1].Kind is MathTokenKind.Number or MathTokenKind.OpenParen)
            {
                tokens[i] = token with { Kind = MathTokenKind.Operator, Operator = '*' };
            }
        }
        return tokens;
    }

    // A quantity ends just before index: a number or ")" maybe followed by up to three unit words.
    private static bool FollowsQuantity(List<MathToken> tokens, int index)
    {
        var i = index - 1;
        var words = 0;
        while (i >= 0 && tokens[i].Kind == MathTokenKind.Word && words < 3)
        {
            i--;
            words++;
        }
        return i >= 0 && tokens[i].Kind is MathTokenKind.Number or MathTokenKind.CloseParen;
    }
}
