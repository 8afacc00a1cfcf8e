using TutorApp.Domain.Content;
using TutorApp.Domain.Content.Bank;
using TutorApp.Domain.Content.Import;
using TutorApp.Tutoring;
using TutorApp.Tutoring.Evaluation;

namespace TutorApp.UnitTests.Tutoring;

/// <summary>What students really type, and the judgement the tutor passes on it: what is credited, what may be affirmed.</summary>
public sealed class StudentJudgementTests
{
    private static readonly DateTimeOffset _created = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly MessageEvaluator _evaluator = new();

    /// <summary>
    /// The snails problem as the importer builds it from its GSM8K-style solution: 32 − 4 = 28, 28 / 2 = 14 fish in both,
    /// 14 / 2 = 7 in each (MathDial qid 6000037; "14 in each" is its students' known mistake).
    /// </summary>
    private static BankProblemVersion Snails { get; } = Import(
        "There are 4 snails in one aquarium and 32 snails in another aquarium. The difference between the number of snails in the two aquariums is twice the amount of fish in both aquariums. If both aquariums have the same number of fish in them, how many fish are there in each aquarium?",
        "The difference between the number of snails is 32 - 4 = <<32-4=28>>28 snails.\nThere are 28 / 2 = <<28/2=14>>14 fish in both aquariums.\nThere are 14 / 2 = <<14/2=7>>7 fish in each aquarium.\n#### 7");

    private static BankProblemVersion House { get; } = Import(
        "A house was bought for $260,000 and its value fell by $130,000 in a storm. The owners then spent $120,000 on repairs. How much is the house worth after the repairs, if the repairs add their cost to its value?",
        "After the storm it is worth 260000 - 130000 = <<260000-130000=130000>>130000 dollars.\nAfter the repairs it is worth 130000 + 120000 = <<130000+120000=250000>>250000 dollars.\n#### 250000");

    private static BankProblemVersion Import(string question, string answer)
    {
        var line = System.Text.Json.JsonSerializer.Serialize(new { question, answer });
        return Gsm8kParser.Parse(new StringReader(line), "test.jsonl", "t", _created).Document.Problems[0].Versions[0];
    }

    private MessageEvaluation At(BankProblemVersion problem, int stepIndex, string message)
    {
        var dialogue = new Dialogue(problem);
        foreach (var step in problem.Steps.Take(stepIndex))
        {
            dialogue.Say(step.Expected!.Display());
        }
        Assert.Equal(problem.Steps[stepIndex].Key, dialogue.State.CurrentStepKey);
        return _evaluator.Evaluate(problem, dialogue.State, message);
    }

    [Theory]
    [InlineData("(56)/(2)")]
    [InlineData("\\frac{56}{2}")]
    [InlineData("\\dfrac{56}{2}")]
    [InlineData("28 snails")]
    [InlineData("32 - 4 = 28")]
    [InlineData("32 \\cdot 1 - 4 = 28")]
    [InlineData("twenty-eight")]
    [InlineData("is it 28?")]
    public void The_math_keyboard_and_plain_forms_of_the_value_are_accepted(string message)
    {
        var evaluation = At(Snails, 0, message);

        Assert.True(evaluation.IsCorrect, message);
        Assert.Equal(["s1"], evaluation.StatedSteps);
    }

    [Theory]
    [InlineData("130k")]
    [InlineData("130K")]
    [InlineData("0.13 million")]
    [InlineData("$130,000")]
    [InlineData("130 thousand dollars")]
    public void Thousands_and_millions_are_read(string message) =>
        Assert.True(At(House, 0, message).IsCorrect, message);

    [Fact]
    public void An_earlier_value_in_a_calculation_is_not_affirmed_for_another_step()
    {
        // "50% of 260,000" is the storm's loss written as a calculation (130,000), not the repairs' 120,000 nor the 250,000 asked.
        var evaluation = At(House, 1, "50% of 260,000");

        Assert.False(evaluation.IsCorrect);
        Assert.Empty(evaluation.StatedSteps);
        Assert.Equal(130_000m, evaluation.CalculationValue);
    }

