using TutorApp.TestSupport;
using TutorApp.Tutoring;
using TutorApp.Tutoring.Judging;

namespace TutorApp.UnitTests.Tutoring;

/// <summary>
/// The labelled judgement set (MathDial dev problems and the first GSM8K test problems, built by the importers): the
/// tutor never affirms a wrong answer, never credits a step the message does not produce, and accepts right answers.
/// </summary>
public sealed class JudgementSetTests
{
    private static readonly Lazy<IReadOnlyList<JudgementOutcome>> _outcomes = new(Run);

    private static IReadOnlyList<JudgementOutcome> Run()
    {
        var problems = JudgementSet.FromMathDial(TestData.File("mathdial", "dev.jsonl"))
            .Concat(JudgementSet.FromGsm8k(TestData.File("gsm8k", "test.jsonl"), JudgementSet.Gsm8kProblems)).ToList();
        var versions = problems.ToDictionary(p => p.Key, p => p.Version);
        var engine = new SocraticEngine();
        return JudgementSet.Build(problems).Select(c => JudgementScorer.Score(engine, versions[c.ProblemKey], c)).ToList();
    }

    [Fact]
    public void The_set_covers_every_category_over_enough_problems()
    {
        var outcomes = _outcomes.Value;
        Assert.True(outcomes.Count >= 3000, $"{outcomes.Count} messages");
        Assert.True(outcomes.Select(o => o.Case.ProblemKey).Distinct().Count() >= 150);
        Assert.Equal(Enum.GetValues<JudgementCategory>().Order(), outcomes.Select(o => o.Case.Category).Distinct().Order());
    }

    [Theory]
    [MemberData(nameof(Categories))]
    public void No_false_affirmation_and_no_false_credit(JudgementCategory category)
    {
        var outcomes = _outcomes.Value.Where(o => o.Case.Category == category).ToList();
        Assert.NotEmpty(outcomes);
        Assert.Empty(outcomes.Where(o => o.FalseAffirmation).Select(Describe));
        Assert.Empty(outcomes.Where(o => o.FalseCredit).Select(Describe));
    }

    [Theory]
    [InlineData(JudgementCategory.RightValue)]
    [InlineData(JudgementCategory.RightWorking)]
    [InlineData(JudgementCategory.RightGuess)]
    [InlineData(JudgementCategory.WholeCorrectSolution)]
    public void Right_answers_are_accepted(JudgementCategory category)
    {
        var mustAccept = _outcomes.Value.Where(o => o.Case.Category == category && o.Case.MustCredit is not null).ToList();
        var accepted = mustAccept.Count(o => o.Accepted);
        Assert.True(mustAccept.Count > 0 && accepted >= 0.99 * mustAccept.Count,
            $"{accepted} of {mustAccept.Count} accepted; not: {string.Join(" | ", mustAccept.Where(o => !o.Accepted).Take(5).Select(Describe))}");
    }

    public static TheoryData<JudgementCategory> Categories() => [.. Enum.GetValues<JudgementCategory>()];

    private static string Describe(JudgementOutcome outcome) =>
        $"{outcome.Case.ProblemKey} step {outcome.Case.AskedStep} [{outcome.Case.Form}] \"{outcome.Case.Message}\" -> \"{outcome.Reply}\"";
}
