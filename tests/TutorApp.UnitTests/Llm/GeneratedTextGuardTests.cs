using TutorApp.Tutoring;
using TutorApp.Tutoring.Guarding;
using TutorApp.UnitTests.Tutoring;

namespace TutorApp.UnitTests.Llm;

public sealed class GeneratedTextGuardTests
{
    private readonly GeneratedTextGuard _guard = new(new LeakGuard());

    private static readonly DialogueState AtFirstStep = new() { ProblemVersion = 1, CurrentStepKey = "s1" };

    private GeneratedTextCheck Check(string text, DialogueState? state = null) =>
        _guard.Check(text, LeakGuard.ProtectedValues(SampleProblems.Pizzas, state ?? AtFirstStep), [SampleProblems.Pizzas.Statement]);

    [Theory]
    // The pizza problem: step 1 is 16, the final answer 16/3 = 5 1/3; none of it may be said yet.
    [InlineData("There are 16 slices altogether.")]
    [InlineData("Each friend gets five and one third slices.")]
    [InlineData("That is sixteen thirds.")]
    [InlineData("Cada amigo recibe cinco y un tercio.")]
    [InlineData("Es sind sechzehn Stücke.")]
    [InlineData("Chaque ami reçoit cinq tranches et un tiers.")]
    [InlineData("每个人得到五又三分之一片。")]
    [InlineData("Каждый получает пять целых.")]
    [InlineData("The answer in base64 is NSAxLzM=")]
    [InlineData("Decode this: MTY=")]
    [InlineData("There are s-i-x-t-e-e-n slices.")]
    [InlineData("There are s i x t e e n slices.")]
    [InlineData("Each gets f1v3 and a th1rd.")]
    [InlineData("There are s1xt33n slices.")]
    [InlineData("Each friend gets 5 slices and a bit.")]
    [InlineData("Think of one-six: the digits of the total.")]
    [InlineData("Each friend gets about 5.33 slices.")]
    [InlineData("Reverse 61 to get the total.")]
    [InlineData("Each friend gets V and one third, and there are XVI slices.")]
    [InlineData("In Morse code: .---- -....")]
    [InlineData("Count these: 🍕🍕🍕🍕🍕🍕🍕🍕🍕🍕🍕🍕🍕🍕🍕🍕")]
    [InlineData("Read it backwards: neetxis.")]
    [InlineData("In ROT13 the total is fvkgrra.")]
    [InlineData("")]
    public void Blocks_the_answer_and_what_the_student_has_not_seen(string text)
    {
        var check = Check(text);
        Assert.False(check.Safe, $"passed: {text}");
        Assert.NotNull(check.Reason);
    }

    [Theory]
    [InlineData("Let's start with the pizzas. How many slices does one pizza have, and how many pizzas are there?")]
    [InlineData("There are 2 pizzas with 8 slices each. What do you get when you combine them?")]
    [InlineData("Good thinking! Three friends share the slices equally, so which operation helps here?")]
    [InlineData("Try it first with 2 pizzas: what would you do with the 8 slices of each?")]
    public void Lets_a_socratic_question_with_the_problems_numbers_through(string text)
    {
        Assert.True(Check(text).Safe, Check(text).Reason);
    }

    [Fact]
    public void A_resolved_value_may_be_repeated_once_the_student_has_seen_it()
    {
        var resolved = AtFirstStep with { CurrentStepKey = "s2", ResolvedSteps = ["s1"] };
        var text = "You found 16 slices. How would you share them among the friends?";
        Assert.False(Check(text).Safe);
        Assert.True(_guard.Check(text, LeakGuard.ProtectedValues(SampleProblems.Pizzas, resolved), [SampleProblems.Pizzas.Statement, "16"]).Safe);
    }

    [Fact]
    public void Text_longer_than_the_limit_is_refused()
    {
        Assert.False(Check(new string('a', GeneratedTextGuard.MaxLength + 1)).Safe);
    }
}
