using TutorApp.Domain.Content;
using TutorApp.Domain.Content.Bank;
using TutorApp.Tutoring;
using TutorApp.Tutoring.Guarding;

namespace TutorApp.UnitTests.Tutoring;

public sealed class LeakGuardTests
{
    private readonly LeakGuard _guard = new();

    private static DialogueState Fresh(BankProblemVersion problem) => new() { ProblemVersion = problem.Number, CurrentStepKey = problem.Steps[0].Key };

    [Theory]
    // Step 1's value (16) and the final answer (16/3) of the pizza problem, however they are written.
    [InlineData("There are 16 slices.")]
    [InlineData("There are sixteen slices.")]
    [InlineData("Sixteen!")]
    [InlineData("That makes 16.0 slices.")]
    [InlineData("16.00")]
    [InlineData("$16")]
    [InlineData("-16")]
    [InlineData("the 16th slice")]
    [InlineData("Each friend gets 5 1/3 slices.")]
    [InlineData("Each friend gets 16/3 slices.")]
    [InlineData("Each friend gets five and a third slices.")]
    [InlineData("Each friend gets 5 and 1/3 slices.")]
    [InlineData("Each friend gets about 5.33 slices.")]
    [InlineData("Each friend gets 5.333 slices.")]
    [InlineData("Each friend gets 5⅓ slices.")]
    [InlineData(@"Each friend gets $\frac{16}{3}$ slices.")]
    [InlineData(@"Each friend gets $5\frac{1}{3}$ slices.")]
    [InlineData("sixteen thirds")]
    public void Finds_an_unresolved_value_however_it_is_written(string text)
    {
        Assert.True(_guard.Check(SampleProblems.Pizzas, Fresh(SampleProblems.Pizzas), text).Leaks);
    }

    [Theory]
    [InlineData("How many slices are there altogether?")]
    [InlineData("There are 2 pizzas with 8 slices each.")]
    [InlineData("If there were 15 slices, how many would each friend get?")]
    [InlineData("What is 2 × 8?")]
    [InlineData("160 or 1.6 or 61 are not it")]
    [InlineData("Take 5 and then 3 more.")]
    [InlineData("Is this one right?")]
    public void Lets_other_numbers_through(string text)
    {
        Assert.False(_guard.Check(SampleProblems.Pizzas, Fresh(SampleProblems.Pizzas), text).Leaks);
    }

