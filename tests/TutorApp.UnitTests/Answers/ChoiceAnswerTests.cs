using TutorApp.Domain.Answers;

namespace TutorApp.UnitTests.Answers;

public sealed class ChoiceAnswerTests
{
    private static readonly ChoiceAnswer _spec = new(["Paris", "London", "Rome"], Correct: 1);

    [Theory]
    [InlineData("London")]
    [InlineData("  london ")]
    [InlineData("LONDON")]
    [InlineData("b")]
    [InlineData("B")]
    [InlineData(" b ")]
    public void Accepts_the_option_by_text_or_letter(string input)
    {
        Assert.Equal(new AnswerCheck(true, true), _spec.Check(input));
    }

    [Theory]
    [InlineData("Paris")]
    [InlineData("a")]
    [InlineData("c")]
    public void Another_option_is_understood_but_wrong(string input)
    {
        Assert.Equal(new AnswerCheck(false, true), _spec.Check(input));
    }

    [Theory]
    [InlineData("d")] // a letter past the last option
    [InlineData("Berlin")]
    [InlineData("")]
    [InlineData("ab")]
    [InlineData("2")]
    public void Anything_else_is_not_understood(string input)
    {
        Assert.Equal(AnswerCheck.NotUnderstood, _spec.Check(input));
    }

    [Fact]
    public void An_option_whose_text_is_a_letter_wins_over_the_letter_as_a_position()
    {
        var spec = new ChoiceAnswer(["b", "a"], Correct: 0);

        Assert.True(spec.Check("b").Correct);
        Assert.False(spec.Check("a").Correct);
    }

    [Fact]
    public void Displays_the_correct_option()
    {
        Assert.Equal("London", _spec.Display());
        Assert.Equal("", new ChoiceAnswer(["Paris", "London"], Correct: 5).Display());
    }

    [Fact]
    public void Validate_wants_two_options_and_a_correct_one_among_them()
    {
        Assert.Empty(_spec.Validate());
        Assert.Equal(["a multiple-choice answer needs at least two options"], new ChoiceAnswer(["Paris"], 0).Validate());
        Assert.Equal(["correct option 2 is not one of the 2 options"], new ChoiceAnswer(["Paris", "London"], 2).Validate());
        Assert.Equal(["correct option -1 is not one of the 2 options"], new ChoiceAnswer(["Paris", "London"], -1).Validate());
    }

    [Fact]
    public void Choices_reveal_no_numbers()
    {
        Assert.Empty(_spec.RevealingNumbers());
    }

    [Fact]
    public void Equality_compares_the_options_not_the_list_instance()
    {
        Assert.Equal(new ChoiceAnswer(["a", "b"], 1), new ChoiceAnswer(new List<string> { "a", "b" }, 1));
        Assert.NotEqual(new ChoiceAnswer(["a", "b"], 1), new ChoiceAnswer(["a", "c"], 1));
    }
}
