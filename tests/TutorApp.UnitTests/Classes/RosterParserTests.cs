using TutorApp.Domain.Classes;

namespace TutorApp.UnitTests.Classes;

public sealed class RosterParserTests
{
    [Fact]
    public void Reads_the_email_column_of_a_roster_with_other_columns_and_keeps_line_numbers()
    {
        var roster = RosterParser.Parse(new StringReader("Name,Email,Group\nAda,ada@school.test,A\nBo,BO@school.test,B\n"), "r.csv");

        Assert.Empty(roster.Issues);
        Assert.Equal([new RosterEntry(2, "ada@school.test"), new RosterEntry(3, "BO@school.test")], roster.Entries);
    }

    [Fact]
    public void Names_every_bad_line_empty_malformed_and_repeated_emails()
    {
        var roster = RosterParser.Parse(new StringReader("email\nada@school.test\n\"\"\nnot-an-email\nADA@school.test\n"), "r.csv");

        Assert.Equal(
        [
            "r.csv:3: email: empty",
            "r.csv:4: email: \"not-an-email\" is not an email address",
            "r.csv:5: email: \"ADA@school.test\" is already on line 2",
        ], roster.Issues.Select(i => i.ToString()));
    }

    [Fact]
    public void A_header_without_an_email_column_and_an_empty_roster_are_reported()
    {
        Assert.Equal("r.csv:1: email: the header has no \"email\" column",
            RosterParser.Parse(new StringReader("name,mail\nAda,ada@school.test\n"), "r.csv").Issues.Single().ToString());
        Assert.Equal("r.csv:1: file: the roster lists no students", RosterParser.Parse(new StringReader("email\n"), "r.csv").Issues.Single().ToString());
    }
}
