using TutorApp.Domain.Answers;

namespace TutorApp.Domain.Content.Import;

/// <summary>
/// Keeps generated questions and hints from giving the answer away: a text reveals a step's value when a number
/// written in it ("24", "$24.00", "1,250", "2 1/2", "1/2") is within the step's tolerance of that value.
/// </summary>
internal static class LeakGuard
{
    public static bool Reveals(string text, NumberAnswer answer) =>
        NumbersShown(text).Any(n => Math.Abs(n - answer.Value) <= answer.Tolerance);

    private static IEnumerable<decimal> NumbersShown(string text)
    {
        var tokens = MathText.Tokenize(text);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!tokens[i].IsNumber)
            {
                continue;
            }
            yield return tokens[i].Value;
            // A fraction written without spaces shows its value too.
            if (i + 2 < tokens.Count && tokens[i + 1] is { Kind: MathTokenKind.Operator, Operator: '/' } && tokens[i + 2].IsNumber
                && tokens[i].End == tokens[i + 1].Start && tokens[i + 1].End == tokens[i + 2].Start && tokens[i + 2].Value != 0)
            {
                yield return tokens[i].Value / tokens[i + 2].Value;
            }
        }
    }
}
