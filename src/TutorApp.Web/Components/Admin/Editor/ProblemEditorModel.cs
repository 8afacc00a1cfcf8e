using TutorApp.Domain.Content;
using TutorApp.Domain.Content.Bank;

namespace TutorApp.Web.Components.Admin.Editor;

/// <summary>
/// A problem version as the author edits it: mutable, with each step's question tree as real parent/child links
/// instead of the bank format's flat list of nodes naming their parents. <see cref="FromBank"/> and <see cref="ToBank"/>
/// convert both ways; the operations below keep keys unique and references intact, so an edited draft can always be
/// saved (only content the author has not finished yet stays invalid, and the validator says where).
/// </summary>
public sealed class ProblemEditorModel
{
    // Set by the store (numbering, publishing); the editor carries them through unchanged.
    public int Number { get; private init; } = 1;
    public string Status { get; private init; } = "draft";
    public DateTimeOffset CreatedAt { get; private init; }
    public DateTimeOffset? PublishedAt { get; private init; }

    public string Title { get; set; } = "";
    public string Statement { get; set; } = "";
    public AnswerSpecModel FinalAnswer { get; set; } = new();
    public int Difficulty { get; set; } = 1;
    public string Source { get; set; } = "";
    public string Licence { get; set; } = "";
    public List<string> Tags { get; set; } = [];
    public List<string> Skills { get; set; } = [];
    public List<StepModel> Steps { get; } = [];

    /// <summary>Every question node of every step, step by step, parents before children.</summary>
    public IEnumerable<QuestionNodeModel> Nodes => Steps.SelectMany(s => s.Nodes);

    public static ProblemEditorModel FromBank(BankProblemVersion version)
    {
        var model = new ProblemEditorModel
        {
            Number = version.Number,
            Status = version.Status,
            CreatedAt = version.CreatedAt,
            PublishedAt = version.PublishedAt,
            Title = version.Title,
            Statement = version.Statement,
            FinalAnswer = AnswerSpecModel.FromSpec(version.FinalAnswer),
            Difficulty = version.Difficulty,
            Source = version.Source,
            Licence = version.Licence,
            Tags = [.. version.Tags],
            Skills = [.. version.Skills],
        };
        foreach (var bankStep in version.Steps)
        {
            var step = new StepModel
            {
                Key = bankStep.Key,
                Prompt = bankStep.Prompt,
                Expected = bankStep.Expected is null ? null : AnswerSpecModel.FromSpec(bankStep.Expected),
                Skills = [.. bankStep.Skills],
                DependsOn = [.. bankStep.DependsOn],
            };
            step.Misconceptions.AddRange(bankStep.Misconceptions.Select(m => new MisconceptionModel
            {
                Key = m.Key,
                Description = m.Description,
                WrongValues = [.. m.WrongValues],
                Patterns = [.. m.Patterns],
                RemediationQuestion = m.RemediationQuestion,
            }));
            model.Steps.Add(step);
        }

        var steps = model.Steps.ToDictionary(s => s.Key, StringComparer.Ordinal);
        var nodes = new Dictionary<string, QuestionNodeModel>(StringComparer.Ordinal);
        foreach (var bankNode in version.Tree)
        {
            // Stored versions never hold such nodes (saving refuses broken references), so this is a programming error.
            var step = steps.GetValueOrDefault(bankNode.Step)
                ?? throw new ArgumentException($"Question node \"{bankNode.Key}\" belongs to step \"{bankNode.Step}\", which does not exist.", nameof(version));
            BankVocabulary.TryTrigger(bankNode.Trigger, out var trigger);
            BankVocabulary.TryMove(bankNode.Move, out var move);
            var node = new QuestionNodeModel
            {
                Key = bankNode.Key,
                Step = step,
                Trigger = trigger,
                Misconception = bankNode.Misconception,
                Move = move,
                SubMove = bankNode.SubMove,
                Text = bankNode.Text,
                Expected = bankNode.Expected is null ? null : AnswerSpecModel.FromSpec(bankNode.Expected),
            };
            node.Hints.AddRange(bankNode.Hints.OrderBy(h => h.Level).Select(h => new HintModel { Text = h.Text, IsBottomOut = h.IsBottomOut }));
            nodes.TryAdd(node.Key, node);
        }
        // Linked in a second pass because the format allows a parent to be listed after its children.
        // Sibling order is the order of the list, as in the store.
        foreach (var bankNode in version.Tree)
        {
            var node = nodes[bankNode.Key];
            if (bankNode.Parent is { } parentKey && nodes.TryGetValue(parentKey, out var parent) && parent.Step == node.Step)
            {
                node.Parent = parent;
                parent.Children.Add(node);
            }
            else
            {
                // A root, or (only in hand-made files) a node whose parent is missing: kept as a root so it stays visible.
                node.Step.Roots.Add(node);
            }
        }
        return model;
    }

