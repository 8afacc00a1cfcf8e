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
            var numerator = long.Parse(match.Groups["num"].Value, CultureInfo.InvariantCulture) * (match.Groups["sign"].Value == "-" ? -1 : 1);
            var denominator = long.Parse(match.Groups["den"].Value, CultureInfo.InvariantCulture);
            if (denominator == 0)
            {
                return AnswerCheck.NotUnderstood;
            }
            var value = (decimal)numerator / denominator;
            var equal = numerator * spec.Denominator == spec.Numerator * denominator;
            var simplest = GreatestCommonDivisor(Math.Abs(numerator), denominator) == 1;
            return new AnswerCheck(equal && (!spec.RequireSimplest || simplest), true, value);
        }

        // A decimal or mixed number is accepted when it is exactly the fraction's value and lowest terms are not required.
        if (NumberParser.TryParse(input, out var number))
        {
            return new AnswerCheck(!spec.RequireSimplest && number == expected, true, number);
        }
        return AnswerCheck.NotUnderstood;
    }

    private static long GreatestCommonDivisor(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }
        return a;
    }

    [GeneratedRegex(@"^(?<sign>-)?\s*(?<num>\d+)\s*/\s*(?<den>\d+)$")]
    private static partial Regex SimpleFraction();
}
