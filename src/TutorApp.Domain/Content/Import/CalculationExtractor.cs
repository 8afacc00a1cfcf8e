using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace TutorApp.Domain.Content.Import;

/// <summary>How the steps of a worked solution were found, from most to least reliable.</summary>
internal enum StepSource
{
    /// <summary>GSM8K calculator annotations <c>&lt;&lt;48/2=24&gt;&gt;</c>.</summary>
    Annotations,
    /// <summary>Equations written in the text whose left side really gives the right side: "4 x 6 = 24".</summary>
    PlainEquations,
    /// <summary>Lines that state a value after "=", without a calculation that checks out ("x = 2350").</summary>
    StatedResults,
    /// <summary>Only the line that states the final answer.</summary>
    FinalAnswerLine,
}

/// <summary>
/// One calculation of a worked solution: the step it becomes.
/// </summary>
/// <param name="Line">The solution line, as plain text (calculator annotations removed).</param>
/// <param name="CalculationStart">Where the written calculation starts in <paramref name="Line"/> (its result when none is written).</param>
/// <param name="ResultStart">Where the written result starts; equal to <paramref name="ResultEnd"/> when the line does not show it.</param>
/// <param name="Expression">The calculation; null for a value that is only stated.</param>
/// <param name="ResultIsPercent">The result is written as a percentage (its value is then the face value).</param>
internal sealed record SolutionCalculation(
    string Line,
    int LineIndex,
    int CalculationStart,
    int ResultStart,
    int ResultEnd,
    ArithmeticExpression? Expression,
    decimal Result,
    bool ResultIsPercent,
    bool ResultIsMoney);

/// <summary>Finds the calculations in a worked solution (GSM8K answers, MathDial ground truths and student solutions).</summary>
internal static partial class CalculationExtractor
{
    /// <summary>The steps of a solution given as lines (final-answer line excluded), with how they were found.</summary>
    /// <param name="givenNumbers">The numbers in the problem statement: a value the solution merely restates is no step.</param>
    /// <param name="finalAnswer">The solution's final answer: the last step should give it.</param>
    public static (IReadOnlyList<SolutionCalculation> Steps, StepSource Source) FromSolution(
        IReadOnlyList<string> lines, IReadOnlyCollection<decimal> givenNumbers, decimal finalAnswer)
    {
        var plainLines = lines.Select(StripAnnotations).ToList();
        var (steps, source) = FindSteps(lines, plainLines, givenNumbers);
        var lastLine = steps.Count > 0 ? steps[^1].LineIndex : 0;
        if (steps.Count > 0 && Math.Abs(steps[^1].Result - finalAnswer) <= StepAnswers.For(finalAnswer, isPercent: false).Tolerance)
        {
            return (steps, source);
        }

        // The last calculation has no annotation ("so 20/4 = $5"), or the final answer is only stated ("That means he
        // lifted a total of 352 kg", "so David is 7 years old"): the line that gives it is the last step.
        for (var index = plainLines.Count - 1; index >= lastLine; index--)
        {
            var equation = Equations(plainLines[index], index, verify: true).LastOrDefault(e => e.Result == finalAnswer);
            if (equation is not null && !steps.Any(s => s.LineIndex == index && s.ResultStart == equation.ResultStart))
            {
                return ([.. steps, equation], steps.Count == 0 ? StepSource.PlainEquations : source);
            }
            var token = MathText.Tokenize(plainLines[index]).LastOrDefault(t => t.IsNumber && t.Value == finalAnswer);
            if (token is not null && !steps.Any(s => s.LineIndex == index && s.ResultStart == token.Start))
            {
                var stated = new SolutionCalculation(plainLines[index], index, token.Start, token.Start, token.End, null, token.Value,
                    token.IsPercent, token.IsMoney);
                return ([.. steps, stated], steps.Count == 0 ? StepSource.FinalAnswerLine : source);
            }
        }
        return (steps, source);
    }

