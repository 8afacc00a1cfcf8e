using System.Text.RegularExpressions;
using TutorApp.Domain.Answers;

namespace TutorApp.Domain.Content.Import;

/// <summary>The operation a "which operation?" question is about, and the numbers it combines.</summary>
/// <param name="IsWholeCalculation">The step is this one operation (possibly repeated: 100 - 50 - 30 - 15).</param>
internal sealed record OperationFocus(char Operator, IReadOnlyList<ExpressionNode> Operands, bool IsWholeCalculation);

/// <summary>
/// The pieces of wording that a step's questions and hints are made of: the calculation ("48 ÷ 2"), the operation
/// ("divide 48 by 2"), the words of the problem that point to it ("half"), and a guard against showing the result.
/// </summary>
internal sealed class StepTexts
{
    // The words of a problem that point to each operation, most telling first; "half as many" is kept whole.
    private static readonly Dictionary<char, Regex> CuePatterns = new Dictionary<char, string[]>
    {
        ['+'] = ["altogether", "in total", "in all", "combined", "together", "total", "sum", "plus", "more than"],
        ['-'] = ["left", "remaining", "remain", "fewer", "less than", "difference", "gave away", "lost", "change", "after", "more than"],
        ['*'] = ["twice", "double", "triple", "times", "each", "every", "per", "a week", "a day", "an hour"],
        ['/'] = ["half", "split", "shared", "share", "equally", "average", "third", "quarter", "each", "per"],
    }.ToDictionary(
        entry => entry.Key,
        entry => new Regex(
            $@"\b(?:{string.Join('|', entry.Value.Select(Regex.Escape))})\b(?:\s+as\s+(?:many|much))?",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.Compiled));

    public StepTexts(SolutionCalculation step, NumberAnswer expected, string prompt, string sentence, string question)
    {
        Step = step;
        Expected = expected;
        Prompt = prompt;
        Sentence = sentence;
        Focus = FocusOf(step.Expression);
        Cue = Focus is null ? null : FindCue(Focus.Operator, sentence + " \n " + question);
    }

    public SolutionCalculation Step { get; }

    public NumberAnswer Expected { get; }

    /// <summary>The question the step answers (never shows the result).</summary>
    public string Prompt { get; }

    /// <summary>The solution's sentence around the calculation.</summary>
    public string Sentence { get; }

    public OperationFocus? Focus { get; }

    /// <summary>Words of the problem that point to the operation ("half as many"), when there are some.</summary>
    public string? Cue { get; }

    /// <summary>The result as a person writes it: "24", "$0.20", "30%".</summary>
    public string ResultText => Step.ResultIsMoney && !Step.ResultIsPercent
        ? "$" + (Expected.Value == decimal.Truncate(Expected.Value) ? MathText.Format(Expected.Value) : Expected.Value.ToString("0.00##", System.Globalization.CultureInfo.InvariantCulture))
        : MathText.Format(Expected.Value) + (Step.ResultIsPercent ? "%" : "");

    /// <summary>The calculation as written for people ("48 ÷ 2"), or null for a value that is only stated.</summary>
    public string? Calculation => Step.Expression?.Display();

    /// <summary>"48 ÷ 2 = 24", or "the value is 24" when there is no calculation.</summary>
    public string CalculationWithResult => Calculation is null ? $"The value is {ResultText}" : $"{Calculation} = {ResultText}";

    public bool Reveals(string text) => LeakGuard.Reveals(text, Expected);

    /// <summary>"divide 48 by 2", "add 3, 2 and 5", "work out 3 × 2 + 4"; null without a calculation.</summary>
    public string? Instruction => Focus is null
        ? null
        : Focus.IsWholeCalculation ? Describe(Focus.Operator, Focus.Operands) : $"work out {Calculation}";

    /// <summary>Every number the calculation uses: "60, 1 and 2" for 60 × 1 ÷ 2.</summary>
    public string? OperandList => Step.Expression is null
        ? null
        : ListOf(Step.Expression.Operands.Select(MathText.Format).Distinct().ToList());

    public static string OperationNoun(char op) => op switch
    {
        '+' => "addition",
        '-' => "subtraction",
        '*' => "multiplication",
        '/' => "division",
        _ => "a power",
    };

    /// <summary>The words a student may use to name the operation.</summary>
    public static IReadOnlyList<string> OperationWordings(char op) => op switch
    {
        '+' => ["add", "addition", "adding", "plus", "+", "sum", "add them", "add them together", "the sum"],
        '-' => ["subtract", "subtraction", "subtracting", "minus", "-", "−", "take away", "difference", "the difference", "take"],
        '*' => ["multiply", "multiplication", "multiplying", "times", "*", "x", "×", "product", "the product", "multiply them"],
        '/' => ["divide", "division", "dividing", "divided by", "/", "÷", "split", "share", "quotient", "divide them"],
        _ => ["power", "exponent", "^", "square", "squared", "cube", "cubed", "raise to a power"],
    };

    public static string Describe(char op, IReadOnlyList<ExpressionNode> operands)
    {
        var shown = operands.Select(ArithmeticExpression.Display).ToList();
        return (op, shown.Count) switch
        {
            ('+', _) => $"add {ListOf(shown)}",
            ('-', 2) => $"subtract {shown[1]} from {shown[0]}",
            ('-', _) => $"start from {shown[0]} and subtract {ListOf(shown.Skip(1).ToList())}",
            ('*', 2) => $"multiply {shown[0]} by {shown[1]}",
            ('*', _) => $"multiply {ListOf(shown)} together",
            ('/', 2) => $"divide {shown[0]} by {shown[1]}",
            ('/', _) => $"divide {shown[0]} by {shown[1]}, then by {ListOf(shown.Skip(2).ToList())}",
            _ => $"raise {shown[0]} to the power {shown[^1]}",
        };
    }

    public static string ListOf(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };

    private static OperationFocus? FocusOf(ArithmeticExpression? expression)
    {
        if (expression is null || expression.Root is not BinaryNode root)
        {
            return null;
        }
        if (expression.Operators.Count == 1 && (root.Operator is '+' or '*' || IsLeftChain(root)))
        {
            return new OperationFocus(root.Operator, Flatten(root.Operator, root).ToList(), IsWholeCalculation: true);
        }
        var first = expression.FirstOperation()!;
        return new OperationFocus(first.Operator, [first.Left, first.Right], IsWholeCalculation: false);
    }

    // 100 - 50 - 30 - 15 is one repeated subtraction; 5 - (3 - 1) is not.
    private static bool IsLeftChain(ExpressionNode node) => node switch
    {
        BinaryNode binary => binary.Right is not BinaryNode && IsLeftChain(binary.Left),
        _ => true,
    };

    private static IEnumerable<ExpressionNode> Flatten(char op, ExpressionNode node) => node is BinaryNode binary && binary.Operator == op
        ? Flatten(op, binary.Left).Concat(Flatten(op, binary.Right))
        : [node];

    private static string? FindCue(char op, string text) =>
        CuePatterns.TryGetValue(op, out var pattern) && pattern.Match(text) is { Success: true } match
            ? match.Value.ToLowerInvariant()
            : null;
}