    [Fact]
    public void A_resolved_steps_value_may_be_said_but_the_final_answer_may_not()
    {
        var state = Fresh(SampleProblems.Pizzas) with { ResolvedSteps = ["s1"], CurrentStepKey = "s2" };

        Assert.False(_guard.Check(SampleProblems.Pizzas, state, "Share the 16 slices among 3 friends.").Leaks);
        var check = _guard.Check(SampleProblems.Pizzas, state, "Each gets 5 1/3.");
        Assert.Equal([DialogueState.FinalAnswerKey, "s2"], check.Findings.Select(f => f.Source).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Nothing_is_protected_once_the_problem_is_solved()
    {
        var state = Fresh(SampleProblems.Pizzas) with { Solved = true, ResolvedSteps = ["s1", "s2"] };

        Assert.Empty(LeakGuard.ProtectedValues(SampleProblems.Pizzas, state));
        Assert.False(_guard.Check(SampleProblems.Pizzas, state, "5 1/3 slices each from 16.").Leaks);
    }

    [Theory]
    [InlineData("The spring total was $1,750.")]
    [InlineData("The spring total was 1750 dollars.")]
    [InlineData("The spring total was $1,750.00.")]
    [InlineData("one thousand seven hundred and fifty")]
    [InlineData("The increase is 500.")]
    [InlineData("The increase is five hundred dollars.")]
    public void Finds_large_values_with_commas_decimals_and_words(string text)
    {
        Assert.True(_guard.Check(SampleProblems.Fundraiser, Fresh(SampleProblems.Fundraiser), text).Leaks);
    }

    [Fact]
    public void Lets_the_givens_of_a_large_number_problem_through()
    {
        Assert.False(_guard.Check(SampleProblems.Fundraiser, Fresh(SampleProblems.Fundraiser),
            "The school raised $1,250 in the autumn. What is 40% of it? Start with 10%: 1,250 divided by 10.").Leaks);
    }

    [Fact]
    public void A_percentage_shows_the_proportion_it_stands_for()
    {
        var values = new[] { new ProtectedValue("s1", [0.45m]) };

        Assert.True(_guard.Check("It is 45% of the total.", values).Leaks);
        Assert.False(_guard.Check("It is 40% of the total.", values).Leaks);
    }

    [Theory]
    [InlineData("The two lengths make 2(x + 3).", true)]
    [InlineData("The two lengths make 2*(x+3).", true)]
    [InlineData("So that is 2x + 6.", true)]
    [InlineData("The perimeter is 4x + 6.", true)]
    [InlineData("Each length is x + 3.", false)]
    [InlineData("Add the x terms, then the numbers.", false)]
    public void Finds_an_expression_answer_written_as_given_or_in_an_equivalent_form(string text, bool leaks)
    {
        Assert.Equal(leaks, _guard.Check(SampleProblems.Rectangle, Fresh(SampleProblems.Rectangle), text).Leaks);
    }

    [Fact]
    public void The_engine_replaces_an_authored_text_that_leaks_with_a_safe_focusing_question()
    {
        var leaky = SampleProblems.Pizzas with
        {
            Tree = [.. SampleProblems.Pizzas.Tree.Select(n => n.Key == "s1.q1" ? n with { Hints = [new Hint(1, "Think: 2 × 8 = 16.")] } : n)],
        };
        var dialogue = new Dialogue(leaky);

        var turn = Assert.Single(dialogue.Say("hint").Turns);

        Assert.True(turn.GuardIntervened);
        Assert.False(turn.RevealedAnswer);
        Assert.DoesNotContain("16", turn.Text, StringComparison.Ordinal);
        Assert.Equal(TeacherMove.Focus, turn.Move);
        Assert.Contains(turn.Diagnostics, d => d.Contains("leak guard blocked", StringComparison.Ordinal) && d.Contains("16", StringComparison.Ordinal));
    }

    [Fact]
    public void The_engine_blocks_a_leaking_question_text_at_the_start()
    {
        var leaky = SampleProblems.Pizzas with
        {
            Tree = [.. SampleProblems.Pizzas.Tree.Select(n => n.Key == "s1.q1" ? n with { Text = "Is it 16 slices?" } : n)],
        };

        var opening = new SocraticEngine().Start(leaky, new Dictionary<string, double>());

        Assert.True(opening.Turn.GuardIntervened);
        Assert.DoesNotContain("16", opening.Turn.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_allowed_bottom_out_passes_and_is_flagged_while_the_same_text_as_an_ordinary_hint_is_blocked()
    {
        var policy = new TutoringPolicy { BottomOutAfterFailedAttempts = 0 };
        var bottomOut = new Dialogue(SampleProblems.Pizzas, policy: policy);
        bottomOut.Say("idk");
        bottomOut.Say("idk");
        var revealed = Assert.Single(bottomOut.Say("idk").Turns);

        var ordinary = SampleProblems.Pizzas with
        {
            Tree = [.. SampleProblems.Pizzas.Tree.Select(n => n.Key == "s1.q1"
                ? n with { Hints = [n.Hints[0], n.Hints[1], n.Hints[2] with { IsBottomOut = false }] } : n)],
        };
        var hinted = new Dialogue(ordinary, policy: policy);
        hinted.Say("idk");
        hinted.Say("idk");
        var blocked = Assert.Single(hinted.Say("idk").Turns);

        Assert.True(revealed.RevealedAnswer);
        Assert.Equal(TeacherMove.Telling, revealed.Move);
        Assert.Equal("Revealing answer", revealed.SubMove);
        Assert.Contains("16", revealed.Text, StringComparison.Ordinal);
        Assert.True(blocked.GuardIntervened);
        Assert.False(blocked.RevealedAnswer);
        Assert.DoesNotContain("16", blocked.Text, StringComparison.Ordinal);
    }
}
