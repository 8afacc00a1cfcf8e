using TutorApp.Domain.Answers;

namespace TutorApp.UnitTests.Answers;

public sealed class NumberAnswerTests
{
    [Theory]
    [InlineData("12")]
    [InlineData(" 12 ")]
    [InlineData("12.0")]
    [InlineData("+12")]
    [InlineData("12 cm")]
    [InlineData("12cm")]
    [InlineData("12 m")] // a different unit word is not held against the student
    [InlineData("$12")]
    public void Accepts_the_number_with_or_without_a_unit(string input)
    {
        Assert.Equal(new AnswerCheck(true, true, 12m), new NumberAnswer(12, Unit: "cm").Check(input));
    }

    [Theory]
    [InlineData("3.14", true)]
    [InlineData("3.13", true)]
    [InlineData("3.15", true)] // the tolerance itself is still accepted
    [InlineData("3.151", false)]
    [InlineData("3.1", false)]
    [InlineData("22/7", true)] // 3.142857…, read by its value
    public void Accepts_anything_within_the_tolerance(string input, bool correct)
    {
        var check = new NumberAnswer(3.14m, 0.01m).Check(input);

        Assert.True(check.Understood);
        Assert.Equal(correct, check.Correct);
    }

    [Fact]
    public void Without_a_tolerance_only_the_exact_value_counts()
    {
        Assert.False(new NumberAnswer(0.75m).Check("0.7500001").Correct);
        Assert.True(new NumberAnswer(0.75m).Check("3/4").Correct);
    }

    [Fact]
    public void A_wrong_number_is_understood_and_its_value_passed_on()
    {
        Assert.Equal(new AnswerCheck(false, true, 21m), new NumberAnswer(12).Check("21"));
    }

    [Fact]
    public void A_percentage_is_read_at_face_value()
    {
        Assert.True(new NumberAnswer(45).Check("45%").Correct);
    }

    [Theory]
    [InlineData("")]
    [InlineData("twelve")]
    [InlineData("3 or 4")]
    [InlineData("x = 12")]
    public void Text_that_is_not_one_number_is_not_understood(string input)
    {
        Assert.Equal(AnswerCheck.NotUnderstood, new NumberAnswer(12).Check(input));
    }

    [Theory]
    [InlineData(12.50, null, "12.5")]
    [InlineData(12, "cm", "12 cm")]
    [InlineData(-3, null, "-3")]
    [InlineData(0.000001, "kg", "0.000001 kg")]
    public void Displays_the_value_and_unit(double value, string? unit, string expected)
    {
        Assert.Equal(expected, new NumberAnswer((decimal)value, Unit: unit).Display());
    }

    [Fact]
    public void Display_has_no_thousands_separator_and_uses_a_point_in_any_culture()
    {
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal("1250.5", new NumberAnswer(1250.5m).Display());
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void A_negative_tolerance_is_a_problem()
    {
        Assert.Equal(["tolerance must not be negative"], new NumberAnswer(1, -0.1m).Validate());
        Assert.Empty(new NumberAnswer(1, 0.1m).Validate());
        Assert.Empty(new NumberAnswer(1).Validate());
    }

    [Fact]
    public void The_value_is_what_would_give_the_answer_away()
    {
        Assert.Equal([12.5m], new NumberAnswer(12.5m, 0.1m, "cm").RevealingNumbers());
    }
}
