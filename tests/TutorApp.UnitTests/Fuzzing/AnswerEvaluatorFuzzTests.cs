using TutorApp.Domain.Answers;
using TutorApp.TestSupport;
using TutorApp.Tutoring;
using TutorApp.UnitTests.Tutoring;
using Xunit.Abstractions;

namespace TutorApp.UnitTests.Fuzzing;

/// <summary>
/// Hostile answers (random text, deep nesting, megabyte inputs) through every answer check and through a whole tutoring
/// turn: each must come back with a verdict, never an exception or a hang. Seeded; the counts are printed.
/// </summary>
public sealed class AnswerEvaluatorFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261121;
    // Generous: it is there to turn a hang (an endless loop, runaway backtracking) into a failure, not to time anything.
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(60);

    private static readonly AnswerSpec[] Specs =
    [
        new NumberAnswer(16m, 0.01m, "slices"),
        new NumberAnswer(-0.5m),
        new FractionAnswer(16, 3, RequireSimplest: true),
        new ExpressionAnswer("2*x + 3", ["x"]),
        new ExpressionAnswer("(a+b)^2", ["a", "b"]),
        new ChoiceAnswer(["16", "8", "24"], 0),
        new TextAnswer(["sixteen", "16 slices"]),
    ];

    private IEnumerable<(string Kind, string Input)> Inputs(FuzzInputs fuzz)
    {
        for (var i = 0; i < 400; i++)
        {
            yield return ("random", fuzz.Text(200));
        }
        foreach (var depth in new[] { 10, 49, 50, 51, 100, 1_000, 10_000, 100_000 })
        {
            yield return ("nested", fuzz.Nested(depth));
        }
        for (var i = 0; i < 6; i++)
        {
            yield return ("1 MB", fuzz.Megabyte());
        }
    }

    [Fact]
    public async Task Every_answer_check_gives_a_verdict_for_hostile_input()
    {
        var fuzz = new FuzzInputs(Seed);
        var tried = 0;
        foreach (var (kind, input) in Inputs(fuzz))
        {
            foreach (var spec in Specs)
            {
                var check = await Bounded(() => spec.Check(input), $"{spec} on {kind} input (seed {Seed}, #{tried})");
                Assert.False(check.Correct && kind != "random", $"{spec} accepted {kind} input as correct");
                tried++;
            }
        }
        output.WriteLine($"answer checks: {tried} inputs tried (seed {Seed})");
        Assert.True(tried > 2_500);
    }

    [Fact]
    public async Task A_whole_tutoring_turn_survives_hostile_messages_and_keeps_a_usable_state()
    {
        var fuzz = new FuzzInputs(Seed + 1);
        var engine = new SocraticEngine();
        var mastery = new Dictionary<string, double>();
        var tried = 0;
        foreach (var problem in SampleProblems.All)
        {
            var state = engine.Start(problem, mastery).State;
            foreach (var (kind, input) in Inputs(fuzz).Where((_, i) => i % 4 == 0 || i >= 400))
            {
                var outcome = await Bounded(() => engine.Respond(problem, state, input, mastery), $"a turn on {problem.Title} with {kind} input (seed {Seed + 1})");
                Assert.NotEmpty(outcome.Turns);
                Assert.All(outcome.Turns, turn => Assert.False(string.IsNullOrWhiteSpace(turn.Text)));
                state = outcome.State;
                tried++;
            }
            // After all that the student can still answer normally.
            Assert.NotEmpty(engine.Respond(problem, state, "I don't know", mastery).Turns);
        }
        output.WriteLine($"tutoring turns: {tried} hostile messages tried (seed {Seed + 1})");
        Assert.True(tried > 400);
    }

    private static async Task<T> Bounded<T>(Func<T> run, string what)
    {
        try
        {
            return await Task.Run(run).WaitAsync(HangLimit);
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"No answer within {HangLimit.TotalSeconds} s (a hang): {what}");
        }
    }
}