    private static (List<SolutionCalculation> Steps, StepSource Source) FindSteps(
        IReadOnlyList<string> lines, IReadOnlyList<string> plainLines, IReadOnlyCollection<decimal> givenNumbers)
    {
        var annotated = lines.SelectMany((line, index) => FromAnnotations(line, index)).ToList();
        if (annotated.Count > 0)
        {
            return (annotated, StepSource.Annotations);
        }
        var equations = plainLines.SelectMany((line, index) => Equations(line, index, verify: true)).ToList();
        if (equations.Count == 0)
        {
            // "3*40A = 120A": in a solution without algebra, a letter after a number is a unit (amperes), not a variable.
            equations = plainLines.SelectMany((line, index) => Equations(line, index, verify: true, letterIsUnit: true)).ToList();
        }
        if (equations.Count > 0)
        {
            return (WithNewStatedValues(plainLines, equations, givenNumbers), StepSource.PlainEquations);
        }

        // Nothing here checks out (typically algebra: "6a = 156", "a = 26"), so only stated values are kept, and only
        // new ones: "a + m = 150" restates the problem and "c + 2c = 21", "3c = 21" say the same thing twice.
        var stated = new List<SolutionCalculation>();
        foreach (var equation in plainLines.SelectMany((line, index) => Equations(line, index, verify: false)))
        {
            if (!givenNumbers.Contains(equation.Result) && !stated.Any(s => s.Result == equation.Result))
            {
                stated.Add(equation with { Expression = null, CalculationStart = equation.ResultStart });
            }
        }
        return (stated, StepSource.StatedResults);
    }

    // A line without a checked equation may still state a new value ("which produces x = 18"): it is a step too.
    private static List<SolutionCalculation> WithNewStatedValues(
        IReadOnlyList<string> plainLines, List<SolutionCalculation> equations, IReadOnlyCollection<decimal> givenNumbers)
    {
        var steps = new List<SolutionCalculation>();
        for (var index = 0; index < plainLines.Count; index++)
        {
            var checkedHere = equations.Where(e => e.LineIndex == index).ToList();
            if (checkedHere.Count > 0)
            {
                steps.AddRange(checkedHere);
                continue;
            }
            var stated = Equations(plainLines[index], index, verify: false)
                .LastOrDefault(e => !givenNumbers.Contains(e.Result) && !equations.Any(s => s.Result == e.Result));
            if (stated is not null)
            {
                steps.Add(stated with { Expression = null, CalculationStart = stated.ResultStart });
            }
        }
        return steps;
    }

    public static string StripAnnotations(string line) => AnnotationPattern().Replace(line, "");

    /// <summary>One calculation per calculator annotation in the line.</summary>
    public static IReadOnlyList<SolutionCalculation> FromAnnotations(string line, int lineIndex)
    {
        var matches = AnnotationPattern().Matches(line);
        if (matches.Count == 0)
        {
            return [];
        }

        // Remove the annotations, remembering where each one stood in the plain text.
        var plain = new StringBuilder();
        var positions = new List<(int PlainPosition, string Content)>();
        var copiedUpTo = 0;
        foreach (Match match in matches)
        {
            plain.Append(line, copiedUpTo, match.Index - copiedUpTo);
            positions.Add((plain.Length, match.Groups["content"].Value));
            copiedUpTo = match.Index + match.Length;
        }
        plain.Append(line, copiedUpTo, line.Length - copiedUpTo);
        var plainLine = plain.ToString();
        var tokens = MathText.Tokenize(plainLine);

        var calculations = new List<SolutionCalculation>();
        foreach (var (position, content) in positions)
        {
            var equals = content.LastIndexOf('=');
            if (equals < 0 || !decimal.TryParse(content[(equals + 1)..], NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign,
                    CultureInfo.InvariantCulture, out var result))
            {
                continue;
            }
            ArithmeticExpression? expression = ArithmeticExpression.TryParse(content[..equals]);
            if (expression is null)
            {
                continue;
            }

            // The annotation is followed by the result as text ("<<48/2=24>>24", "$<<12/60=0.2>>0.2").
            var resultIndex = FindIndex(tokens, t => t.IsNumber && t.Start <= position + 1 && t.End > position);
            var resultStart = resultIndex >= 0 ? tokens[resultIndex].Start : position;
            var resultEnd = resultIndex >= 0 ? tokens[resultIndex].End : position;
            var calculationStart = resultStart;
            if (resultIndex > 0 && tokens[resultIndex - 1].Kind == MathTokenKind.EqualsSign)
            {
                var leftStart = ScanLeftSide(tokens, resultIndex - 1);
                if (leftStart < resultIndex - 1)
                {
                    calculationStart = tokens[leftStart].Start;
                }
            }
            var resultToken = resultIndex >= 0 ? tokens[resultIndex] : null;
            var isMoney = resultToken?.IsMoney == true || IsMoneyWordAfter(tokens, resultIndex)
                || tokens.Any(t => t.IsMoney && t.Start >= calculationStart && t.End <= resultStart);
            if (!expression.HasOperator)
            {
                // "<<40=40>>" only restates a value: the calculation, if any, is the one written in the text ("20 x 2 = 40").
                var written = Equations(plainLine, lineIndex, verify: true).FirstOrDefault(e => e.Result == result && e.ResultEnd <= resultEnd);
                expression = written?.Expression;
                calculationStart = written?.CalculationStart ?? resultStart;
            }
            calculations.Add(new SolutionCalculation(plainLine, lineIndex, calculationStart, resultStart, resultEnd, expression,
                result, resultToken?.IsPercent == true, isMoney));
        }
        return calculations;
    }

