using TutorApp.Domain.Content.Import;

namespace TutorApp.UnitTests.Import;

public sealed class MarkdownEscaperTests
{
    [Theory]
    [InlineData("$", @"\$")]
    [InlineData("*", @"\*")]
    [InlineData("_", @"\_")]
    [InlineData("#", @"\#")]
    [InlineData("<", @"\<")]
    [InlineData(">", @"\>")]
    [InlineData("[", @"\[")]
    [InlineData("]", @"\]")]
    [InlineData("`", @"\`")]
    [InlineData(@"\", @"\\")]
    [InlineData("~", @"\~")]
    [InlineData("|", @"\|")]
    [InlineData("^", @"\^")]
    public void Escapes_each_special_character(string text, string expected)
    {
        Assert.Equal(expected, MarkdownEscaper.Escape(text));
    }

    [Fact]
    public void Two_prices_do_not_become_a_formula()
    {
        Assert.Equal(@"A pen costs \$5 and a book \$6.", MarkdownEscaper.Escape("A pen costs $5 and a book $6."));
    }

    [Fact]
    public void An_existing_backslash_is_escaped_once_and_before_what_follows_it()
    {
        Assert.Equal(@"a\\\$b", MarkdownEscaper.Escape(@"a\$b"));
    }

    [Fact]
    public void Ordinary_text_is_left_alone()
    {
        const string text = "Natalia sold 48 clips in April, and half as many (24) in May: 72 in all! 3.5 + 1 = 4.5?";

        Assert.Equal(text, MarkdownEscaper.Escape(text));
    }
}
