namespace TutorApp.Tutoring.Simulation;

/// <summary>A mean with its 95% percentile-bootstrap interval.</summary>
public sealed record Estimate(double Mean, double Low, double High)
{
    public override string ToString() => FormattableString.Invariant($"{Mean:0.000} [{Low:0.000}, {High:0.000}]");
}

/// <summary>
/// Bootstrap intervals over problems (clusters): a problem's sessions share its wording and its tree, so they are not
/// independent; resampling whole problems with replacement gives an interval that says how much the figure depends on
/// which problems were drawn. A paired difference is the same computation on per-session differences.
/// </summary>
public static class Bootstrap
{
    public const int DefaultResamples = 2000;

    /// <summary>The pooled mean of every value, and the 2.5th and 97.5th percentiles of the means of resampled problem sets.</summary>
    /// <param name="clusters">Per problem, the values of its sessions (a problem without sessions is left out).</param>
    public static Estimate Mean(IReadOnlyList<IReadOnlyList<double>> clusters, int resamples = DefaultResamples, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        var kept = clusters.Where(c => c.Count > 0).ToList();
        if (kept.Count == 0)
        {
            return new Estimate(0, 0, 0);
        }
        var sums = kept.Select(c => c.Sum()).ToArray();
        var counts = kept.Select(c => c.Count).ToArray();
        var mean = sums.Sum() / counts.Sum();
        var random = new Random(seed);
        var means = new double[resamples];
        for (var r = 0; r < resamples; r++)
        {
            double sum = 0;
            long count = 0;
            for (var i = 0; i < kept.Count; i++)
            {
                var pick = random.Next(kept.Count);
                sum += sums[pick];
                count += counts[pick];
            }
            means[r] = sum / count;
        }
        Array.Sort(means);
        return new Estimate(Math.Round(mean, 4), Math.Round(Percentile(means, 0.025), 4), Math.Round(Percentile(means, 0.975), 4));
    }

    /// <summary>Linear interpolation between the order statistics around the requested rank.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            return 0;
        }
        var rank = p * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}
