using System.Text.RegularExpressions;

namespace TutorApp.Domain.Content.Import;

/// <summary>Where a student's wrong solution first goes astray, and what they had there.</summary>
/// <param name="StudentCalculation">The student's calculation for that step, when one could be matched.</param>
/// <param name="SameNumbers">The student's calculation combines some of the step's own numbers (12 - 3 for 12 + 3).</param>
internal sealed record MisconceptionFinding(StepDraft Step, decimal WrongValue, SolutionCalculation? StudentCalculation, bool SameNumbers = false);

/// <summary>
/// Compares a MathDial student's incorrect solution with the ground truth: the misconception sits on the first step
/// whose value the student never reaches.
/// </summary>
internal static class MisconceptionFinder
{
    /// <param name="studentLines">The student's solution without its final-answer line.</param>
    /// <param name="givenNumbers">The numbers of the problem statement: copying one is not reaching a step.</param>
    public static MisconceptionFinding? Find(ProblemDraft problem, IReadOnlyList<string> studentLines, decimal studentAnswer,
        IReadOnlyCollection<decimal> givenNumbers)
    {
        var studentCalculations = studentLines.SelectMany((line, index) => CalculationExtractor.Equations(line, index, verify: false)).ToList();
        var studentNumbers = studentLines.SelectMany(MathText.NumbersIn).ToList();
        var stepValues = problem.Steps.Select(s => s.Texts.Expected).ToList();

        // A value is reached when the student computed it, or wrote it where the problem does not give it.
        bool Reached(decimal value, decimal tolerance) =>
            studentCalculations.Any(c => Near(c.Result, value, tolerance))
            || (studentNumbers.Any(n => Near(n, value, tolerance)) && !givenNumbers.Contains(value));

        var step = problem.Steps.FirstOrDefault(s => !Reached(s.Texts.Expected.Value, s.Texts.Expected.Tolerance));
        if (step is null)
        {
            // Every step is reached but the answer differs (extra or misread final steps): the last step is where it goes wrong.
            var last = problem.Steps[^1];
            return Near(studentAnswer, last.Texts.Expected.Value, last.Texts.Expected.Tolerance)
                ? null
                : new MisconceptionFinding(last, studentAnswer, null);
        }

        bool IsStepValue(decimal value) => stepValues.Any(v => Near(value, v.Value, v.Tolerance));
        var operands = step.Texts.Step.Expression?.Operands ?? [];

        // The student's counterpart of the step: a calculation on the same numbers that gives something else
        // ("12 - 3 = 9" for "12 + 3 = 15"), preferring the one sharing the most numbers.
        var counterpart = studentCalculations
            .Where(c => c.Expression is not null && !IsStepValue(c.Result))
            .Select(c => (Calculation: c, Shared: c.Expression!.Operands.Count(o => operands.Contains(o))))
            .Where(x => x.Shared > 0)
            .OrderByDescending(x => Math.Min(x.Shared, 2))
            .Select(x => x.Calculation)
            .FirstOrDefault();
        var sameNumbers = counterpart is not null;
        // Otherwise the first number the student computed that is neither a right value nor given.
        counterpart ??= studentCalculations.FirstOrDefault(c => !IsStepValue(c.Result) && !givenNumbers.Contains(c.Result));

        var wrongValue = counterpart?.Result ?? studentAnswer;
        // A "wrong" value that is some step's right value is not recognisable as this mistake: the tutor would rightly
        // credit the other step. Such a dialogue gives no misconception.
        if (IsStepValue(wrongValue))
        {
            return null;
        }
        return new MisconceptionFinding(step, wrongValue, counterpart, sameNumbers);
    }

    /// <summary>
    /// The question that makes the student look at their mistake without giving the right value: about the operation
    /// when they used a different one, otherwise about where their number comes from.
    /// </summary>
    public static string RemediationQuestion(MisconceptionFinding finding)
    {
        var texts = finding.Step.Texts;
        var wrong = MathText.Format(finding.WrongValue);
        var student = finding.StudentCalculation?.Expression;
        var rightOperator = texts.Focus is { IsWholeCalculation: true } focus ? focus.Operator : (char?)null;
        string?[] candidates =
        [
            finding.SameNumbers && student is { Operators.Count: 1 } && rightOperator is not null && student.Operators[0] != rightOperator
                ? $"You worked out {student.Display()} here. Is {StepTexts.OperationNoun(student.Operators[0])} the right operation? {texts.Prompt}"
                : null,
            $"You got {wrong} here. {texts.Prompt} Check how you got {wrong}: does it fit what the problem says?",
            $"You got {wrong} here. Look again at what the problem says: does {wrong} fit?",
        ];
        return candidates.FirstOrDefault(c => c is not null && !texts.Reveals(c))
            ?? "Look again at what the problem says: does your number fit?";
    }

    /// <summary>A pattern for the student's wrong calculation ("12 - 3", "12 minus 3"), when it is a single operation.</summary>
    public static IReadOnlyList<string> PatternsFor(MisconceptionFinding finding)
    {
        if (!finding.SameNumbers || finding.StudentCalculation?.Expression?.Root is not BinaryNode { Left: NumberNode left, Right: NumberNode right } binary)
        {
            return [];
        }
        var sign = binary.Operator switch
        {
            '+' => @"(?:\+|plus)",
            '-' => @"(?:-|−|–|minus)",
            '*' => @"(?:\*|x|×|times)",
            '/' => @"(?:/|÷|divided by)",
            _ => Regex.Escape(binary.Operator.ToString()),
        };
        return [$@"(?<![\d.]){NumberPattern(left.Value)}\s*{sign}\s*{NumberPattern(right.Value)}(?![\d.])"];
    }

    // "3650" also matches "3,650" and "$3,650".
    private static string NumberPattern(decimal value)
    {
        var text = MathText.Format(value);
        var whole = text.Split('.')[0];
        var fraction = text.Contains('.', StringComparison.Ordinal) ? Regex.Escape("." + text.Split('.')[1]) : "";
        var grouped = whole.Length > 3
            ? string.Join(",?", Enumerable.Range(0, (whole.Length + 2) / 3).Select(i =>
                whole.Substring(Math.Max(0, whole.Length - (i + 1) * 3), Math.Min(3, whole.Length - i * 3))).Reverse())
            : whole;
        return @"\$?" + grouped + fraction;
    }

    private static bool Near(decimal a, decimal b, decimal tolerance) => Math.Abs(a - b) <= tolerance;
}
