using TutorApp.Domain.Answers;
using TutorApp.Domain.Content.Bank;

namespace TutorApp.Tutoring.Simulation;

/// <summary>
/// One quantity of a problem's solution as a capable student knows it: the sentence that finds it, its content words,
/// its calculation and value, and which earlier quantities the calculation uses (so a wrong earlier value carries on).
/// </summary>
/// <param name="Calculation">Null for a value that is only stated.</param>
/// <param name="Uses">For each operand of the calculation, the index of the earlier quantity whose value it is; null for
/// a number of the problem.</param>
public sealed record Quantity(int Index, string Sentence, IReadOnlyList<string> Words, WrittenCalculation? Calculation, decimal Value,
    IReadOnlyList<int?> Uses);

/// <summary>Where the student goes wrong: its value for one quantity, and the calculation that gave it when it wrote one.</summary>
public sealed record StudentMisconception(int QuantityIndex, decimal WrongValue, WrittenCalculation? WrongCalculation);

/// <summary>
/// What a simulated student knows before the dialogue: the problem text, the solution's quantities in order (the last is
/// the final answer), and its own misconception with, for a MathDial student, its whole incorrect solution. Built from
/// the problem's texts only, never from the tutor's question tree: the student must work out from the tutor's words
/// which quantity a question is about.
/// </summary>
public sealed partial class StudentKnowledge
{
    private StudentKnowledge(string problem, IReadOnlyList<Quantity> quantities, StudentMisconception? misconception, string? ownSolution,
        decimal? ownAnswer)
    {
        Problem = problem;
        Quantities = quantities;
        Misconception = misconception;
        OwnSolution = ownSolution;
        OwnAnswer = ownAnswer;
        GivenNumbers = StudentArithmetic.Tokenize(problem).OfType<NumberToken>().Select(n => n.Value).Distinct().ToList();
        ProblemQuestion = LastQuestion(problem);
    }

    public string Problem { get; }

    /// <summary>The problem's own question ("How many clips did Natalia sell altogether in April and May?").</summary>
    public string ProblemQuestion { get; }

    public IReadOnlyList<decimal> GivenNumbers { get; }

    /// <summary>The solution's quantities in order; the last one is the final answer.</summary>
    public IReadOnlyList<Quantity> Quantities { get; }

    public Quantity Final => Quantities[^1];

    public StudentMisconception? Misconception { get; }

    /// <summary>The student's own (wrong) solution as it would paste it, when it has one (MathDial).</summary>
    public string? OwnSolution { get; }

    /// <summary>The final answer of its own solution (MathDial's student answer).</summary>
    public decimal? OwnAnswer { get; }

    public StudentKnowledge WithMisconception(StudentMisconception? misconception) =>
        new(Problem, Quantities, misconception, misconception is null ? null : OwnSolution, misconception is null ? null : OwnAnswer);

    /// <summary>
    /// From a worked solution: each verified calculation ("12+3=15") is a quantity; the last line is the final answer.
    /// With an incorrect solution (MathDial), the misconception is located on the first quantity the student never
    /// reaches (see <see cref="Locate"/>).
    /// </summary>
    /// <returns>Null when the solution has no calculation the student can read.</returns>
    public static StudentKnowledge? FromSolution(string problem, string solution, string? incorrectSolution = null)
    {
        var lines = Lines(solution);
        if (lines.Count < 2 || !TryLastNumber(lines[^1], out var final))
        {
            return null;
        }
        var given = StudentArithmetic.Tokenize(problem).OfType<NumberToken>().Select(n => n.Value).ToHashSet();
        var quantities = new List<Quantity>();
        foreach (var line in lines.Take(lines.Count - 1))
        {
            var plain = Annotation().Replace(line, "");
            foreach (var calculation in StudentArithmetic.Equations(plain, verify: true))
            {
                if (quantities.Any(q => q.Value == calculation.Written))
                {
                    continue; // the same value found twice (a recap line) is one quantity
                }
                var uses = calculation.Operands.Select(o => (int?)quantities.FindLastIndex(q => q.Value == o && !given.Contains(o)))
                    .Select(i => i < 0 ? null : i).ToList();
                quantities.Add(new Quantity(quantities.Count, plain, StudentWords.Of(plain), calculation, calculation.Written!.Value, uses));
            }
        }
        if (quantities.Count == 0)
        {
            return null;
        }
        var question = LastQuestion(problem);
        if (quantities[^1].Value == final)
        {
            var last = quantities[^1];
            quantities[^1] = last with { Words = [.. last.Words, .. StudentWords.Of(question)] };
        }
        else
        {
            // The answer is stated, not calculated (or computed in words): a quantity of its own, found by the question.
            quantities.Add(new Quantity(quantities.Count, question, StudentWords.Of(question), null, final, []));
        }
        var knowledge = new StudentKnowledge(problem, quantities, null, null, null);
        if (incorrectSolution is null)
        {
            return knowledge;
        }
        var own = Lines(incorrectSolution);
        decimal? ownAnswer = own.Count > 0 && TryLastNumber(own[^1], out var answer) ? answer : null;
        var located = Locate(knowledge, own.Take(Math.Max(0, own.Count - 1)).ToList(), ownAnswer);
        return located is null ? knowledge : new StudentKnowledge(problem, quantities, located,
            string.Join(" ", own.Take(Math.Max(0, own.Count - 1)).Select(l => l.Trim())), ownAnswer);
    }

