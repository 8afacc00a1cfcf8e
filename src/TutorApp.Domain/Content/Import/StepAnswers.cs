using TutorApp.Domain.Answers;

namespace TutorApp.Domain.Content.Import;

internal static class StepAnswers
{
    /// <summary>
    /// The answer a step expects. A whole-number result must be exact. A result with decimals accepts up to 0.01 off
    /// (less for values under 0.2, so 0.05 still needs 0.05): the solutions themselves round (1/3 is written 0.33 or
    /// .3333) and students round money to the cent, so for 0.3333 the answer 0.33 is right.
    /// A percentage is asked for at face value (30% is 30), as NumberParser reads "30%".
    /// </summary>
    public static NumberAnswer For(decimal value, bool isPercent)
    {
        var tolerance = value == decimal.Truncate(value) ? 0m : Math.Min(0.01m, Math.Abs(value) / 20m);
        return new NumberAnswer(value, tolerance, isPercent ? "%" : null);
    }

    public static NumberAnswer For(SolutionCalculation step) => For(step.Result, step.ResultIsPercent);
}
