using TutorApp.Domain.Answers;

namespace TutorApp.UnitTests.Answers;

public sealed class ExpressionAnswerTests
{
    private static ExpressionAnswer Spec(string expression, string variables) =>
        new(expression, variables.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    [Theory]
    // Expanded and factored forms, reordered terms.
    [InlineData("x^2 - 1", "(x+1)(x-1)", "x")]
    [InlineData("(x+1)(x-1)", "x^2 - 1", "x")]
    [InlineData("x^2 + 5x + 6", "(x + 2)(x + 3)", "x")]
    [InlineData("2*(x + 3)", "6 + 2x", "x")]
    [InlineData("2*(x + 3)", "x*2 + 3*2", "x")]
    [InlineData("x^2 + 2*x*y + y^2", "(x + y)^2", "x,y")]
    [InlineData("x - y", "-y + x", "x,y")]
    // Implicit multiplication.
    [InlineData("3*(x + 1)", "3(x+1)", "x")]
    [InlineData("2*x*y", "2xy", "x,y")]
    [InlineData("2*x*y", "2 y x", "x,y")]
    [InlineData("(x+1)*(x-1)", "(x+1) (x-1)", "x")]
    [InlineData("x*(x+1)", "x(x+1)", "x")]
    [InlineData("x/2", "1/2x", "x")]
    // Powers: right-associative, signs bind looser than ^, negative and written exponents.
    [InlineData("x^3", "x*x*x", "x")]
    [InlineData("2^(3^2)", "2^3^2", "")]
    [InlineData("-(x^2)", "-x^2", "x")]
    [InlineData("1/x^2", "x^-2", "x")]
    [InlineData("x^2", "x²", "x")]
    [InlineData("x^3 + x", "x³+x", "x")]
    [InlineData("x^2", "x**2", "x")]
    // Other ways of writing the operators.
    [InlineData("x/2", "x ÷ 2", "x")]
    [InlineData("6*x", "2 × 3 · x", "x")]
    [InlineData("x - 1", "x − 1", "x")]
    [InlineData("x - 1", "x +-1", "x")]
    [InlineData("x/2", "0.5x", "x")]
    [InlineData("x/4", ".25x", "x")]
    // Functions and constants.
    [InlineData("sqrt(x^2)", "abs(x)", "x")]
    [InlineData("sqrt(x)", "√x", "x")]
    [InlineData("2*sqrt(x)", "2√x", "x")]
    [InlineData("sqrt(x + 1)", "√(x+1)", "x")]
    [InlineData("abs(x - 3)", "ABS(3 - x)", "x")]
    [InlineData("x*sqrt(x)", "xsqrt(x)", "x")]
    [InlineData("x^1.5", "x√x", "x")]
    [InlineData("sqrt(x)", "x^(1/2)", "x")]
    [InlineData("pi*r^2", "πr²", "r")]
    [InlineData("2*pi*r", "2 r pi", "r")]
    // Multi-letter variables, alone and run together.
    [InlineData("rate*time", "time · rate", "rate,time")]
    [InlineData("rate*time", "ratetime", "rate,time")]
    [InlineData("2*rate + t", "t + 2rate", "rate,t")]
    // Capitals are read as the variable when case does not tell variables apart.
    [InlineData("2x + 3", "2X + 3", "x")]
    public void Accepts_an_equivalent_expression(string expected, string input, string variables)
    {
        var check = Spec(expected, variables).Check(input);

        Assert.True(check.Understood);
        Assert.True(check.Correct, $"{input} should equal {expected}");
    }

    [Theory]
    [InlineData("2x + 6", "2x + 3", "x")]
    [InlineData("2*(x + 3)", "2x + 3", "x")]
    [InlineData("x^2 - 1", "(x - 1)^2", "x")]
    [InlineData("x^2 - 1", "x^2 + 1", "x")]
    [InlineData("2x", "x^2", "x")]
    [InlineData("x", "abs(x)", "x")]
    [InlineData("x + y", "x - y", "x,y")]
    [InlineData("x*y", "x + y", "x,y")]
    [InlineData("(2^3)^2", "2^3^2", "")]
    [InlineData("x/3", "0.333x", "x")]
    [InlineData("-x^2", "(-x)^2", "x")]
    [InlineData("1/(2x)", "1/2x", "x")]
    [InlineData("2a", "2A", "a,A")]
    public void Refuses_a_different_expression(string expected, string input, string variables)
    {
        var check = Spec(expected, variables).Check(input);

        Assert.True(check.Understood);
        Assert.False(check.Correct, $"{input} should differ from {expected}");
    }

    [Theory]
    [InlineData("y = 2x + 3")]
    [InlineData("y=2x+3")]
    [InlineData("  Y =  3 + 2x")]
    [InlineData("f(x) = 2(x + 1.5)")]
    [InlineData("answer = 2x + 3")]
    public void Reads_an_equation_for_an_unlisted_name_as_its_right_hand_side(string input)
    {
        Assert.True(Spec("2x + 3", "x").Check(input).Correct);
    }

    [Fact]
    public void A_wrong_right_hand_side_is_understood_but_not_correct()
    {
        var check = Spec("2x + 3", "x").Check("y = 2x + 4");

        Assert.True(check.Understood);
        Assert.False(check.Correct);
    }

    [Theory]
    [InlineData("x = 2x + 3")] // x is one of the variables, so this is an equation to solve, not an answer
    [InlineData("y =")]
    [InlineData("y = 2x = 3")]
    public void An_equation_that_is_not_name_equals_expression_is_not_understood(string input)
    {
        Assert.Equal(AnswerCheck.NotUnderstood, Spec("2x + 3", "x").Check(input));
    }

    [Theory]
    [InlineData("2y + 3")]
    [InlineData("2z + 3")]
    [InlineData("2xz + 3")]
    [InlineData("2t")]
    public void An_expression_in_other_variables_is_understood_but_not_correct(string input)
    {
        var check = Spec("2x + 3", "x").Check(input);

        Assert.True(check.Understood);
        Assert.False(check.Correct);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("I don't know")]
    [InlineData("idk")]
    [InlineData("none")]
    [InlineData("2x +")]
    [InlineData("(2x + 3")]
    [InlineData("2x + 3)")]
    [InlineData("2 3x")]
    [InlineData("x2 + 3")]
    [InlineData("2x + * 3")]
    [InlineData("sqrt x")]
    [InlineData("2x + 3; 5")]
    [InlineData("2x, 3")]
    [InlineData("1.2.3")]
    [InlineData("()")]
    [InlineData("😀")]
    public void Garbage_is_not_understood(string input)
    {
        Assert.Equal(AnswerCheck.NotUnderstood, Spec("2x + 3", "x").Check(input));
    }

    [Fact]
    public void A_constant_expression_is_compared_and_its_value_passed_on()
    {
        var spec = Spec("2 + 3", "");

        Assert.Equal(new AnswerCheck(true, true, 5m), spec.Check("5"));
        Assert.Equal(new AnswerCheck(true, true, 5m), spec.Check("10/2"));
        Assert.Equal(new AnswerCheck(false, true, 6m), spec.Check("6"));
    }

    [Fact]
    public void A_constant_spec_accepts_an_expression_whose_variables_cancel()
    {
        Assert.True(Spec("5", "x").Check("x - x + 5").Correct);
    }

    [Fact]
    public void An_expression_answer_carries_no_value()
    {
        Assert.Null(Spec("2x + 3", "x").Check("2x + 3").Value);
    }

    [Theory]
    [InlineData("x", "x^2/x")]
    [InlineData("x + 1", "(x^2 - 1)/(x - 1)")]
    [InlineData("x", "sqrt(x)^2")] // defined only for x >= 0; the points where it is undefined are skipped
    [InlineData("1/x", "x^-1")]
    public void Points_where_a_side_is_undefined_are_skipped(string expected, string input)
    {
        Assert.True(Spec(expected, "x").Check(input).Correct);
    }

    [Theory]
    [InlineData("x", "x/(x - x)")]
    [InlineData("x", "sqrt(-1 - x^2)")]
    [InlineData("5", "1/0")]
    public void An_answer_undefined_everywhere_is_not_correct(string expected, string input)
    {
        var check = Spec(expected, "x").Check(input);

        Assert.True(check.Understood);
        Assert.False(check.Correct);
    }

    [Fact]
    public void The_verdict_is_the_same_every_time()
    {
        var spec = Spec("(x + y)^3", "x,y");
        var verdicts = Enumerable.Range(0, 5).Select(_ => spec.Check("x^3 + 3x^2y + 3xy^2 + y^3")).Distinct().ToList();

        Assert.Equal([new AnswerCheck(true, true)], verdicts);
    }

    [Fact]
    public void Input_up_to_the_length_limit_is_read()
    {
        var input = "x" + string.Concat(Enumerable.Repeat("+x", 249)); // 499 characters

        Assert.True(Spec("250x", "x").Check(input).Correct);
    }

    [Fact]
    public void Input_over_500_characters_is_not_understood()
    {
        var input = "x" + string.Concat(Enumerable.Repeat("+x", 250)); // 501 characters

        Assert.Equal(AnswerCheck.NotUnderstood, Spec("251x", "x").Check(input));
    }

    [Fact]
    public void Fifty_nested_parentheses_are_read()
    {
        var input = new string('(', 50) + "x" + new string(')', 50);

        Assert.True(Spec("x", "x").Check(input).Correct);
    }

    [Theory]
    [InlineData(51, "(", ")")]
    [InlineData(51, "sqrt(", ")")]
    [InlineData(60, "-", "")]
    [InlineData(200, "(", ")")]
    public void Nesting_deeper_than_50_is_not_understood(int depth, string open, string close)
    {
        var input = string.Concat(Enumerable.Repeat(open, depth)) + "x" + string.Concat(Enumerable.Repeat(close, depth));

        Assert.Equal(AnswerCheck.NotUnderstood, Spec("x", "x").Check(input));
    }

    [Fact]
    public void A_long_tower_of_powers_is_not_understood()
    {
        var input = "2" + string.Concat(Enumerable.Repeat("^2", 60));

        Assert.Equal(AnswerCheck.NotUnderstood, Spec("x", "x").Check(input));
    }

    [Fact]
    public void An_invalid_spec_understands_nothing_rather_than_misjudging()
    {
        Assert.Equal(AnswerCheck.NotUnderstood, Spec("2x + y", "x").Check("2x + y"));
        Assert.Equal(AnswerCheck.NotUnderstood, Spec("2x +", "x").Check("2x"));
    }

    [Fact]
    public void A_spec_read_without_its_variables_list_does_not_throw()
    {
        var spec = System.Text.Json.JsonSerializer.Deserialize<AnswerSpec>(
            """{ "kind": "expression", "expression": "2x" }""", System.Text.Json.JsonSerializerOptions.Web);

        Assert.Equal(AnswerCheck.NotUnderstood, spec!.Check("2x"));
        Assert.Equal(["'x' in the expression is not one of the variables ()"], spec.Validate());
    }

    [Fact]
    public void Display_is_the_expression_as_written()
    {
        Assert.Equal("2(x + 3)", Spec("2(x + 3)", "x").Display());
    }

    [Fact]
    public void An_expression_reveals_no_numbers()
    {
        Assert.Empty(Spec("2x + 3", "x").RevealingNumbers());
    }
}
