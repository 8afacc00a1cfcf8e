namespace TutorApp.Domain.Answers;

// Placeholder until the expression evaluator lands (same session); only ExpressionAnswer uses it.
internal static class ExpressionChecking
{
    public static AnswerCheck Check(ExpressionAnswer spec, string input) => throw new NotSupportedException("expression answers are not available yet");

    public static IReadOnlyList<string> Validate(ExpressionAnswer spec) => [];
}