    /// <summary>
    /// The equations "calculation = number" written in a plain line. With <paramref name="verify"/>, only those whose
    /// calculation gives the number (within rounding) count; without it, every "= number" counts, its calculation kept
    /// when it can be read (for students' solutions, which may miscalculate, and for stated results such as "x = 5").
    /// </summary>
    public static IReadOnlyList<SolutionCalculation> Equations(string line, int lineIndex, bool verify, bool letterIsUnit = false)
    {
        var tokens = MathText.Tokenize(line, letterIsUnit);
        var calculations = new List<SolutionCalculation>();
        for (var equalsIndex = 0; equalsIndex < tokens.Count - 1; equalsIndex++)
        {
            if (tokens[equalsIndex].Kind != MathTokenKind.EqualsSign || !IsFinalValue(tokens, equalsIndex + 1))
            {
                continue;
            }
            var resultToken = tokens[equalsIndex + 1];
            var leftStart = ScanLeftSide(tokens, equalsIndex);
            var (expression, expressionStart) = ReadLeftSide(tokens, leftStart, equalsIndex, verify ? resultToken : null);
            if (verify && expression is null)
            {
                continue;
            }
            var calculationStart = expression is not null ? tokens[expressionStart].Start : resultToken.Start;
            var isMoney = resultToken.IsMoney || IsMoneyWordAfter(tokens, equalsIndex + 1)
                || tokens.Skip(leftStart).Take(equalsIndex - leftStart).Any(t => t.IsMoney);
            calculations.Add(new SolutionCalculation(line, lineIndex, calculationStart, resultToken.Start, resultToken.End, expression,
                resultToken.Value, resultToken.IsPercent, isMoney));
        }
        return calculations;
    }

    /// <summary>Largest difference between a written result and its calculation still taken as rounding.</summary>
    public static bool AgreesWithin(decimal computed, decimal written) =>
        Math.Abs(computed - written) <= Math.Max(0.01m, Math.Abs(written) * 0.005m);

    // A number right after "=" is a result unless the calculation goes on ("= 5 x 4 = 20" is read at its last "=").
    private static bool IsFinalValue(IReadOnlyList<MathToken> tokens, int index)
    {
        if (!tokens[index].IsNumber)
        {
            return false;
        }
        var next = index + 1 < tokens.Count ? tokens[index + 1] : null;
        return next is null || next.Kind switch
        {
            MathTokenKind.OpenParen => false,
            // "= 2 * x" goes on; "= 24 - that is" is a dash.
            MathTokenKind.Operator => next.Operator == '-' && !(index + 2 < tokens.Count
                && tokens[index + 2].Kind is MathTokenKind.Number or MathTokenKind.OpenParen or MathTokenKind.Word && tokens[index + 2].Text.Length == 1),
            _ => true,
        };
    }

