using System.Text.RegularExpressions;
using TutorApp.Domain.Content.Import;

namespace TutorApp.Domain.Answers;

/// <summary>One "calculation = result" a student wrote, e.g. "16 - 3 = 13".</summary>
/// <param name="Written">The result as the student wrote it.</param>
/// <param name="Computed">What the calculation really gives; null when there is no calculation to check ("x = 5").</param>
/// <param name="ResultStart">Offset of the written result in the text the line was read from.</param>
/// <param name="FaceValue">The calculation with percentages at face value ("10 × 5% = 50%" is 50), for lines written that way.</param>
public sealed record WorkingLine(string Calculation, decimal Written, decimal? Computed, int ResultStart, int ResultEnd, decimal? FaceValue = null)
{
    /// <summary>
    /// The arithmetic holds (within rounding), or there is nothing to check. Students write percentages both ways
    /// ("$50,000 × 50% = $25,000", "10 × 5% = 50%", "1/5 = 20%"), so either reading counts.
    /// </summary>
    public bool IsRight => Computed is not { } computed
        || CalculationExtractor.AgreesWithin(computed, Written)
        || CalculationExtractor.AgreesWithin(computed * 100, Written)
        || (FaceValue is { } face && CalculationExtractor.AgreesWithin(face, Written));
}

/// <summary>
/// Reads the arithmetic inside a student's message with the same calculation reader the importer uses for worked
/// solutions: the written equations, and the value of a bare calculation ("half of 84", "50% of 260,000", "2 x 8").
/// </summary>
public static partial class StudentWorking
{
    /// <summary>Every "calculation = number" in the text, in order, checked or not.</summary>
    public static IReadOnlyList<WorkingLine> Lines(string text)
    {
        var lines = new List<WorkingLine>();
        foreach (var equation in CalculationExtractor.Equations(text, 0, verify: false))
        {
            var computed = equation.Expression is { HasOperator: true } expression ? expression.Evaluate() : null;
            var calculation = equation.Expression is { HasOperator: true } shown ? shown.Display() : "";
            var face = equation.Expression is { HasOperator: true } percent ? percent.Evaluate(percentAsFraction: false) : null;
            lines.Add(new WorkingLine(calculation, equation.Result, computed, equation.ResultStart, equation.ResultEnd, face));
        }
        return lines;
    }

    /// <summary>
    /// The value of a message that is only a calculation ("half of 84", "twice 12", "50% of 260,000", "16 - 3"); null when
    /// the text holds anything else that matters or no operation at all.
    /// </summary>
    public static decimal? ValueOfCalculation(string text)
    {
        string rewritten;
        try
        {
            rewritten = OperatorWord().Replace(text.ToLowerInvariant(), match => match.Value switch
            {
                "half of" or "a half of" or "one half of" => " 0.5 * ",
                "a third of" or "one third of" => " (1/3) * ",
                "a quarter of" or "one quarter of" or "a fourth of" => " 0.25 * ",
                "twice" or "double" => " 2 * ",
                "triple" => " 3 * ",
                "times" or "multiplied by" or "x" => " * ",
                "divided by" or "over" => " / ",
                "plus" or "added to" => " + ",
                "minus" or "take away" => " - ",
                "of" => " * ",
                _ => " ",
            });
            rewritten = Filler().Replace(rewritten, " ");
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
        var tokens = MathText.Tokenize(rewritten).Where(t => t.Kind != MathTokenKind.Punctuation || t.Text is "(" or ")").ToList();
        if (tokens.Any(t => t.Kind is MathTokenKind.Word or MathTokenKind.EqualsSign))
        {
            return null;
        }
        var expression = ArithmeticExpression.TryParse(tokens);
        return expression is { HasOperator: true } ? expression.Evaluate() : null;
    }

    // "of" multiplies only after a percentage or a fraction ("50% of 260,000", "2/3 of 12").
    [GeneratedRegex(@"\b(a half of|one half of|half of|a third of|one third of|a quarter of|one quarter of|a fourth of|twice|double|triple|multiplied by|divided by|added to|take away|times|over|plus|minus|x(?=\s*\d))\b|(?<=%\s*|\d\s*/\s*\d+\s*)\b(of)\b",
        RegexOptions.CultureInvariant, 200)]
    private static partial Regex OperatorWord();

    // Words that carry no arithmetic in a bare calculation: "it's", "is", "just", "maybe", units after numbers are kept by the tokenizer.
    [GeneratedRegex(@"\b(it'?s|is|just|maybe|i think|um+|so|that'?s|the)\b|[?!.,;:](?=\s|$)", RegexOptions.CultureInvariant, 200)]
    private static partial Regex Filler();
}
