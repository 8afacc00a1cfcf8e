using TutorApp.Tutoring.Simulation;

namespace TutorApp.UnitTests.Tutoring.Simulation;

public sealed class BootstrapTests
{
    [Fact]
    public void Problems_that_all_agree_give_an_interval_of_no_width()
    {
        var estimate = Bootstrap.Mean([[1, 1], [1], [1, 1, 1]]);
        Assert.Equal(new Estimate(1, 1, 1), estimate);
    }

    [Fact]
    public void The_mean_is_pooled_over_sessions_and_the_interval_holds_it()
    {
        IReadOnlyList<IReadOnlyList<double>> clusters = [.. Enumerable.Range(0, 60).Select(i => (IReadOnlyList<double>)[i % 3 == 0 ? 1.0 : 0.0, i % 2 == 0 ? 1.0 : 0.0])];
        var estimate = Bootstrap.Mean(clusters);
        var pooled = clusters.SelectMany(c => c).Average();
        Assert.Equal(Math.Round(pooled, 4), estimate.Mean);
        Assert.True(estimate.Low < pooled && pooled < estimate.High, estimate.ToString());
        Assert.InRange(estimate.High - estimate.Low, 0.05, 0.4);
    }

    [Fact]
    public void Resampling_whole_problems_widens_the_interval_when_sessions_of_a_problem_agree()
    {
        // 40 problems, each either all solved or all not: 40 independent draws, not 400.
        IReadOnlyList<IReadOnlyList<double>> clustered = [.. Enumerable.Range(0, 40).Select(i => (IReadOnlyList<double>)Enumerable.Repeat(i % 2 == 0 ? 1.0 : 0.0, 10).ToList())];
        IReadOnlyList<IReadOnlyList<double>> independent = [.. Enumerable.Range(0, 400).Select(i => (IReadOnlyList<double>)[i % 2 == 0 ? 1.0 : 0.0])];
        var wide = Bootstrap.Mean(clustered);
        var narrow = Bootstrap.Mean(independent);
        Assert.True(wide.High - wide.Low > 2 * (narrow.High - narrow.Low), $"{wide} vs {narrow}");
    }

    [Fact]
    public void A_paired_difference_that_is_always_positive_has_an_interval_above_zero()
    {
        IReadOnlyList<IReadOnlyList<double>> differences = [.. Enumerable.Range(0, 30).Select(i => (IReadOnlyList<double>)[i % 4 == 0 ? 0.0 : 1.0])];
        var estimate = Bootstrap.Mean(differences);
        Assert.True(estimate.Low > 0, estimate.ToString());
        Assert.Equal(Bootstrap.Mean(differences, seed: 5), Bootstrap.Mean(differences, seed: 5));
    }

    [Fact]
    public void Percentiles_interpolate_between_order_statistics()
    {
        Assert.Equal(2.5, Bootstrap.Percentile([1, 2, 3, 4], 0.5));
        Assert.Equal(1, Bootstrap.Percentile([1, 2, 3, 4], 0));
        Assert.Equal(0, Bootstrap.Percentile([], 0.5));
        Assert.Equal(new Estimate(0, 0, 0), Bootstrap.Mean([[], []]));
    }
}
