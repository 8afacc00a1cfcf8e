using BenchmarkDotNet.Attributes;
using TutorApp.Data.Seeding;
using TutorApp.Domain.Answers;
using TutorApp.Domain.Content.Bank;
using TutorApp.Tutoring;
using TutorApp.Tutoring.Evaluation;

namespace TutorApp.Benchmarks;

/// <summary>
/// Answer evaluation, the first thing every turn does: checking a typed answer against each kind of answer spec, and
/// reading a whole free-text message (numbers in words, fractions, which step it answers, intent).
/// </summary>
[MemoryDiagnoser]
public class AnswerBenchmarks
{
    private static readonly NumberAnswer Money = new(1250.5m, 0.01m, "$");
    private static readonly FractionAnswer SixteenThirds = new(16, 3);
    private static readonly ExpressionAnswer Linear = new("2*(x+3) - y", ["x", "y"]);
    private readonly MessageEvaluator _evaluator = new();
    private BankProblemVersion _problem = default!;
    private DialogueState _start = default!;

    [GlobalSetup]
    public void Setup()
    {
        _problem = SampleContent.Create(DateTimeOffset.UnixEpoch).Problems[0].Versions[0];
        _start = new SocraticEngine().Start(_problem, new Dictionary<string, double>()).State;
    }

    [Benchmark]
    public AnswerCheck Number() => Money.Check("$1,250.50");

    [Benchmark]
    public AnswerCheck MixedNumberAgainstFraction() => SixteenThirds.Check("5 1/3");

    [Benchmark]
    public AnswerCheck EquivalentExpression() => Linear.Check("2x + 6 - y");

    [Benchmark]
    public MessageEvaluation FreeTextExtraction() =>
        _evaluator.Evaluate(_problem, _start, "well, two pizzas with eight slices each makes sixteen slices altogether, so 16");
}
