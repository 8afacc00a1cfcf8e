using TutorApp.Domain.Problems;

namespace TutorApp.UnitTests;

public sealed class ProblemStepTests
{
    [Theory]
    [InlineData(5.33, true)]
    [InlineData(5.34, true)]
    [InlineData(5.325, true)]
    [InlineData(5.35, false)]
    [InlineData(5.32, false)]
    [InlineData(5.3, false)]
    public void Accepts_values_within_the_tolerance(double answer, bool accepted)
    {
        var step = new ProblemStep { Prompt = "16 / 3 to two places", ExpectedValue = 16m / 3m, Tolerance = 0.01m };

        Assert.Equal(accepted, step.Accepts((decimal)answer));
    }

    [Fact]
    public void Zero_tolerance_means_exactly_equal()
    {
        var step = new ProblemStep { Prompt = "p", ExpectedValue = 16, Tolerance = 0 };

        Assert.True(step.Accepts(16.0m));
        Assert.False(step.Accepts(16.0001m));
    }
}
