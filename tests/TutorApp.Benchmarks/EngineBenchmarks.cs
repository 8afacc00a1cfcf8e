using BenchmarkDotNet.Attributes;
using TutorApp.Data.Seeding;
using TutorApp.Domain.Content.Bank;
using TutorApp.Tutoring;

namespace TutorApp.Benchmarks;

/// <summary>The engine alone (evaluate, plan, realize, guard) on the sample problem: no database.</summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private static readonly IReadOnlyDictionary<string, double> NoMastery = new Dictionary<string, double>();
    private readonly SocraticEngine _engine = new();
    private BankProblemVersion _problem = default!;
    private DialogueState _start = default!;

    [GlobalSetup]
    public void Setup()
    {
        _problem = SampleContent.Create(DateTimeOffset.UnixEpoch).Problems[0].Versions[0];
        _start = _engine.Start(_problem, NoMastery).State;
    }

    [Benchmark]
    public TurnOutcome WrongAnswer() => _engine.Respond(_problem, _start, "I think it is 10 slices", NoMastery);

    [Benchmark]
    public TurnOutcome RightAnswerInASentence() => _engine.Respond(_problem, _start, "2 pizzas times 8 slices is 16 slices altogether", NoMastery);

    [Benchmark]
    public TurnOutcome HintRequest() => _engine.Respond(_problem, _start, "I don't know, can I have a hint?", NoMastery);

    [Benchmark]
    public string StateToJson() => DialogueStateJson.Serialize(_start);
}
