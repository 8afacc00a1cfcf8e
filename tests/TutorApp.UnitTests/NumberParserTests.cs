using TutorApp.Domain.Answers;

namespace TutorApp.UnitTests;

public sealed class NumberParserTests
{
    [Theory]
    [InlineData("12", 12)]
    [InlineData("  -3 ", -3)]
    [InlineData("+4", 4)]
    [InlineData("1,250", 1250)]
    [InlineData("1,250.75", 1250.75)]
    [InlineData("$12.50", 12.5)]
    [InlineData("€ 3", 3)]
    [InlineData(".5", 0.5)]
    [InlineData("3/4", 0.75)]
    [InlineData("2 1/2", 2.5)]
    [InlineData("-2 1/2", -2.5)]
    [InlineData("45%", 45)]
    [InlineData("12 cm", 12)]
    [InlineData("13.5 m²", 13.5)]
    [InlineData("60 km/h", 60)]
    [InlineData("9 cm^2", 9)]
    public void Reads_the_number_the_student_meant(string text, double expected)
    {
        Assert.True(NumberParser.TryParse(text, out var value));
        Assert.Equal((decimal)expected, value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("I don't know")]
    [InlineData("3 or 4")]
    [InlineData("x = 5")]
    [InlineData("1/0")]
    [InlineData("12,34")]
    [InlineData("1.2.3")]
    public void Refuses_text_that_is_not_one_number(string? text)
    {
        Assert.False(NumberParser.TryParse(text, out _));
    }
}