    [Fact]
    public void Another_steps_value_is_named_as_that_quantity_and_never_affirmed()
    {
        var dialogue = new Dialogue(Snails);

        var outcome = dialogue.Say("14");

        Assert.Equal(AnswerReferent.OtherStep, outcome.Evaluation.Referent);
        Assert.Equal("s2", outcome.Evaluation.ReferentStepKey);
        Assert.DoesNotContain(outcome.Attempts, a => a.Correct);
        Assert.StartsWith("That number is how many fish are there in both aquariums, but this question asks something else.", outcome.Turns[0].Text);
        Assert.DoesNotContain("right", outcome.Turns[0].Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_known_mistake_in_the_words_of_the_final_question_is_not_affirmed()
    {
        var evaluation = At(Snails, 1, "14 fish in each aquarium");

        Assert.True(evaluation.ClaimsWholeAnswer);
        Assert.False(evaluation.StatesFinalAnswer);
    }

    [Fact]
    public void A_unit_that_does_not_fit_is_not_accepted()
    {
        var evaluation = At(Snails, 1, "$14");

        Assert.False(evaluation.IsCorrect);
        Assert.True(evaluation.WrongQuantity);
    }

    [Fact]
    public void The_final_answer_closes_only_as_the_answer_of_the_message()
    {
        // 7 appears, but the message ends with 21: a number somewhere in the message does not solve the problem.
        var dialogue = new Dialogue(Snails);

        var outcome = dialogue.Say("28 / 4 = 7 so 7 x 3 = 21 fish");

        Assert.False(dialogue.State.Solved);
        Assert.False(outcome.Evaluation.StatesFinalAnswer);
    }

    [Fact]
    public void Chained_working_credits_every_right_line_and_points_at_the_first_wrong_one()
    {
        var right = At(Snails, 0, "32 - 4 = 28 so 28 / 2 = 14");
        Assert.Equal(["s1", "s2"], right.StatedSteps.Order());

        var wrong = At(Snails, 0, "32 - 4 = 28 so 28 / 2 = 15");
        Assert.Equal(["s1"], wrong.StatedSteps);
        Assert.Equal(15m, wrong.WrongLine?.Written);
    }

    [Fact]
    public void A_final_answer_first_leaves_the_steps_it_skipped_uncredited()
    {
        var dialogue = new Dialogue(Snails);

        var outcome = dialogue.Say("7");

        Assert.True(dialogue.State.Solved);
        var final = Assert.Single(outcome.Attempts, a => a.StepKey is null);
        Assert.True(final.Correct);
        Assert.All(outcome.Attempts.Where(a => a.StepKey is not null), a => Assert.True(a.Skipped && !a.Correct));
    }

    [Theory]
    [InlineData("5 remainder 1")]
    [InlineData("5 r 1")]
    [InlineData("5 R1")]
    [InlineData("5 rem 1")]
    public void A_remainder_answers_an_exact_quotient(string message)
    {
        var (problem, state) = MessageEvaluatorTests.At("pizza:s2.q1");

        Assert.True(_evaluator.Evaluate(problem, state, message).IsCorrect, message);
    }

    [Fact]
    public void A_wrong_remainder_is_wrong()
    {
        var (problem, state) = MessageEvaluatorTests.At("pizza:s2.q1");

        Assert.False(_evaluator.Evaluate(problem, state, "5 remainder 2").IsCorrect);
    }

    [Theory]
    [InlineData("what does altogether mean?", "altogether", "all of them counted together")]
    [InlineData("What does \"difference\" mean", "difference", "how much bigger one is")]
    [InlineData("what is a quotient?", "quotient", "divide")]
    public void A_vocabulary_question_gets_the_words_meaning_and_the_question_again(string message, string term, string meaning)
    {
        var dialogue = new Dialogue(Snails);

        var outcome = dialogue.Say(message);

        Assert.Equal(MessageIntent.AsksQuestion, outcome.Evaluation.Intent);
        Assert.Equal(term, outcome.Evaluation.Question?.Term);
        Assert.Contains(meaning, outcome.Turns[0].Text, StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith("?", outcome.Turns[0].Text);
        Assert.Empty(outcome.Attempts);
    }

    [Fact]
    public void A_why_question_is_answered_without_the_value()
    {
        var dialogue = new Dialogue(Snails);
        dialogue.Say("28");

        var outcome = dialogue.Say("why do I have to divide by 2?");

        Assert.Equal(MessageIntent.AsksQuestion, outcome.Evaluation.Intent);
        Assert.Equal(TeacherMove.Telling, outcome.Turns[0].Move);
        Assert.DoesNotContain("14", outcome.Turns[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("right", outcome.Turns[0].Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_ladder_asks_the_meaning_then_the_relationship_then_tells_and_never_names_the_operands_first()
    {
        var dialogue = new Dialogue(Snails);

        var hint = dialogue.Say("20").Turns[0];
        var meaning = dialogue.Say("21").Turns[0];
        var relation = dialogue.Say("something about the snails").Turns[0];
        var relationWrong = dialogue.Say("multiply").Turns[0];

        Assert.Equal((TurnKind.Hint, TeacherMove.Focus), (hint.Kind, hint.Move));
        Assert.Equal(TeacherMove.Focus, meaning.Move);
        Assert.DoesNotContain("32", meaning.Text, StringComparison.Ordinal);
        Assert.Equal(TeacherMove.Probing, relation.Move);
        Assert.DoesNotContain("32", relation.Text, StringComparison.Ordinal);
        Assert.Equal(TeacherMove.Telling, relationWrong.Move);
        Assert.Equal(1, dialogue.State.TellingTurns);
    }

    [Fact]
    public void After_a_telling_turn_the_closing_does_not_say_the_student_solved_it_alone()
    {
        var dialogue = new Dialogue(Snails);
        dialogue.Say("20");
        dialogue.Say("21");
        dialogue.Say("something about the snails");
        dialogue.Say("multiply");
        dialogue.Say("28");
        dialogue.Say("14");

        var closing = dialogue.Say("7").Turns[0];

        Assert.True(dialogue.State.Solved);
        Assert.DoesNotContain("yourself", closing.Text, StringComparison.OrdinalIgnoreCase);
    }
}
