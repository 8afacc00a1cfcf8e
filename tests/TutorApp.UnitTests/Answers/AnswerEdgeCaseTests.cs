using TutorApp.Domain.Answers;

namespace TutorApp.UnitTests.Answers;

/// <summary>Edge cases that once broke the number, fraction and text answers (untrusted input must never throw).</summary>
public sealed class AnswerEdgeCaseTests
{
    [Fact]
    public void A_fraction_with_more_digits_than_a_decimal_holds_is_not_a_number_rather_than_an_exception()
    {
        // NumberParser.TryFraction calls decimal.Parse on the digits: OverflowException from a Try method.
        Assert.False(NumberParser.TryParse("1/100000000000000000000000000000", out _));
        Assert.False(NumberParser.TryParse("100000000000000000000000000000 1/2", out _));
    }

    [Fact]
    public void A_huge_number_answer_is_wrong_rather_than_an_exception()
    {
        // NumberAnswer.Check computes value - Value in decimal, which overflows.
        Assert.False(new NumberAnswer(-1).Check("79228162514264337593543950335").Correct);
    }

    [Fact]
    public void A_fraction_with_more_digits_than_a_long_holds_is_not_an_exception()
    {
        // FractionChecking calls long.Parse on \d+.
        Assert.False(new FractionAnswer(1, 2).Check("99999999999999999999/2").Correct);
    }

    [Fact]
    public void Cross_multiplying_does_not_wrap_around()
    {
        // 2^62 * 4 wraps to 0 in unchecked long arithmetic, so 2^62/1 "equals" 0/4.
        Assert.False(new FractionAnswer(0, 4).Check("4611686018427387904/1").Correct);
    }

    [Fact]
    public void A_spec_that_requires_lowest_terms_must_itself_be_in_lowest_terms()
    {
        // FractionAnswer(6, 8, RequireSimplest: true) displays "6/8" (bottom-out hints) but rejects it; Validate says nothing.
        var spec = new FractionAnswer(6, 8, RequireSimplest: true);

        Assert.False(spec.Check(spec.Display()).Correct);
        Assert.Contains(spec.Validate(), problem => problem.Contains("lowest terms"));
        Assert.Empty(new FractionAnswer(3, 4, RequireSimplest: true).Validate());
    }

    [Fact]
    public void Text_answers_treat_any_whitespace_as_a_space()
    {
        // Normalize splits on ' ' only: a tab or a non-breaking space (phone keyboards, copy and paste) is not collapsed.
        Assert.True(new TextAnswer(["New York"]).Check("New\u00A0York").Correct);
        Assert.True(new TextAnswer(["New York"]).Check("New\tYork").Correct);
    }

    [Fact]
    public void The_unicode_minus_sign_reads_as_minus()
    {
        Assert.True(NumberParser.TryParse("\u22123", out var value));
        Assert.Equal(-3m, value);
    }
}