    public BankProblemVersion ToBank() => new(
        Number,
        Status,
        Title,
        Statement,
        FinalAnswer.ToSpec(),
        Difficulty,
        Source,
        Licence,
        [.. Tags],
        [.. Skills],
        CreatedAt,
        PublishedAt,
        Steps.Select(step => new BankStep(
            step.Key,
            step.Prompt,
            step.Expected?.ToSpec(),
            [.. step.Skills],
            [.. step.DependsOn],
            step.Misconceptions.Select(m => new BankMisconception(
                m.Key, m.Description, [.. m.WrongValues], [.. m.Patterns], m.RemediationQuestion)).ToList())).ToList(),
        Nodes.Select(node => new BankQuestionNode(
            node.Key,
            node.Step.Key,
            node.Parent?.Key,
            BankVocabulary.Word(node.Trigger),
            node.Trigger == NodeTrigger.Misconception ? node.Misconception : null,
            BankVocabulary.Word(node.Move),
            node.SubMove,
            node.Text,
            node.Expected?.ToSpec(),
            node.Hints.Select((h, i) => new Hint(i + 1, h.Text, h.IsBottomOut)).ToList())).ToList());

    // ---- Steps ----

    public StepModel AddStep()
    {
        var step = new StepModel { Key = FirstFree("s", Steps.Select(s => s.Key)) };
        Steps.Add(step);
        return step;
    }

    /// <summary>Removes the step with its tree, and every other step's dependency on it.</summary>
    public void RemoveStep(StepModel step)
    {
        Steps.Remove(step);
        foreach (var other in Steps)
        {
            other.DependsOn.RemoveAll(key => key == step.Key);
        }
    }

    /// <summary>Moves a step up (negative) or down (positive) in the order students meet them.</summary>
    public void MoveStep(StepModel step, int offset) => Move(Steps, step, offset);

    // ---- Misconceptions ----

    public MisconceptionModel AddMisconception(StepModel step)
    {
        var misconception = new MisconceptionModel { Key = FirstFree("m", step.Misconceptions.Select(m => m.Key)) };
        step.Misconceptions.Add(misconception);
        return misconception;
    }

    /// <summary>The questions that are asked when this misconception shows; while there are any it cannot be removed.</summary>
    public static IReadOnlyList<QuestionNodeModel> QuestionsFor(StepModel step, MisconceptionModel misconception) =>
        step.Nodes.Where(n => n.Trigger == NodeTrigger.Misconception && n.Misconception == misconception.Key).ToList();

    public void RemoveMisconception(StepModel step, MisconceptionModel misconception)
    {
        if (QuestionsFor(step, misconception) is { Count: > 0 } users)
        {
            throw new InvalidOperationException(
                $"Misconception {misconception.Key} is used by {string.Join(", ", users.Select(u => u.Key))}; change those questions first.");
        }
        step.Misconceptions.Remove(misconception);
    }

    // ---- Question trees ----

    /// <summary>The step's first question, asked when the student starts the step.</summary>
    public QuestionNodeModel AddRoot(StepModel step)
    {
        var root = new QuestionNodeModel { Key = NextNodeKey(step), Step = step, Trigger = NodeTrigger.Root, Move = TeacherMove.Focus };
        step.Roots.Add(root);
        return root;
    }

    /// <summary>A follow-up question; by default the sibling tried after a wrong answer to <paramref name="parent"/>.</summary>
    public QuestionNodeModel AddChild(QuestionNodeModel parent)
    {
        var child = new QuestionNodeModel
        {
            Key = NextNodeKey(parent.Step),
            Step = parent.Step,
            Parent = parent,
            Trigger = NodeTrigger.WrongAnswer,
            Move = TeacherMove.Probing,
        };
        parent.Children.Add(child);
        return child;
    }

    /// <summary>Moves a node up (negative) or down (positive) among its siblings, with its subtree.</summary>
    public static void MoveAmongSiblings(QuestionNodeModel node, int offset) => Move(node.Siblings, node, offset);

    /// <summary>The nodes <paramref name="node"/> may be moved under: same step, not itself or below it, not its parent.</summary>
    public static IReadOnlyList<QuestionNodeModel> PossibleParents(QuestionNodeModel node)
    {
        var subtree = node.SelfAndDescendants.ToHashSet();
        return node.Step.Nodes.Where(n => !subtree.Contains(n) && n != node.Parent).ToList();
    }

    /// <summary>Makes <paramref name="node"/> (with its subtree) the last child of <paramref name="newParent"/>.</summary>
    public static void MoveUnder(QuestionNodeModel node, QuestionNodeModel newParent)
    {
        if (!PossibleParents(node).Contains(newParent))
        {
            throw new InvalidOperationException($"{node.Key} cannot be moved under {newParent.Key}.");
        }
        node.Siblings.Remove(node);
        node.Parent = newParent;
        newParent.Children.Add(node);
        if (node.Trigger == NodeTrigger.Root)
        {
            // Only a step's first question is a root; below a parent it becomes the question tried after a wrong answer.
            node.Trigger = NodeTrigger.WrongAnswer;
        }
    }

    /// <summary>Deletes the node and everything below it.</summary>
    public static void Delete(QuestionNodeModel node) => node.Siblings.Remove(node);

    private string NextNodeKey(StepModel step) => FirstFree(step.Key + ".q", Nodes.Select(n => n.Key));

    private static string FirstFree(string prefix, IEnumerable<string> taken)
    {
        var used = taken.ToHashSet(StringComparer.Ordinal);
        var number = 1;
        while (used.Contains(prefix + number))
        {
            number++;
        }
        return prefix + number;
    }

    private static void Move<T>(List<T> list, T item, int offset)
    {
        var from = list.IndexOf(item);
        var to = Math.Clamp(from + offset, 0, list.Count - 1);
        if (from < 0 || from == to)
        {
            return;
        }
        list.RemoveAt(from);
        list.Insert(to, item);
    }
}
