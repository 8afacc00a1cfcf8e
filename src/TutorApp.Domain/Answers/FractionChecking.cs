using System.Globalization;
using System.Text.RegularExpressions;

namespace TutorApp.Domain.Answers;

internal static partial class FractionChecking
{
    public static AnswerCheck Check(FractionAnswer spec, string input)
    {
        if (spec.Denominator == 0)
        {
            return AnswerCheck.NotUnderstood;
        }
        var expected = (decimal)spec.Numerator / spec.Denominator;
        var match = SimpleFraction().Match(input.Trim());
        if (match.Success)
        {
            var denominator = long.Parse(match.Groups["den"].Value, CultureInfo.InvariantCulture);
            if (denominator == 0)
            {
                return AnswerCheck.NotUnderstood;
            }
            // A mixed number "5 1/3" is the improper fraction 16/3, compared exactly rather than as a rounded decimal.
            var whole = match.Groups["whole"].Success ? long.Parse(match.Groups["whole"].Value, CultureInfo.InvariantCulture) : 0;
            var numerator = (whole * denominator + long.Parse(match.Groups["num"].Value, CultureInfo.InvariantCulture))
                * (match.Groups["sign"].Value == "-" ? -1 : 1);
            var value = (decimal)numerator / denominator;
            // Int128: the cross products of two longs cannot wrap around.
            var equal = (Int128)numerator * spec.Denominator == (Int128)spec.Numerator * denominator;
            var simplest = IsInLowestTerms(numerator, denominator);
            return new AnswerCheck(equal && (!spec.RequireSimplest || simplest), true, value);
        }

        // A decimal or mixed number is accepted when it is exactly the fraction's value and lowest terms are not required.
        if (NumberParser.TryParse(input, out var number))
        {
            return new AnswerCheck(!spec.RequireSimplest && number == expected, true, number);
        }
        return AnswerCheck.NotUnderstood;
    }

    public static bool IsInLowestTerms(long numerator, long denominator) =>
        GreatestCommonDivisor(Math.Abs(numerator), Math.Abs(denominator)) == 1;

    private static long GreatestCommonDivisor(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }
        return a;
    }

    [GeneratedRegex(@"^(?<sign>-)?\s*(?:(?<whole>\d{1,9})\s+)?(?<num>\d{1,9})\s*/\s*(?<den>\d{1,9})$")]
    private static partial Regex SimpleFraction();
}
