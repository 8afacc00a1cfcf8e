using System.Globalization;
using System.Text.RegularExpressions;
using TutorApp.Domain.Answers;

namespace TutorApp.Tutoring.Evaluation;

/// <summary>
/// "5 remainder 1", "5 r 1" and "5 R1" for 16 ÷ 3. A remainder answers a question whose value is a whole number of
/// groups (5: the remainder is what is left over) or the exact quotient (5 1/3: the remainder over a divisor the value
/// implies). The text is rewritten to that number so the readers see one plain value; any other remainder is read as
/// its quotient, which is then judged as it stands.
/// </summary>
internal static partial class Remainders
{
    /// <param name="divisors">The numbers a quotient may have been divided by (the problem's given numbers): "5 remainder 2"
    /// is not 5 1/3 just because 2/6 is a third.</param>
    public static string Rewrite(string text, IReadOnlyList<AnswerSpec?> expected, IReadOnlyList<decimal> divisors)
    {
        try
        {
            return Remainder().Replace(text, match =>
            {
                var quotient = decimal.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
                var remainder = decimal.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
                foreach (var value in expected.Where(s => s is not null).SelectMany(s => s!.RevealingNumbers()))
                {
                    if (value == quotient)
                    {
                        return match.Groups[1].Value;
                    }
                    var fraction = value - quotient;
                    if (fraction > 0 && fraction < 1 && remainder > 0)
                    {
                        var divisor = remainder / fraction;
                        var rounded = Math.Round(divisor);
                        if (rounded > remainder && Math.Abs(divisor - rounded) < 0.001m && divisors.Contains(rounded))
                        {
                            return $"{match.Groups[1].Value} {match.Groups[2].Value}/{rounded.ToString(CultureInfo.InvariantCulture)}";
                        }
                    }
                }
                return match.Groups[1].Value;
            });
        }
        catch (RegexMatchTimeoutException)
        {
            return text;
        }
    }

    [GeneratedRegex(@"\b(\d{1,9})\s*(?:remainder|rem\.?|r\.?|R)\s*(\d{1,9})\b", RegexOptions.CultureInvariant, 200)]
    private static partial Regex Remainder();
}
