using System.Text.RegularExpressions;
using TutorApp.Domain.Answers.Expressions;

namespace TutorApp.Domain.Answers;

internal static partial class ExpressionChecking
{
    public static AnswerCheck Check(ExpressionAnswer spec, string input)
    {
        if (string.IsNullOrWhiteSpace(input) || input.Length > ExpressionParser.MaxLength || string.IsNullOrWhiteSpace(spec.Expression))
        {
            return AnswerCheck.NotUnderstood;
        }
        var variables = UsableVariables(spec);
        var expected = ExpressionParser.Parse(spec.Expression, new ExpressionVocabulary(variables, unknownWordsAreNames: true)).Expression;
        // A spec that Validate would reject cannot judge anyone; better "not understood" than a wrong verdict.
        if (expected is null || !expected.Names.All(variables.Contains))
        {
            return AnswerCheck.NotUnderstood;
        }

        var vocabulary = new ExpressionVocabulary(variables, unknownWordsAreNames: false);
        var answer = ExpressionParser.Parse(input, vocabulary, StartOfRightHandSide(input, vocabulary)).Expression;
        if (answer is null)
        {
            return AnswerCheck.NotUnderstood;
        }
        if (!answer.Names.All(variables.Contains))
        {
            // Readable, but about some other quantity: worth telling the student which letters to use.
            return new AnswerCheck(false, true);
        }
        var correct = ExpressionEquivalence.AreEquivalent(expected.Root, answer.Root, variables);
        return new AnswerCheck(correct, true, ConstantValue(answer));
    }

    public static IReadOnlyList<string> Validate(ExpressionAnswer spec)
    {
        var problems = new List<string>();
        var listed = spec.Variables ?? [];
        foreach (var variable in listed)
        {
            if (string.IsNullOrWhiteSpace(variable))
            {
                problems.Add("variable names must not be empty");
            }
            else if (!ExpressionVocabulary.IsName(variable))
            {
                problems.Add($"variable '{variable}' must be letters only, like x or rate");
            }
            else if (ExpressionVocabulary.IsBuiltIn(variable))
            {
                problems.Add($"variable '{variable}' has the name of a function or constant");
            }
        }
        foreach (var duplicate in listed.Where(v => v is not null).GroupBy(v => v, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"variable '{duplicate.Key}' is listed more than once");
        }

        if (string.IsNullOrWhiteSpace(spec.Expression))
        {
            problems.Add("the expression is empty");
            return problems;
        }
        var variables = UsableVariables(spec);
        var parsed = ExpressionParser.Parse(spec.Expression, new ExpressionVocabulary(variables, unknownWordsAreNames: true));
        if (parsed.Expression is not { } expression)
        {
            problems.Add($"the expression does not parse: {parsed.Error}");
            return problems;
        }
        foreach (var name in expression.Names.Where(name => !variables.Contains(name)).Order(StringComparer.Ordinal))
        {
            problems.Add($"'{name}' in the expression is not one of the variables ({string.Join(", ", variables)})");
        }
        if (problems.Count == 0
            && ExpressionEquivalence.DefinedPoints(expression.Root, variables) < (variables.Count == 0 ? 1 : ExpressionEquivalence.FewestPointsAccepted))
        {
            problems.Add("the expression is undefined at almost every test point, so no answer could be accepted");
        }
        return problems;
    }

    /// <summary>The listed variables that can be used at all; Validate reports the rest.</summary>
    private static List<string> UsableVariables(ExpressionAnswer spec) =>
        (spec.Variables ?? []).Where(v => ExpressionVocabulary.IsName(v) && !ExpressionVocabulary.IsBuiltIn(v)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Students often write the equation the expression belongs to, "y = 2x + 3" or "f(x) = x²"; the name on the left is
    /// not one of the variables, so only the right-hand side is the answer. "x = 5" is left alone, and fails to parse.
    /// </summary>
    private static int StartOfRightHandSide(string input, ExpressionVocabulary vocabulary)
    {
        var match = NamedLeftHandSide().Match(input);
        return match.Success && !vocabulary.IsVariable(match.Groups["name"].Value) ? match.Length : 0;
    }

    /// <summary>A number typed as an expression ("5", "2+3") is passed on for misconception matching, like a number answer's.</summary>
    private static decimal? ConstantValue(ParsedExpression answer)
    {
        if (answer.Names.Count > 0)
        {
            return null;
        }
        var value = answer.Root.Evaluate(new Dictionary<string, double>());
        return double.IsFinite(value) && Math.Abs(value) < (double)decimal.MaxValue ? (decimal)value : null;
    }

    [GeneratedRegex(@"^\s*(?<name>\p{L}+)\s*(?:\(\s*\p{L}*(?:\s*,\s*\p{L}+)*\s*\))?\s*=")]
    private static partial Regex NamedLeftHandSide();
}
