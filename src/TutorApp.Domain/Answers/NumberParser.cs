using System.Globalization;
using System.Text.RegularExpressions;

namespace TutorApp.Domain.Answers;

/// <summary>
/// Reads the number a student meant from what they typed: "1,250", "$12.50", "-3", "3/4", "2 1/2", "45%", "12 cm",
/// "13.5 m²", "60 km/h".
/// A percentage is read as its face value (45% is 45), because step prompts ask for "the percentage".
/// </summary>
public static partial class NumberParser
{
    public static bool TryParse(string? text, out decimal value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        // Phones and word processors type the Unicode minus sign.
        var match = NumberPattern().Match(text.Trim().Replace('\u2212', '-'));
        if (!match.Success)
        {
            return false;
        }

        var sign = match.Groups["sign"].Value == "-" ? -1m : 1m;
        if (match.Groups["whole"].Success && match.Groups["num"].Success)
        {
            if (!decimal.TryParse(match.Groups["whole"].Value, CultureInfo.InvariantCulture, out var whole)
                || !TryFraction(match.Groups["num"].Value, match.Groups["den"].Value, out var fraction))
            {
                return false;
            }
            value = sign * (whole + fraction);
            return true;
        }

        if (match.Groups["num"].Success)
        {
            if (!TryFraction(match.Groups["num"].Value, match.Groups["den"].Value, out var fraction))
            {
                return false;
            }
            value = sign * fraction;
            return true;
        }

        var digits = match.Groups["decimal"].Value.Replace(",", "", StringComparison.Ordinal);
        if (!decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }
        value = sign * number;
        return true;
    }

    // TryParse, not Parse: more digits than a decimal holds is "not a number", never an exception.
    private static bool TryFraction(string numerator, string denominator, out decimal value)
    {
        value = 0;
        if (!decimal.TryParse(denominator, CultureInfo.InvariantCulture, out var den) || den == 0
            || !decimal.TryParse(numerator, CultureInfo.InvariantCulture, out var num))
        {
            return false;
        }
        value = num / den;
        return true;
    }

    // The whole answer must be one number, optionally with a currency sign before and a unit or % after;
    // "3 or 4" or "x = 5" are not read as a number here.
    [GeneratedRegex(
        @"^(?<sign>[-+])?\s*[$€£]?\s*(?:(?<whole>\d+)\s+(?<num>\d+)\s*/\s*(?<den>\d+)|(?<num>\d+)\s*/\s*(?<den>\d+)|(?<decimal>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d*\.\d+|\d+))\s*(?:%|\p{L}{1,12}(?:[²³]|\^\d)?(?:/\p{L}{1,12})?\.?)?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
