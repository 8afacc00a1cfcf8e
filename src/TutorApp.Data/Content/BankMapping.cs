using TutorApp.Domain.Content;
using TutorApp.Domain.Content.Bank;

namespace TutorApp.Data.Content;

/// <summary>Between the stored model (ids) and the bank format (keys and names).</summary>
public static class BankMapping
{
    /// <param name="skillNames">Every skill's name by id.</param>
    public static BankProblemVersion ToBank(ProblemVersion version, IReadOnlyDictionary<int, string> skillNames)
    {
        var steps = version.Steps.OrderBy(s => s.Position).ToList();
        var stepKeys = steps.ToDictionary(s => s.Id, s => s.Key);
        var misconceptionKeys = steps.SelectMany(s => s.Misconceptions).ToDictionary(m => m.Id, m => m.Key);
        var nodes = steps.SelectMany(s => s.Questions).ToList();
        var nodeKeys = nodes.ToDictionary(n => n.Id, n => n.Key);

        return new BankProblemVersion(
            version.Number,
            BankVocabulary.Word(version.Status),
            version.Title,
            version.StatementMarkdown,
            version.FinalAnswer,
            version.Difficulty,
            version.Source,
            version.Licence,
            [.. version.Tags],
            version.Skills.Select(s => skillNames[s.SkillId]).Order(StringComparer.Ordinal).ToList(),
            version.CreatedAt,
            version.PublishedAt,
            steps.Select(step => new BankStep(
                step.Key,
                step.Prompt,
                step.Expected,
                step.Skills.Select(s => skillNames[s.SkillId]).Order(StringComparer.Ordinal).ToList(),
                step.DependsOn.Select(d => stepKeys[d.DependsOnStepId]).Order(StringComparer.Ordinal).ToList(),
                step.Misconceptions.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => new BankMisconception(
                    m.Key, m.Description, [.. m.WrongValues], [.. m.Patterns], m.RemediationQuestion)).ToList())).ToList(),
            TreeOrder(nodes, steps).Select(node => new BankQuestionNode(
                node.Key,
                stepKeys[node.StepId],
                node.ParentId is { } parentId ? nodeKeys[parentId] : null,
                BankVocabulary.Word(node.Trigger),
                node.MisconceptionId is { } misconceptionId ? misconceptionKeys[misconceptionId] : null,
                BankVocabulary.Word(node.Move),
                node.SubMove,
                node.Text,
                node.Expected,
                [.. node.Hints])).ToList());
    }

    /// <summary>Nodes step by step, each tree depth-first in sibling order, so parents come before children.</summary>
    private static IEnumerable<QuestionNode> TreeOrder(List<QuestionNode> nodes, List<SolutionStep> steps)
    {
        var children = nodes.Where(n => n.ParentId is not null).ToLookup(n => n.ParentId!.Value);
        IEnumerable<QuestionNode> Walk(QuestionNode node) =>
            new[] { node }.Concat(children[node.Id].OrderBy(c => c.Position).SelectMany(Walk));
        return steps.SelectMany(step => nodes.Where(n => n.StepId == step.Id && n.ParentId is null).OrderBy(n => n.Position).SelectMany(Walk));
    }

    /// <summary>A new, unsaved version with its whole graph; the bank version must have passed validation.</summary>
    /// <param name="skillIds">Every skill's id by name.</param>
    public static ProblemVersion FromBank(BankProblemVersion bank, IReadOnlyDictionary<string, int> skillIds, string? authorId)
    {
        BankVocabulary.TryStatus(bank.Status, out var status);
        var version = new ProblemVersion
        {
            Number = bank.Number,
            Status = status,
            Title = bank.Title.Trim(),
            StatementMarkdown = bank.Statement,
            FinalAnswer = bank.FinalAnswer,
            Difficulty = bank.Difficulty,
            Source = bank.Source,
            Licence = bank.Licence,
            Tags = [.. bank.Tags],
            Skills = bank.Skills.Distinct().Select(name => new ProblemVersionSkill { SkillId = skillIds[name] }).ToList(),
            CreatedAt = bank.CreatedAt,
            CreatedById = authorId,
            PublishedAt = bank.PublishedAt,
        };

        var steps = new Dictionary<string, SolutionStep>(StringComparer.Ordinal);
        var misconceptions = new Dictionary<(string Step, string Key), Misconception>();
        foreach (var (bankStep, index) in bank.Steps.Select((s, i) => (s, i)))
        {
            var step = new SolutionStep
            {
                Position = index + 1,
                Key = bankStep.Key,
                Prompt = bankStep.Prompt,
                Expected = bankStep.Expected,
                Skills = bankStep.Skills.Distinct().Select(name => new StepSkill { SkillId = skillIds[name] }).ToList(),
                Misconceptions = bankStep.Misconceptions.Select(m => new Misconception
                {
                    Key = m.Key,
                    Description = m.Description,
                    WrongValues = [.. m.WrongValues],
                    Patterns = [.. m.Patterns],
                    RemediationQuestion = m.RemediationQuestion,
                }).ToList(),
            };
            foreach (var misconception in step.Misconceptions)
            {
                misconceptions[(step.Key, misconception.Key)] = misconception;
            }
            steps[step.Key] = step;
            version.Steps.Add(step);
        }
        foreach (var bankStep in bank.Steps)
        {
            steps[bankStep.Key].DependsOn = bankStep.DependsOn.Distinct()
                .Select(key => new StepDependency { DependsOnStep = steps[key] }).ToList();
        }

        var nodes = new Dictionary<string, QuestionNode>(StringComparer.Ordinal);
        foreach (var bankNode in bank.Tree)
        {
            BankVocabulary.TryTrigger(bankNode.Trigger, out var trigger);
            BankVocabulary.TryMove(bankNode.Move, out var move);
            var step = steps[bankNode.Step];
            var node = new QuestionNode
            {
                Key = bankNode.Key,
                Trigger = trigger,
                Move = move,
                SubMove = bankNode.SubMove,
                Text = bankNode.Text,
                Expected = bankNode.Expected,
                Hints = [.. bankNode.Hints],
                Misconception = bankNode.Misconception is { } key ? misconceptions[(step.Key, key)] : null,
            };
            nodes[node.Key] = node;
            step.Questions.Add(node);
        }
        // Sibling order is the order in the file; parents may be listed after their children.
        foreach (var group in bank.Tree.GroupBy(n => n.Parent ?? "\0root:" + n.Step))
        {
            var position = 0;
            foreach (var bankNode in group)
            {
                var node = nodes[bankNode.Key];
                node.Position = position++;
                node.Parent = bankNode.Parent is { } parent ? nodes[parent] : null;
            }
        }
        return version;
    }
}
