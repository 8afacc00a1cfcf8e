using TutorApp.Domain.Content;
using TutorApp.Web.Components.Admin.Bank;

namespace TutorApp.UnitTests.Admin;

public sealed class NewProblemTests
{
    [Theory]
    [InlineData("Sharing pizzas", "sharing-pizzas")]
    [InlineData("  Café: 3/4 of a cake!  ", "cafe-3-4-of-a-cake")]
    [InlineData("???", "problem")]
    [InlineData("Über große Zahlen", "uber-groe-zahlen")]
    public void Slugs_keep_letters_and_digits(string title, string slug)
    {
        Assert.Equal(slug, NewProblem.Slug(title));
    }

    [Fact]
    public void Keys_are_a_bounded_slug_with_a_random_suffix()
    {
        var first = NewProblem.Key(new string('a', 500));
        var second = NewProblem.Key(new string('a', 500));

        Assert.Matches("^a{60}-[0-9a-f]{6}$", first);
        Assert.NotEqual(first, second);
        Assert.Equal("trains-abc123", NewProblem.Key("Trains", "abc123"));
    }

    [Fact]
    public void The_starting_content_can_be_stored_as_a_draft_and_lists_what_is_missing()
    {
        var issues = ContentValidator.Validate(NewProblem.Content("Trains"), new HashSet<string>());

        Assert.DoesNotContain(issues, i => i.BreaksReferences);
        Assert.Contains(issues, i => i.Path == "steps[0].expected");
        Assert.Contains(issues, i => i.Path == "statement");
    }
}
