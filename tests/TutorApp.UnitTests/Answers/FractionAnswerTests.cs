using TutorApp.Domain.Answers;

namespace TutorApp.UnitTests.Answers;

public sealed class FractionAnswerTests
{
    [Theory]
    [InlineData("3/4", 0.75)]
    [InlineData(" 3 / 4 ", 0.75)]
    [InlineData("6/8", 0.75)]
    [InlineData("75/100", 0.75)]
    [InlineData("0.75", 0.75)]
    [InlineData(".75", 0.75)]
    public void Accepts_equivalent_fractions_and_the_exact_decimal(string input, double value)
    {
        Assert.Equal(new AnswerCheck(true, true, (decimal)value), new FractionAnswer(3, 4).Check(input));
    }

    [Theory]
    [InlineData("1/2")]
    [InlineData("4/3")]
    [InlineData("-3/4")]
    [InlineData("0.7")]
    public void A_different_value_is_understood_but_wrong(string input)
    {
        var check = new FractionAnswer(3, 4).Check(input);

        Assert.True(check.Understood);
        Assert.False(check.Correct);
    }

    [Theory]
    [InlineData("3/4", true)]
    [InlineData("6/8", false)]
    [InlineData("0.75", false)] // a decimal is not a fraction in lowest terms
    [InlineData("1/2", false)]
    public void When_lowest_terms_are_required_only_they_count(string input, bool correct)
    {
        var check = new FractionAnswer(3, 4, RequireSimplest: true).Check(input);

        Assert.True(check.Understood);
        Assert.Equal(correct, check.Correct);
    }

    [Theory]
    [InlineData("-1/2")]
    [InlineData("- 1/2")]
    [InlineData("-0.5")]
    [InlineData("-2/4")]
    public void Handles_negative_fractions(string input)
    {
        Assert.True(new FractionAnswer(-1, 2).Check(input).Correct);
    }

    [Fact]
    public void A_negative_denominator_in_the_spec_means_a_negative_fraction()
    {
        Assert.True(new FractionAnswer(1, -2).Check("-1/2").Correct);
        Assert.False(new FractionAnswer(1, -2).Check("1/2").Correct);
    }

    [Fact]
    public void A_mixed_number_is_accepted_by_value()
    {
        Assert.True(new FractionAnswer(3, 2).Check("1 1/2").Correct);
        Assert.True(new FractionAnswer(3, 2).Check("1.5").Correct);
    }

    [Fact]
    public void A_rounded_decimal_for_a_repeating_fraction_is_not_exact()
    {
        var check = new FractionAnswer(1, 3).Check("0.333");

        Assert.True(check.Understood);
        Assert.False(check.Correct);
        Assert.Equal(0.333m, check.Value);
    }

    [Theory]
    [InlineData("3/0")]
    [InlineData("three quarters")]
    [InlineData("")]
    [InlineData("3/4/5")]
    public void Text_that_is_no_number_is_not_understood(string input)
    {
        Assert.Equal(AnswerCheck.NotUnderstood, new FractionAnswer(3, 4).Check(input));
    }

    [Fact]
    public void A_spec_with_a_zero_denominator_understands_nothing_and_is_a_problem()
    {
        var spec = new FractionAnswer(1, 0);

        Assert.Equal(AnswerCheck.NotUnderstood, spec.Check("1/0"));
        Assert.Equal(["denominator must not be zero"], spec.Validate());
        Assert.Empty(spec.RevealingNumbers());
    }

    [Fact]
    public void Displays_numerator_over_denominator()
    {
        Assert.Equal("6/8", new FractionAnswer(6, 8).Display());
        Assert.Equal("-1/2", new FractionAnswer(-1, 2).Display());
    }

    [Fact]
    public void A_usable_spec_has_no_problems()
    {
        Assert.Empty(new FractionAnswer(3, 4, RequireSimplest: true).Validate());
    }

    [Fact]
    public void The_value_is_what_would_give_the_answer_away()
    {
        Assert.Equal([0.75m], new FractionAnswer(3, 4).RevealingNumbers());
    }
}
