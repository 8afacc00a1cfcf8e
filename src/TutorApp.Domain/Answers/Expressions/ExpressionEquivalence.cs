namespace TutorApp.Domain.Answers.Expressions;

/// <summary>
/// Decides whether two expressions are the same function by evaluating both at sample points. Two different polynomials
/// or rational functions agree only on a thin set, so agreeing at several random points is, in practice, proof; no symbolic
/// algebra is needed to see that 2(x + 3) is 2x + 6.
/// </summary>
internal static class ExpressionEquivalence
{
    /// <summary>Agreeing at this many points where both sides are defined counts as equivalent.</summary>
    public const int PointsWanted = 10;

    /// <summary>Fewer agreeing points than this is too little evidence (say, both sides are undefined almost everywhere).</summary>
    public const int FewestPointsAccepted = 3;

    private const int MostPointsTried = 200;

    // Rounding in expanded and factored forms differs only in the last few bits; a student's 0.333 for 1/3 is far outside this.
    private const double RelativeTolerance = 1e-9;
    private const double AbsoluteTolerance = 1e-9;

    // Fixed, so the same answer always gets the same verdict.
    private const ulong Seed = 0x5EED_2024_0A1B_2C3D;

    public static bool AreEquivalent(ExpressionNode expected, ExpressionNode answer, IReadOnlyList<string> variables)
    {
        var agreeing = 0;
        foreach (var point in SamplePoints(variables))
        {
            var expectedValue = expected.Evaluate(point);
            var answerValue = answer.Evaluate(point);
            // A point outside either side's domain says nothing either way: x/x and 1 differ only at 0.
            if (!double.IsFinite(expectedValue) || !double.IsFinite(answerValue))
            {
                continue;
            }
            if (!Close(expectedValue, answerValue))
            {
                return false;
            }
            if (++agreeing == PointsWanted)
            {
                return true;
            }
        }
        return agreeing >= (variables.Count == 0 ? 1 : FewestPointsAccepted);
    }

    /// <summary>How many sample points the expression is defined at, out of those <see cref="AreEquivalent"/> would look for.</summary>
    public static int DefinedPoints(ExpressionNode expression, IReadOnlyList<string> variables) =>
        SamplePoints(variables).Select(expression.Evaluate).Where(double.IsFinite).Take(PointsWanted).Count();

    private static bool Close(double a, double b) =>
        Math.Abs(a - b) <= AbsoluteTolerance + RelativeTolerance * Math.Max(Math.Abs(a), Math.Abs(b));

    /// <summary>
    /// Values between 0.2 and 6 of either sign: negative values tell |x| from x, and staying small keeps high powers from
    /// swamping the tolerance. Random values never land on 0 or on a hole like x = 1 in (x² - 1)/(x - 1).
    /// </summary>
    private static IEnumerable<IReadOnlyDictionary<string, double>> SamplePoints(IReadOnlyList<string> variables)
    {
        if (variables.Count == 0)
        {
            // Without variables every point is the same point.
            yield return new Dictionary<string, double>();
            yield break;
        }
        var state = Seed;
        for (var i = 0; i < MostPointsTried; i++)
        {
            var point = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var variable in variables)
            {
                var magnitude = 0.2 + 5.8 * NextUnit(ref state);
                point[variable] = NextUnit(ref state) < 0.5 ? -magnitude : magnitude;
            }
            yield return point;
        }
    }

    /// <summary>SplitMix64, written out so the points do not change with the runtime's Random implementation.</summary>
    private static double NextUnit(ref ulong state)
    {
        state += 0x9E37_79B9_7F4A_7C15;
        var mixed = state;
        mixed = (mixed ^ (mixed >> 30)) * 0xBF58_476D_1CE4_E5B9;
        mixed = (mixed ^ (mixed >> 27)) * 0x94D0_49BB_1331_11EB;
        mixed ^= mixed >> 31;
        return (mixed >> 11) * (1.0 / (1UL << 53));
    }
}