    /// <summary>
    /// For the hint validator and a bank without worked solutions: the bank's steps as the quantities (their prompts are
    /// the only words there are), the final answer last. Steps without a number value are left out.
    /// </summary>
    public static StudentKnowledge FromBank(BankProblemVersion problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var quantities = new List<Quantity>();
        foreach (var step in problem.Steps)
        {
            if (ValueOf(step.Expected) is { } value && quantities.All(q => q.Value != value))
            {
                quantities.Add(new Quantity(quantities.Count, step.Prompt, StudentWords.Of(step.Prompt), null, value, []));
            }
        }
        var final = ValueOf(problem.FinalAnswer) ?? (quantities.Count > 0 ? quantities[^1].Value : 0);
        var question = LastQuestion(problem.Statement);
        if (quantities.Count > 0 && quantities[^1].Value == final)
        {
            quantities[^1] = quantities[^1] with { Words = [.. quantities[^1].Words, .. StudentWords.Of(question)] };
        }
        else
        {
            quantities.Add(new Quantity(quantities.Count, question, StudentWords.Of(question), null, final, []));
        }
        return new StudentKnowledge(problem.Statement, quantities, null, null, null);
    }

    /// <summary>
    /// Where the student's solution goes astray: the first quantity whose value it never reaches (neither computes nor
    /// writes where the problem does not give it). Its wrong value there is its calculation on the same numbers that gives
    /// something else (12 - 3 = 9 for 12 + 3 = 15), else the first value it computed that is no right value and not given,
    /// else its final answer. When every quantity is reached but the answer differs, the final quantity is where it goes wrong.
    /// </summary>
    public static StudentMisconception? Locate(StudentKnowledge knowledge, IReadOnlyList<string> studentLines, decimal? studentAnswer)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        if (studentAnswer is { } answer && answer == knowledge.Final.Value)
        {
            return null; // a right answer holds no misconception to simulate
        }
        var calculations = studentLines.SelectMany(l => StudentArithmetic.Equations(l, verify: false)).ToList();
        var numbers = studentLines.SelectMany(l => StudentArithmetic.Tokenize(l).OfType<NumberToken>().Select(n => n.Value)).ToList();
        var given = knowledge.GivenNumbers.ToHashSet();
        var rightValues = knowledge.Quantities.Select(q => q.Value).ToHashSet();
        bool Reached(decimal value) => calculations.Any(c => Near(c.Written ?? c.Value, value)) || (!given.Contains(value) && numbers.Any(n => Near(n, value)));

