using BenchmarkDotNet.Attributes;
using TutorApp.Data.Seeding;
using TutorApp.Domain.Content.Bank;
using TutorApp.Tutoring;
using TutorApp.Tutoring.Evaluation;
using TutorApp.Tutoring.Planning;

namespace TutorApp.Benchmarks;

/// <summary>One planner turn on its own (the message already evaluated): choose the node and the move from the tree.</summary>
[MemoryDiagnoser]
public class PlannerBenchmarks
{
    private static readonly IReadOnlyDictionary<string, double> NoMastery = new Dictionary<string, double>();
    private readonly QuestionTreePlanner _planner = new();
    private ProblemTree _tree = default!;
    private DialogueState _start = default!;
    private MessageEvaluation _wrong = default!;
    private MessageEvaluation _right = default!;

    [GlobalSetup]
    public void Setup()
    {
        var problem = SampleContent.Create(DateTimeOffset.UnixEpoch).Problems[0].Versions[0];
        _tree = ProblemTree.For(problem);
        _start = new SocraticEngine().Start(problem, NoMastery).State;
        var evaluator = new MessageEvaluator();
        _wrong = evaluator.Evaluate(problem, _start, "I think it is 10");
        _right = evaluator.Evaluate(problem, _start, "16");
    }

    [Benchmark]
    public DialogueState AfterWrongAnswer() => _planner.Respond(_tree, _start, _wrong, NoMastery, TutoringPolicy.Default).State;

    [Benchmark]
    public DialogueState AfterRightAnswer() => _planner.Respond(_tree, _start, _right, NoMastery, TutoringPolicy.Default).State;
}
