using System.Runtime.CompilerServices;
using TutorApp.Domain.Content;
using TutorApp.Domain.Content.Bank;
using TutorApp.Tutoring.Evaluation;

namespace TutorApp.Tutoring;

/// <summary>
/// A problem version indexed for the engine: steps in dependency order, nodes by key, children by parent. Built once per
/// version object and cached, since the engine sees the same version on every turn of a dialogue.
/// </summary>
internal sealed class ProblemTree
{
    private static readonly ConditionalWeakTable<BankProblemVersion, ProblemTree> _cache = [];

    private readonly Dictionary<string, BankStep> _steps = new(StringComparer.Ordinal);
    private readonly List<BankStep> _listedSteps = [];
    private readonly Dictionary<string, BankQuestionNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<BankQuestionNode>> _children = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BankQuestionNode> _roots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _depths = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _dependencies = new(StringComparer.Ordinal);

    private ProblemTree(BankProblemVersion version)
    {
        Version = version;
        foreach (var step in version.Steps ?? [])
        {
            if (step?.Key is not null && _steps.TryAdd(step.Key, step))
            {
                _listedSteps.Add(step);
            }
        }
        foreach (var node in version.Tree ?? [])
        {
            if (node?.Key is not null && node.Step is not null && _steps.ContainsKey(node.Step))
            {
                _nodes.TryAdd(node.Key, node);
            }
        }
        foreach (var node in _nodes.Values)
        {
            if (node.Parent is null)
            {
                _roots.TryAdd(node.Step, node);
            }
            else if (_nodes.TryGetValue(node.Parent, out var parent) && parent.Step == node.Step)
            {
                if (!_children.TryGetValue(node.Parent, out var list))
                {
                    _children[node.Parent] = list = [];
                }
                list.Add(node);
            }
        }
        // Keep the authors' order among siblings.
        var order = (version.Tree ?? []).Select((n, i) => (n, i)).Where(p => p.n?.Key is not null)
            .GroupBy(p => p.n.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
        foreach (var list in _children.Values)
        {
            list.Sort((a, b) => order[a.Key].CompareTo(order[b.Key]));
        }
        StepsInOrder = OrderByDependencies();
        // Everything is computed here: the instance is shared between threads and never changes afterwards.
        foreach (var node in _nodes.Values)
        {
            _depths[node.Key] = CountAncestors(node);
        }
        foreach (var step in _listedSteps)
        {
            _dependencies[step.Key] = CollectDependencies(step.Key);
        }
        GivenNumbers = NumbersIn(version.Statement ?? "");
        FinalQuestion = QuantityReading.LastQuestion(version.Statement ?? "");
    }

    /// <summary>The problem's own question: the last asking sentence of the statement.</summary>
    public string FinalQuestion { get; }

    public BankProblemVersion Version { get; }

    /// <summary>Every step, each after the steps it depends on; ties keep the authors' order. A cycle (invalid content) is broken in listed order.</summary>
    public IReadOnlyList<BankStep> StepsInOrder { get; }

    /// <summary>The numbers the problem statement gives; restating one of them is not working out another step.</summary>
    public IReadOnlyList<decimal> GivenNumbers { get; }

    public static ProblemTree For(BankProblemVersion version) => _cache.GetValue(version, v => new ProblemTree(v));

    public BankStep? Step(string? key) => key is not null && _steps.TryGetValue(key, out var step) ? step : null;

    public BankQuestionNode? Node(string? key) => key is not null && _nodes.TryGetValue(key, out var node) ? node : null;

    public BankQuestionNode? Root(string? stepKey) => stepKey is not null && _roots.TryGetValue(stepKey, out var root) ? root : null;

    public IReadOnlyList<BankQuestionNode> Children(string? nodeKey) =>
        nodeKey is not null && _children.TryGetValue(nodeKey, out var list) ? list : [];

    public BankQuestionNode? Parent(BankQuestionNode node) => Node(node.Parent);

    /// <summary>0 for a step's root; the step-level prompt counts as depth 0 too.</summary>
    public int Depth(BankQuestionNode? node) => node is not null && _depths.TryGetValue(node.Key, out var depth) ? depth : 0;

    private int CountAncestors(BankQuestionNode node)
    {
        var depth = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal) { node.Key };
        for (var current = Parent(node); current is not null && seen.Add(current.Key); current = Parent(current))
        {
            depth++;
        }
        return depth;
    }

    public IEnumerable<BankQuestionNode> NodesOf(string stepKey) => _nodes.Values.Where(n => n.Step == stepKey);

    public bool IsRoot(BankQuestionNode node) => node.Parent is null;

    public static bool Is(BankQuestionNode node, NodeTrigger trigger) =>
        BankVocabulary.TryTrigger(node.Trigger, out var actual) && actual == trigger;

    public static TeacherMove MoveOf(BankQuestionNode node, TeacherMove fallback) =>
        BankVocabulary.TryMove(node.Move, out var move) ? move : fallback;

    /// <summary>Every step this step uses, directly or through others.</summary>
    public IReadOnlySet<string> DependenciesOf(string stepKey) =>
        _dependencies.TryGetValue(stepKey, out var known) ? known : new HashSet<string>(StringComparer.Ordinal);

    private HashSet<string> CollectDependencies(string stepKey)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(Step(stepKey)?.DependsOn ?? []);
        while (pending.Count > 0)
        {
            var key = pending.Pop();
            if (key is null || key == stepKey || !_steps.ContainsKey(key) || !result.Add(key))
            {
                continue;
            }
            foreach (var next in _steps[key].DependsOn ?? [])
            {
                pending.Push(next);
            }
        }
        return result;
    }

    private List<BankStep> OrderByDependencies()
    {
        var listed = _listedSteps;
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var ordered = new List<BankStep>(listed.Count);
        while (ordered.Count < listed.Count)
        {
            var ready = listed.FirstOrDefault(s => !placed.Contains(s.Key)
                && (s.DependsOn ?? []).All(d => placed.Contains(d) || d == s.Key || !_steps.ContainsKey(d)));
            // A cycle: take the first step not yet placed, so every step is still reachable.
            ready ??= listed.First(s => !placed.Contains(s.Key));
            placed.Add(ready.Key);
            ordered.Add(ready);
        }
        return ordered;
    }

    private static List<decimal> NumbersIn(string text)
    {
        var tokens = TextTokenizer.Tokenize(text);
        return NumberReader.Read(text, tokens, strict: true).Select(m => m.Value).Distinct().ToList();
    }
}