        var missed = knowledge.Quantities.FirstOrDefault(q => !Reached(q.Value));
        if (missed is null)
        {
            return studentAnswer is { } wrongFinal ? new StudentMisconception(knowledge.Final.Index, wrongFinal, null) : null;
        }
        var operands = missed.Calculation?.Operands ?? [];
        var counterpart = calculations
            .Where(c => !rightValues.Contains(c.Written ?? c.Value) && c.Operands.Any(operands.Contains))
            .OrderByDescending(c => Math.Min(2, c.Operands.Count(operands.Contains)))
            .FirstOrDefault()
            ?? calculations.FirstOrDefault(c => !rightValues.Contains(c.Written ?? c.Value) && !given.Contains(c.Written ?? c.Value));
        var wrong = counterpart?.Written ?? counterpart?.Value ?? studentAnswer;
        if (wrong is null || wrong == missed.Value)
        {
            return null;
        }
        return new StudentMisconception(missed.Index, wrong.Value, counterpart);
    }

    /// <summary>
    /// A misconception for a student without a recorded solution (GSM8K): on a quantity chosen by the seed, the operation
    /// most often confused with the right one (+ for -, × for ÷ and back) applied to the same numbers.
    /// </summary>
    public StudentKnowledge WithSynthesisedMisconception(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var candidates = Quantities.Where(q => q.Calculation is { Operators.Count: > 0 }).ToList();
        foreach (var quantity in candidates.OrderBy(_ => random.Next()))
        {
            var swapped = quantity.Calculation!.Tokens.Select(t => t is OperatorToken o ? new OperatorToken(o.Operator switch
            {
                '+' => '-', '-' => '+', '*' => '/', _ => '*',
            }) : t).ToList();
            if (StudentArithmetic.Evaluate(swapped) is { } wrong && wrong > 0 && wrong != quantity.Value && decimal.Round(wrong, 2) == wrong
                && Quantities.All(q => q.Value != wrong))
            {
                return WithMisconception(new StudentMisconception(quantity.Index, wrong, new WrittenCalculation(swapped, wrong, wrong)));
            }
        }
        // No swap gives a believable value: the student is off by one on the last calculation.
        var last = candidates.LastOrDefault() ?? Final;
        return WithMisconception(new StudentMisconception(last.Index, last.Value + 1, null));
    }

    /// <summary>The student's value for every quantity: its wrong value carried through every calculation that uses it.</summary>
    public IReadOnlyList<decimal> Beliefs(bool corrected)
    {
        var values = new decimal[Quantities.Count];
        for (var i = 0; i < Quantities.Count; i++)
        {
            var quantity = Quantities[i];
            if (!corrected && Misconception is { } m && m.QuantityIndex == i)
            {
                values[i] = m.WrongValue;
                continue;
            }
            values[i] = quantity.Value;
            if (!corrected && quantity.Calculation is { } calculation && quantity.Uses.Any(u => u is not null && values[u.Value] != Quantities[u.Value].Value))
            {
                var operand = 0;
                var tokens = calculation.Tokens.Select(t =>
                {
                    if (t is not NumberToken)
                    {
                        return t;
                    }
                    var use = quantity.Uses[operand++];
                    return use is null ? t : new NumberToken(values[use.Value]);
                }).ToList();
                values[i] = StudentArithmetic.Evaluate(tokens) is { } carried ? decimal.Round(carried, 2) : quantity.Value;
            }
        }
        if (!corrected && Misconception is not null && OwnAnswer is { } own)
        {
            values[^1] = own; // the MathDial student's own answer, whatever route led to it
        }
        return values;
    }

    /// <summary>The quantities whose value the misconception changes: its own and every one computed from it.</summary>
    public IReadOnlySet<int> AffectedByMisconception()
    {
        var wrong = Beliefs(corrected: false);
        return Quantities.Where(q => wrong[q.Index] != q.Value || q.Index == Misconception?.QuantityIndex).Select(q => q.Index).ToHashSet();
    }

    /// <summary>A number or fraction answer's value (16/3 as 5.333…); null for text, choices and expressions.</summary>
    public static decimal? ValueOf(AnswerSpec? spec) =>
        spec is NumberAnswer or FractionAnswer && spec.RevealingNumbers() is { Count: > 0 } numbers ? numbers[0] : null;

    private static List<string> Lines(string text) => text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    private static bool TryLastNumber(string line, out decimal value)
    {
        var numbers = StudentArithmetic.Tokenize(line.Replace("####", "", StringComparison.Ordinal)).OfType<NumberToken>().ToList();
        value = numbers.Count > 0 ? numbers[^1].Value : 0;
        return numbers.Count > 0;
    }

    private static string LastQuestion(string text)
    {
        var end = text.LastIndexOf('?');
        if (end < 0)
        {
            var sentences = text.Split('.', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return sentences.Length == 0 ? text : sentences[^1];
        }
        var start = text.LastIndexOfAny(['.', '!', '?', '\n'], Math.Max(0, end - 1));
        return text[(start + 1)..(end + 1)].Trim();
    }

    private static bool Near(decimal a, decimal b) => Math.Abs(a - b) <= Math.Max(0.005m, Math.Abs(b) * 0.001m);

    [System.Text.RegularExpressions.GeneratedRegex(@"<<[^>]*>>")]
    private static partial System.Text.RegularExpressions.Regex Annotation();
}
