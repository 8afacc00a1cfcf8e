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

    public static string Normalize(string text)
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
        if (!plain.Contains('\\', StringComparison.Ordinal))
        {
            return plain;
        }
        try
        {
            plain = LatexFraction().Replace(plain, " $1/$2");
            return LatexOperator().Replace(plain, match => match.Groups[1].Value switch
            {
                "times" or "cdot" => " × ",
                "div" => " ÷ ",
                _ => " ",
            });
        }
        catch (RegexMatchTimeoutException)
        {
            return plain;
        }
    }

    [GeneratedRegex(@"\\[dt]?frac\s*\{\s*(\d{1,12})\s*\}\s*\{\s*(\d{1,12})\s*\}", RegexOptions.CultureInvariant, 200)]
    private static partial Regex LatexFraction();

    [GeneratedRegex(@"\\(times|cdot|div|left|right|,|;|quad)", RegexOptions.CultureInvariant, 200)]
    private static partial Regex LatexOperator();
}