    /// <summary>
    /// Walks left from an "=" over numbers, operators, parentheses and short unit phrases between a number and an
    /// operator ("3 bids * $50 per bid"); returns the index of the first token taken (the "=" itself when none).
    /// </summary>
    private static int ScanLeftSide(IReadOnlyList<MathToken> tokens, int equalsIndex)
    {
        var first = equalsIndex;
        var i = equalsIndex - 1;
        while (i >= 0)
        {
            var token = tokens[i];
            if (token.Kind is MathTokenKind.Number or MathTokenKind.Operator or MathTokenKind.OpenParen or MathTokenKind.CloseParen)
            {
                first = i;
                i--;
                continue;
            }
            if (token.Kind != MathTokenKind.Word)
            {
                break;
            }
            var runStart = i;
            while (runStart > 0 && tokens[runStart - 1].Kind == MathTokenKind.Word)
            {
                runStart--;
            }
            var before = runStart > 0 ? tokens[runStart - 1] : null;
            var after = tokens[i + 1];
            // Up to eight words, as in "8,000 total steps - 6,000 steps on his school walks and short walks = 2,000".
            var isUnitPhrase = i - runStart < 8
                && !tokens.Skip(runStart).Take(i - runStart + 1).Any(t => t.Text.Length == 1 || NotUnitWords.Contains(t.Text))
                && before?.Kind is MathTokenKind.Number or MathTokenKind.CloseParen
                && after.Kind is MathTokenKind.Operator or MathTokenKind.CloseParen or MathTokenKind.EqualsSign;
            if (!isUnitPhrase)
            {
                break;
            }
            first = runStart;
            i = runStart - 1;
        }
        return first;
    }

    /// <summary>
    /// The longest readable calculation in tokens[start..equalsIndex) (words dropped), and the index of its first token.
    /// With an expected result, the calculation must give it; leading tokens are dropped until one does.
    /// </summary>
    private static (ArithmeticExpression? Expression, int Start) ReadLeftSide(
        IReadOnlyList<MathToken> tokens, int start, int equalsIndex, MathToken? expectedResult)
    {
        for (var from = start; from < equalsIndex; from++)
        {
            if (tokens[from].Kind is not (MathTokenKind.Number or MathTokenKind.OpenParen)
                && !(from == start && tokens[from] is { Kind: MathTokenKind.Operator, Operator: '-' }))
            {
                continue;
            }
            var calculationTokens = tokens.Skip(from).Take(equalsIndex - from).Where(t => t.Kind != MathTokenKind.Word).ToList();
            var expression = ArithmeticExpression.TryParse(calculationTokens);
            if (expression is null || !expression.HasOperator)
            {
                continue;
            }
            if (expectedResult is null || GivesResult(expression, expectedResult))
            {
                return (expression, from);
            }
        }
        return (null, equalsIndex);
    }

    // "40% + 20% = 60%" holds with percentages as fractions; "100 - 20% = 80%" only at face value. Either will do.
    private static bool GivesResult(ArithmeticExpression expression, MathToken result)
    {
        var written = result.IsPercent ? result.Value / 100m : result.Value;
        var asFractions = expression.Evaluate(percentAsFraction: true);
        if (asFractions is not null && AgreesWithin(asFractions.Value, written))
        {
            return true;
        }
        var atFaceValue = expression.Evaluate(percentAsFraction: false);
        return atFaceValue is not null && AgreesWithin(atFaceValue.Value, result.Value);
    }

    // Words that join clauses rather than name a unit: "6/3 or Y = 2" is not "6/3 (unit) = 2".
    private static readonly HashSet<string> NotUnitWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "or", "so", "then", "which", "is", "are", "was", "were", "be", "gives", "get", "gets", "makes",
        "means", "equals", "because", "since", "if", "when", "but", "thus", "therefore", "hence", "we", "you",
    };

    private static bool IsMoneyWordAfter(IReadOnlyList<MathToken> tokens, int index) =>
        index >= 0 && index + 1 < tokens.Count && tokens[index + 1].Kind == MathTokenKind.Word
        && tokens[index + 1].Text.ToLowerInvariant() is "dollars" or "dollar" or "cents" or "euros" or "pounds sterling";

    private static int FindIndex(IReadOnlyList<MathToken> tokens, Func<MathToken, bool> predicate)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (predicate(tokens[i]))
            {
                return i;
            }
        }
        return -1;
    }

    [GeneratedRegex(@"<<(?<content>[^<>]*)>>", RegexOptions.CultureInvariant)]
    private static partial Regex AnnotationPattern();
}
