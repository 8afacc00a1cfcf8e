using System.Globalization;
using System.Text.RegularExpressions;
using TutorApp.Domain.Answers;

namespace TutorApp.Domain.Content.Import;

/// <summary>
/// Keeps generated questions and hints from giving the answer away: a text reveals a step's value when a number
/// written in it is within the step's tolerance of that value. It errs on the side of caution: every run of digits
/// counts ("400g", the 2 of "4 1/2"), and so do the values of mixed numbers and fractions ("2 1/2", "1/2").
/// </summary>
internal static partial class LeakGuard
{
    public static bool Reveals(string text, NumberAnswer answer) =>
        text.AsSpan().IndexOfAnyInRange('0', '9') >= 0 && NumbersShown(text).Any(n => Math.Abs(n - answer.Value) <= answer.Tolerance);

    private static IEnumerable<decimal> NumbersShown(string text)
    {
        foreach (Match digits in DigitRun().Matches(text))
        {
            if (decimal.TryParse(digits.Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint,
                    CultureInfo.InvariantCulture, out var value))
            {
                yield return value;
            }
        }
        var tokens = MathText.Tokenize(text);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!tokens[i].IsNumber)
            {
                continue;
            }
            yield return tokens[i].Value;
            // A fraction written without spaces shows its value too.
            if (i + 2 < tokens.Count && tokens[i + 1] is { Kind: MathTokenKind.Operator, Operator: '/' } && tokens[i + 2].IsNumber
                && tokens[i].End == tokens[i + 1].Start && tokens[i + 1].End == tokens[i + 2].Start && tokens[i + 2].Value != 0)
            {
                yield return tokens[i].Value / tokens[i + 2].Value;
            }
        }
    }

    [GeneratedRegex(@"\d[\d,]*(?:\.\d+)?|\.\d+", RegexOptions.CultureInvariant)]
    private static partial Regex DigitRun();
}
