using TutorApp.Domain.Answers;

namespace TutorApp.UnitTests.Answers;

public sealed class TextAnswerTests
{
    private static readonly TextAnswer _spec = new(["New York", "NYC"]);

    [Theory]
    [InlineData("New York")]
    [InlineData("new york")]
    [InlineData("  NEW   YORK  ")]
    [InlineData("New York.")]
    [InlineData("New York!")]
    [InlineData("New York !")]
    [InlineData("nyc")]
    public void Ignores_case_surrounding_and_repeated_spaces_and_final_punctuation(string input)
    {
        Assert.Equal(new AnswerCheck(true, true), _spec.Check(input));
    }

    [Theory]
    [InlineData("Boston")]
    [InlineData("NewYork")]
    [InlineData("New York City")]
    public void Other_wording_is_understood_but_wrong(string input)
    {
        Assert.Equal(new AnswerCheck(false, true), _spec.Check(input));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("...")]
    public void Nothing_to_compare_is_not_understood(string input)
    {
        Assert.Equal(AnswerCheck.NotUnderstood, _spec.Check(input));
    }

    [Fact]
    public void Accepted_wordings_are_normalised_too()
    {
        Assert.True(new TextAnswer(["  The  Nile. "]).Check("the nile").Correct);
    }

    [Fact]
    public void Displays_the_first_accepted_wording()
    {
        Assert.Equal("New York", _spec.Display());
        Assert.Equal("", new TextAnswer([]).Display());
    }

    [Fact]
    public void Validate_wants_at_least_one_real_wording()
    {
        Assert.Empty(_spec.Validate());
        Assert.Equal(["a text answer needs at least one accepted wording"], new TextAnswer([]).Validate());
        Assert.Equal(["a text answer needs at least one accepted wording"], new TextAnswer(["", "  "]).Validate());
    }

    [Fact]
    public void Text_reveals_no_numbers()
    {
        Assert.Empty(_spec.RevealingNumbers());
    }
}
