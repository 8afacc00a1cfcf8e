namespace TutorApp.Tutoring.Evaluation;

internal static class NumberComparison
{
    // Fractions computed in decimal differ in the last of 28 digits (16/3 against 5 + 1/3).
    private const decimal Epsilon = 0.000000001m;

    /// <summary>
    /// Whether a number written with <paramref name="decimals"/> decimal places is <paramref name="target"/>: equal, or
    /// the target rounded to what was written when at least two places were written (0.67 or 0.667 for 2/3; 0.7 is too coarse
    /// to say).
    /// </summary>
    public static bool SameNumber(decimal written, int decimals, decimal target)
    {
        try
        {
            if (Math.Abs(written - target) < Epsilon)
            {
                return true;
            }
            return decimals >= 2 && decimals <= 20 && Math.Round(target, decimals, MidpointRounding.AwayFromZero) == written;
        }
        catch (OverflowException)
        {
            return false;
        }
    }
}
