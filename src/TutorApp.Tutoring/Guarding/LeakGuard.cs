using TutorApp.Domain.Answers;
using TutorApp.Domain.Content.Bank;
using TutorApp.Tutoring.Evaluation;

namespace TutorApp.Tutoring.Guarding;

/// <summary>A value the tutor must not say yet: the expected value of an unresolved step, or the final answer.</summary>
/// <param name="Source">The step's key, or <see cref="DialogueState.FinalAnswerKey"/>.</param>
/// <param name="Numbers">The numbers that give it away (<see cref="AnswerSpec.RevealingNumbers"/>).</param>
/// <param name="Expression">For an expression answer, the expected expression.</param>
public sealed record ProtectedValue(string Source, IReadOnlyList<decimal> Numbers, ExpressionAnswer? Expression = null);

/// <param name="Source">Whose value it is: a step key or <see cref="DialogueState.FinalAnswerKey"/>.</param>
/// <param name="Found">The text that gives it away.</param>
public sealed record LeakFinding(string Source, string Found);

public sealed record LeakCheck(IReadOnlyList<LeakFinding> Findings)
{
    public static readonly LeakCheck Clean = new([]);

    public bool Leaks => Findings.Count > 0;
}

/// <summary>
/// Checks tutor text for values the student has not produced yet. Strict on purpose: a number counts however it is written
/// (16, 16.0, 1,600 for 1600, $16, sixteen, 5 1/3, 16/3, five and a third, 5.33 for 16/3, \frac{16}{3}), the parts of a
/// fraction count (16/3 shows 16), a sign does not hide a value (-16 shows 16), and digits glued to words ("16th") count.
/// An expression answer counts when written as given or as any clause of the text that is equivalent to it.
/// </summary>
public sealed class LeakGuard
{
    /// <summary>The values that must not appear in tutor text in this state: every unresolved step's, and the final answer until solved.</summary>
    public static IReadOnlyList<ProtectedValue> ProtectedValues(BankProblemVersion problem, DialogueState state)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(state);
        if (state.Solved)
        {
            return [];
        }
        var values = new List<ProtectedValue>();
        foreach (var step in problem.Steps ?? [])
        {
            if (step?.Expected is { } expected && !state.ResolvedSteps.Contains(step.Key))
            {
                values.Add(Protect(step.Key, expected));
            }
        }
        if (problem.FinalAnswer is { } final)
        {
            values.Add(Protect(DialogueState.FinalAnswerKey, final));
        }
        return values;
    }

    public LeakCheck Check(BankProblemVersion problem, DialogueState state, string text) => Check(text, ProtectedValues(problem, state));

    public LeakCheck Check(string? text, IReadOnlyList<ProtectedValue> values)
    {
        if (string.IsNullOrEmpty(text) || values.Count == 0)
        {
            return LeakCheck.Clean;
        }
        var plain = MathText.Normalize(text);
        var mentions = NumberReader.Read(plain, TextTokenizer.Tokenize(plain), strict: true);
        var findings = new List<LeakFinding>();
        foreach (var value in values)
        {
            var found = mentions.FirstOrDefault(m => value.Numbers.Any(n => Shows(m, n)));
            if (found is not null)
            {
                findings.Add(new LeakFinding(value.Source, found.Text));
            }
            else if (value.Expression is { } expression && ShowsExpression(plain, expression) is { } clause)
            {
                findings.Add(new LeakFinding(value.Source, clause));
            }
        }
        return new LeakCheck(findings);
    }

    private static ProtectedValue Protect(string source, AnswerSpec spec)
    {
        IReadOnlyList<decimal> numbers;
        try
        {
            numbers = spec.RevealingNumbers();
        }
        catch (ArithmeticException)
        {
            numbers = [];
        }
        return new ProtectedValue(source, numbers, spec as ExpressionAnswer);
    }

    private static bool Shows(NumberMention mention, decimal protectedNumber)
    {
        if (NumberComparison.SameNumber(mention.Value, mention.Decimals, protectedNumber)
            || NumberComparison.SameNumber(Math.Abs(mention.Value), mention.Decimals, Math.Abs(protectedNumber)))
        {
            return true;
        }
        if (mention.ProportionValue is { } proportion && NumberComparison.SameNumber(proportion, mention.Decimals + 2, protectedNumber))
        {
            return true;
        }
        return mention.Parts.Any(part => part == Math.Abs(protectedNumber));
    }

    private static string? ShowsExpression(string text, ExpressionAnswer expected)
    {
        if (string.IsNullOrWhiteSpace(expected.Expression))
        {
            return null;
        }
        var compact = Compact(expected.Expression);
        if (compact.Length >= 3 && Compact(text).Contains(compact, StringComparison.Ordinal))
        {
            return expected.Expression;
        }
        // An equivalent form standing alone in a clause: "so the perimeter is 4x + 6."
        foreach (var clause in text.Split(['.', ',', ';', ':', '?', '!', '=', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            foreach (var candidate in Tails(clause))
            {
                try
                {
                    if (candidate.Length > 0 && expected.Check(candidate).Correct)
                    {
                        return candidate;
                    }
                }
                catch (Exception exception) when (exception is ArithmeticException or ArgumentException or InvalidOperationException or FormatException)
                {
                    // Not an expression; nothing shown.
                }
            }
        }
        return null;
    }

    /// <summary>The clause and each ending of it that starts after a word: "the perimeter is 4x + 6" also as "4x + 6".</summary>
    private static IEnumerable<string> Tails(string clause)
    {
        yield return clause;
        for (var index = clause.IndexOf(' ', StringComparison.Ordinal); index >= 0 && index < clause.Length; index = clause.IndexOf(' ', index + 1))
        {
            yield return clause[(index + 1)..];
        }
    }

    private static string Compact(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        foreach (var character in text)
        {
            if (!char.IsWhiteSpace(character) && character is not '*' and not '×' and not '·')
            {
                builder.Append(char.ToLowerInvariant(character));
            }
        }
        return builder.ToString();
    }
}
