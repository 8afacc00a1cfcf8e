using TutorApp.Tutoring;
using TutorApp.Tutoring.Validation;
using TutorApp.UnitTests.Tutoring;

namespace TutorApp.UnitTests.Llm;

public sealed class HintValidatorTests
{
    private static readonly DialogueState AtSecondStep = new() { ProblemVersion = 1, CurrentStepKey = "s2", ResolvedSteps = ["s1"] };

    [Theory]
    // Samples, successes with the hint, without it, kept?
    [InlineData(4, 2, 2, true)]   // at least half, and no worse
    [InlineData(4, 1, 0, true)]   // improves by a quarter
    [InlineData(4, 1, 1, false)]  // neither half nor an improvement
    [InlineData(4, 0, 0, false)]
    [InlineData(4, 3, 4, false)]  // worse than without it
    [InlineData(3, 2, 0, true)]
    [InlineData(3, 1, 0, true)]   // 1/3 improvement is at least a quarter
    [InlineData(5, 1, 0, false)]  // 1/5 is less than a quarter, and 1 is less than half
    public void The_rule_keeps_a_hint_that_helps(int samples, int with, int without, bool kept)
    {
        Assert.Equal(kept, new HintValidation(samples, with, without).Kept);
    }

    [Fact]
    public async Task Attempts_are_judged_by_the_engine_against_the_steps_value()
    {
        // This simulated student gets there only with a hint, and writes the answer in words half the time.
        var simulator = new ScriptedSimulator(request => request.Hint is null ? "I think it is 2/3" : request.Sample % 2 == 0 ? "16 ÷ 3 = 5 1/3" : "five and a third");
        var validator = new HintValidator(simulator, 4);
        var request = new SimulatedStudentRequest(SampleProblems.Pizzas, "s2", "2/3", null, 0);

        var without = await validator.SuccessesAsync(request, AtSecondStep, CancellationToken.None);
        var with = await validator.SuccessesAsync(request with { Hint = "Divide the slices, not the pizzas." }, AtSecondStep, CancellationToken.None);

        Assert.Equal((0, 4), (without, with));
        Assert.Equal(8, simulator.Calls);
        Assert.True(new HintValidation(4, with, without).Kept);
    }

    [Fact]
    public void A_wrong_or_hedged_attempt_does_not_count()
    {
        var validator = new HintValidator(new ScriptedSimulator(_ => ""), 1);
        var request = new SimulatedStudentRequest(SampleProblems.Pizzas, "s2", "2/3", null, 0);
        Assert.False(validator.SolvesStep(request, AtSecondStep, "5 or 5 1/3"));
        Assert.False(validator.SolvesStep(request, AtSecondStep, "each gets 5"));
        Assert.True(validator.SolvesStep(request, AtSecondStep, "so each friend gets 5 1/3 slices"));
    }

    private sealed class ScriptedSimulator(Func<SimulatedStudentRequest, string> attempt) : IStudentSimulator
    {
        private int _calls;

        public int Calls => _calls;

        public Task<string> NextAttemptAsync(SimulatedStudentRequest request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return Task.FromResult(attempt(request));
        }
    }
}
