using TutorApp.Domain.Answers;

namespace TutorApp.UnitTests.Answers;

public sealed class ExpressionAnswerValidationTests
{
    [Theory]
    [InlineData("2(x + 3)", new[] { "x" })]
    [InlineData("x^2 + 2xy + y^2", new[] { "x", "y" })]
    [InlineData("rate * time", new[] { "rate", "time" })]
    [InlineData("πr²", new[] { "r" })]
    [InlineData("2 + 3", new string[0])]
    [InlineData("sqrt(x)", new[] { "x" })]
    [InlineData("1/x", new[] { "x" })]
    [InlineData("θ/2", new[] { "θ" })]
    public void A_usable_spec_has_no_problems(string expression, string[] variables)
    {
        Assert.Empty(new ExpressionAnswer(expression, variables).Validate());
    }

    // Positions count characters from 1.
    [Theory]
    [InlineData("2*(x+1))", "unexpected ')' at position 8")]
    [InlineData(")x", "unexpected ')' at position 1")]
    [InlineData("2x +", "something is missing after '+' at position 4")]
    [InlineData("x^", "something is missing after '^' at position 2")]
    [InlineData("(x + 1", "the '(' at position 1 is never closed")]
    [InlineData("x + (2(x + 1)", "the '(' at position 5 is never closed")]
    [InlineData("2 $ x", "unexpected '$' at position 3")]
    [InlineData("x = 3", "unexpected '=' at position 3")]
    [InlineData("2 3", "unexpected '3' at position 3")]
    [InlineData("x2", "unexpected '2' at position 2")]
    [InlineData("x + * 2", "unexpected '*' at position 5")]
    [InlineData("sqrt x", "'sqrt' at position 1 needs '(' after it")]
    [InlineData("  ", "the expression is empty")]
    public void A_spec_that_does_not_parse_says_what_and_where(string expression, string expected)
    {
        var problems = new ExpressionAnswer(expression, ["x"]).Validate();

        var problem = Assert.Single(problems);
        Assert.EndsWith(expected, problem);
    }

    [Fact]
    public void A_parse_error_is_introduced_as_such()
    {
        Assert.Equal(["the expression does not parse: unexpected ')' at position 3"], new ExpressionAnswer("x+)", ["x"]).Validate());
    }

    [Fact]
    public void Deep_nesting_is_reported_where_it_goes_too_deep()
    {
        var expression = new string('(', 51) + "x" + new string(')', 51);

        Assert.Equal(
            ["the expression does not parse: nested more than 50 levels deep at position 51"],
            new ExpressionAnswer(expression, ["x"]).Validate());
    }

    [Fact]
    public void A_spec_over_the_length_limit_is_reported()
    {
        var expression = "x" + string.Concat(Enumerable.Repeat("+x", 300));

        Assert.Equal(["the expression does not parse: longer than 500 characters"], new ExpressionAnswer(expression, ["x"]).Validate());
    }

    [Fact]
    public void Every_name_in_the_expression_must_be_a_variable()
    {
        Assert.Equal(["'y' in the expression is not one of the variables (x)"], new ExpressionAnswer("2x + y", ["x"]).Validate());
        Assert.Equal(["'rate' in the expression is not one of the variables (t)"], new ExpressionAnswer("rate * t", ["t"]).Validate());
        Assert.Equal(["'x' in the expression is not one of the variables ()"], new ExpressionAnswer("x + 1", []).Validate());
        Assert.Equal(["'xz' in the expression is not one of the variables (x, y)"], new ExpressionAnswer("2xz + y", ["x", "y"]).Validate());
    }

    [Fact]
    public void Variables_must_be_distinct()
    {
        Assert.Equal(["variable 'x' is listed more than once"], new ExpressionAnswer("2x", ["x", "x"]).Validate());
    }

    [Fact]
    public void Variables_differing_only_in_case_are_distinct()
    {
        Assert.Empty(new ExpressionAnswer("a + A", ["a", "A"]).Validate());
    }

    [Theory]
    [InlineData("", "variable names must not be empty")]
    [InlineData(" ", "variable names must not be empty")]
    [InlineData("x1", "variable 'x1' must be letters only, like x or rate")]
    [InlineData("x y", "variable 'x y' must be letters only, like x or rate")]
    [InlineData("x_1", "variable 'x_1' must be letters only, like x or rate")]
    [InlineData("sqrt", "variable 'sqrt' has the name of a function or constant")]
    [InlineData("pi", "variable 'pi' has the name of a function or constant")]
    public void Variables_must_be_plain_names(string variable, string expected)
    {
        Assert.Equal([expected], new ExpressionAnswer("2x", ["x", variable]).Validate());
    }

    [Theory]
    [InlineData("1/(x - x)", new[] { "x" })]
    [InlineData("sqrt(-1 - x^2)", new[] { "x" })]
    [InlineData("1/0", new string[0])]
    public void A_spec_undefined_almost_everywhere_is_reported(string expression, string[] variables)
    {
        Assert.Equal(
            ["the expression is undefined at almost every test point, so no answer could be accepted"],
            new ExpressionAnswer(expression, variables).Validate());
    }

    [Fact]
    public void A_spec_with_several_problems_reports_them_all()
    {
        var problems = new ExpressionAnswer("x + y", ["x", "x", "1"]).Validate();

        Assert.Equal(
            [
                "variable '1' must be letters only, like x or rate",
                "variable 'x' is listed more than once",
                "'y' in the expression is not one of the variables (x)",
            ],
            problems);
    }
}
