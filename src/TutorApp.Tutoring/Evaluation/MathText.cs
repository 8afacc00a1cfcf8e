using System.Text;
using System.Text.RegularExpressions;

namespace TutorApp.Tutoring.Evaluation;

/// <summary>
/// Rewrites the ways a number can be typeset into plain text before numbers are read: LaTeX fractions from the math input
/// ("\frac{16}{3}", "5\frac{1}{3}"), LaTeX operators, Unicode vulgar fractions ("2½"), curly quotes and non-breaking spaces.
/// Used for student messages and for tutor text alike, so both are read the same way.
/// </summary>
internal static partial class MathText
{
    private static readonly Dictionary<char, string> _vulgarFractions = new()
    {
        ['½'] = "1/2",
        ['⅓'] = "1/3",
        ['⅔'] = "2/3",
        ['¼'] = "1/4",
        ['¾'] = "3/4",
        ['⅕'] = "1/5",
        ['⅖'] = "2/5",
        ['⅗'] = "3/5",
        ['⅘'] = "4/5",
        ['⅙'] = "1/6",
        ['⅚'] = "5/6",
        ['⅛'] = "1/8",
        ['⅜'] = "3/8",
        ['⅝'] = "5/8",
        ['⅞'] = "7/8",
    };

    /// <param name="scaleWords">Write "130k" and "1.2 million" out as plain numbers (not when the question counts in millions).</param>
    public static string Normalize(string text, bool scaleWords = true)
    {
        var builder = new StringBuilder(text.Length + 8);
        foreach (var character in text)
        {
            switch (character)
            {
                case '\u2019' or '\u2018':
                    builder.Append('\'');
                    break;
                case '\u201c' or '\u201d':
                    builder.Append('"');
                    break;
                case '\u00a0' or '\u202f' or '\u2009':
                    builder.Append(' ');
                    break;
                default:
                    if (_vulgarFractions.TryGetValue(character, out var fraction))
                    {
                        builder.Append(' ').Append(fraction);
                    }
                    else
                    {
                        builder.Append(character);
                    }
                    break;
            }
        }
        var plain = builder.ToString();
        try
        {
            if (plain.Contains('\\', StringComparison.Ordinal))
            {
                plain = LatexFraction().Replace(plain, " $1/$2");
                plain = LatexOperator().Replace(plain, match => match.Groups[1].Value switch
                {
                    "times" or "cdot" => " × ",
                    "div" => " ÷ ",
                    _ => " ",
                });
            }
            // The math keyboard's "Insert into my message" writes a fraction as "(18)/(2)".
            plain = ParenthesisedFraction().Replace(plain, "$1/$2");
            // Working keeps "20 million" as written: its lines are in the problem's own unit ("2 × 10 = 20 million").
            return !scaleWords || plain.Contains('=', StringComparison.Ordinal) ? plain : Scaled().Replace(plain, ScaleNumber);
        }
        catch (RegexMatchTimeoutException)
        {
            return plain;
        }
    }

    /// <summary>"130k" is 130000, "1.2 million" is 1200000: written out so that every reader sees one plain number.</summary>
    private static string ScaleNumber(Match match)
    {
        if (!decimal.TryParse(match.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.NumberStyles.Number,
            System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            return match.Value;
        }
        var factor = match.Groups[2].Value.ToLowerInvariant() switch
        {
            "k" or "thousand" => 1_000m,
            "m" or "million" => 1_000_000m,
            _ => 1_000_000_000m,
        };
        try
        {
            return (value * factor).ToString("0.##########", System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (OverflowException)
        {
            return match.Value;
        }
    }

    [GeneratedRegex(@"\(\s*(\d[\d,]*(?:\.\d+)?)\s*\)\s*/\s*\(\s*(\d[\d,]*(?:\.\d+)?)\s*\)", RegexOptions.CultureInvariant, 200)]
    private static partial Regex ParenthesisedFraction();

    [GeneratedRegex(@"(?<![\w.,])(\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?)\s?(k|K|thousand|million|billion)\b", RegexOptions.CultureInvariant, 200)]
    private static partial Regex Scaled();

    [GeneratedRegex(@"\\[dt]?frac\s*\{\s*(\d{1,12})\s*\}\s*\{\s*(\d{1,12})\s*\}", RegexOptions.CultureInvariant, 200)]
    private static partial Regex LatexFraction();

    [GeneratedRegex(@"\\(times|cdot|div|left|right|,|;|quad)", RegexOptions.CultureInvariant, 200)]
    private static partial Regex LatexOperator();
}
