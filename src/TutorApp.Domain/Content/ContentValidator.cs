using System.Globalization;
using System.Text.RegularExpressions;
using TutorApp.Domain.Content.Bank;

namespace TutorApp.Domain.Content;

/// <summary>
/// Checks one problem version before it is published or imported. Structural errors (a step without an expected
/// answer, an orphan node, a step no question reaches, a dependency cycle...) block; pedagogical warnings (a
/// question or non-bottom-out hint that gives away an answer, a step with no remediation) are shown to the author.
/// </summary>
public static partial class ContentValidator
{
    public static IReadOnlyList<ContentIssue> Validate(BankProblemVersion version, ISet<string> knownSkills)
    {
        var issues = new List<ContentIssue>();
        void Error(string path, string message) => issues.Add(ContentIssue.Error(path, message));
        void Warning(string path, string message) => issues.Add(ContentIssue.Warning(path, message));
        void Reference(string path, string message) => issues.Add(ContentIssue.Reference(path, message));

        if (string.IsNullOrWhiteSpace(version.Title))
        {
            Error("title", "required");
        }
        else if (version.Title.Length > 300)
        {
            Error("title", "at most 300 characters");
        }
        if (string.IsNullOrWhiteSpace(version.Statement))
        {
            Error("statement", "required");
        }
        if (!BankVocabulary.TryStatus(version.Status, out _))
        {
            Error("status", $"\"{version.Status}\" is not one of {BankVocabulary.Allowed<VersionStatus>()}");
        }
        if (version.Difficulty is < 1 or > 5)
        {
            Error("difficulty", $"{version.Difficulty} is not between 1 and 5");
        }
        CheckSpec(version.FinalAnswer, "finalAnswer", Error);
        CheckSkills(version.Skills, "skills", knownSkills, Reference);

        if (version.Steps.Count == 0)
        {
            Error("steps", "a problem needs at least one step");
        }

        var stepKeys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < version.Steps.Count; i++)
        {
            var step = version.Steps[i];
            var path = $"steps[{i}]";
            if (string.IsNullOrWhiteSpace(step.Key))
            {
                Reference($"{path}.key", "required");
            }
            else if (!stepKeys.Add(step.Key))
            {
                Reference($"{path}.key", $"\"{step.Key}\" is used by another step");
            }
            if (string.IsNullOrWhiteSpace(step.Prompt))
            {
                Error($"{path}.prompt", "required");
            }
            if (step.Expected is null)
            {
                Error($"{path}.expected", "the step has no expected answer");
            }
            else
            {
                CheckSpec(step.Expected, $"{path}.expected", Error);
            }
            CheckSkills(step.Skills, $"{path}.skills", knownSkills, Reference);
            if (step.Skills.Count == 0)
            {
                Error($"{path}.skills", "a step needs at least one skill (attempts are recorded per skill for knowledge tracing)");
            }

            var misconceptionKeys = new HashSet<string>(StringComparer.Ordinal);
            for (var m = 0; m < step.Misconceptions.Count; m++)
            {
                var misconception = step.Misconceptions[m];
                var mPath = $"{path}.misconceptions[{m}]";
                if (string.IsNullOrWhiteSpace(misconception.Key) || !misconceptionKeys.Add(misconception.Key))
                {
                    Reference($"{mPath}.key", string.IsNullOrWhiteSpace(misconception.Key) ? "required" : $"\"{misconception.Key}\" is used twice in this step");
                }
                if (string.IsNullOrWhiteSpace(misconception.Description))
                {
                    Error($"{mPath}.description", "required");
                }
                if (string.IsNullOrWhiteSpace(misconception.RemediationQuestion))
                {
                    Error($"{mPath}.remediationQuestion", "required");
                }
                for (var p = 0; p < misconception.Patterns.Count; p++)
                {
                    if (!IsValidPattern(misconception.Patterns[p]))
                    {
                        Error($"{mPath}.patterns[{p}]", "not a valid regular expression");
                    }
                }
            }
        }

        for (var i = 0; i < version.Steps.Count; i++)
        {
            for (var d = 0; d < version.Steps[i].DependsOn.Count; d++)
            {
                var dependency = version.Steps[i].DependsOn[d];
                if (!stepKeys.Contains(dependency))
                {
                    Reference($"steps[{i}].dependsOn[{d}]", $"no step has the key \"{dependency}\"");
                }
            }
        }
        var dependencyCycle = SkillGraph.FindCycle(version.Steps.SelectMany(s => s.DependsOn.Select(d => (s.Key, d))));
        if (dependencyCycle is not null)
        {
            Error("steps", $"the steps depend on each other in a cycle: {SkillGraph.Describe(dependencyCycle)}");
        }

        CheckTree(version, stepKeys, Error, Reference, Warning);
        CheckGiveaways(version, Warning);
        return issues;
    }

    private static void CheckTree(BankProblemVersion version, HashSet<string> stepKeys,
        Action<string, string> error, Action<string, string> reference, Action<string, string> warning)
    {
        var nodes = new Dictionary<string, BankQuestionNode>(StringComparer.Ordinal);
        for (var i = 0; i < version.Tree.Count; i++)
        {
            var node = version.Tree[i];
            var path = $"tree[{i}]";
            if (string.IsNullOrWhiteSpace(node.Key))
            {
                reference($"{path}.key", "required");
            }
            else if (!nodes.TryAdd(node.Key, node))
            {
                reference($"{path}.key", $"\"{node.Key}\" is used by another node");
            }
            if (!stepKeys.Contains(node.Step))
            {
                reference($"{path}.step", $"the node points to step \"{node.Step}\", which does not exist");
            }
            if (!BankVocabulary.TryTrigger(node.Trigger, out var trigger))
            {
                error($"{path}.trigger", $"\"{node.Trigger}\" is not one of {BankVocabulary.Allowed<NodeTrigger>()}");
            }
            if (!BankVocabulary.TryMove(node.Move, out _))
            {
                error($"{path}.move", $"\"{node.Move}\" is not one of {BankVocabulary.Allowed<TeacherMove>()}");
            }
            if (string.IsNullOrWhiteSpace(node.Text))
            {
                error($"{path}.text", "required");
            }
            if (node.Expected is not null)
            {
                CheckSpec(node.Expected, $"{path}.expected", error);
            }
            if ((trigger == NodeTrigger.Root) != (node.Parent is null))
            {
                error($"{path}.parent", trigger == NodeTrigger.Root ? "a root node has no parent" : "only a root node may have no parent");
            }
            if (trigger == NodeTrigger.Misconception)
            {
                var step = version.Steps.FirstOrDefault(s => s.Key == node.Step);
                if (node.Misconception is null || step is null || step.Misconceptions.All(m => m.Key != node.Misconception))
                {
                    reference($"{path}.misconception", $"names no misconception of step \"{node.Step}\"");
                }
            }
            CheckHints(node.Hints, $"{path}.hints", error);
        }

        for (var i = 0; i < version.Tree.Count; i++)
        {
            var node = version.Tree[i];
            if (node.Parent is null)
            {
                continue;
            }
            if (!nodes.TryGetValue(node.Parent, out var parent))
            {
                reference($"tree[{i}].parent", $"orphan node: its parent \"{node.Parent}\" does not exist");
            }
            else if (parent.Step != node.Step)
            {
                reference($"tree[{i}].parent", $"its parent \"{node.Parent}\" belongs to another step");
            }
        }
        var parentCycle = SkillGraph.FindCycle(version.Tree.Where(n => n.Parent is not null).Select(n => (n.Key, n.Parent!)));
        if (parentCycle is not null)
        {
            reference("tree", $"the nodes are their own ancestors: {SkillGraph.Describe(parentCycle)}");
        }

        for (var i = 0; i < version.Steps.Count; i++)
        {
            var step = version.Steps[i];
            var roots = version.Tree.Count(n => n.Step == step.Key && n.Parent is null);
            if (roots == 0)
            {
                error($"steps[{i}]", $"unreachable step \"{step.Key}\": no question tree leads to it (it has no root question)");
            }
            else if (roots > 1)
            {
                error($"steps[{i}]", $"step \"{step.Key}\" has {roots} root questions; it needs exactly one");
            }
            var hasRemediation = step.Misconceptions.Count > 0 ||
                version.Tree.Any(n => n.Step == step.Key && n.Trigger is "wrong-answer" or "misconception");
            if (!hasRemediation)
            {
                warning($"steps[{i}]", $"step \"{step.Key}\" has no remediation: no misconception and no question for a wrong answer");
            }
        }
    }

    private static void CheckHints(IReadOnlyList<Hint> hints, string path, Action<string, string> error)
    {
        for (var h = 0; h < hints.Count; h++)
        {
            if (hints[h].Level != h + 1)
            {
                error($"{path}[{h}].level", $"levels must count 1, 2, 3... in order; found {hints[h].Level} at position {h + 1}");
            }
            if (string.IsNullOrWhiteSpace(hints[h].Text))
            {
                error($"{path}[{h}].text", "required");
            }
            if (hints[h].IsBottomOut && h != hints.Count - 1)
            {
                error($"{path}[{h}].isBottomOut", "only the last level may be the bottom-out hint");
            }
        }
    }

    /// <summary>Warns where text the student sees before solving contains the final answer or a step's expected value.</summary>
    private static void CheckGiveaways(BankProblemVersion version, Action<string, string> warning)
    {
        var finalNumbers = version.FinalAnswer?.RevealingNumbers() ?? [];
        var stepNumbers = version.Steps.ToDictionary(s => s.Key, s => s.Expected?.RevealingNumbers() ?? [], StringComparer.Ordinal);

        for (var i = 0; i < version.Steps.Count; i++)
        {
            var own = stepNumbers[version.Steps[i].Key];
            if (Reveals(version.Steps[i].Prompt, own.Concat(finalNumbers), out var number))
            {
                warning($"steps[{i}].prompt", $"contains {number}, an answer the student should produce");
            }
        }

        for (var i = 0; i < version.Tree.Count; i++)
        {
            var node = version.Tree[i];
            var revealing = stepNumbers.GetValueOrDefault(node.Step, []).Concat(finalNumbers).ToList();
            if (node.Move != "telling" && Reveals(node.Text, revealing, out var number))
            {
                warning($"tree[{i}].text", $"the question contains {number}, an answer the student should produce");
            }
            for (var h = 0; h < node.Hints.Count; h++)
            {
                if (!node.Hints[h].IsBottomOut && Reveals(node.Hints[h].Text, revealing, out number))
                {
                    warning($"tree[{i}].hints[{h}]", $"a hint that is not the bottom-out hint contains {number}, an answer");
                }
            }
        }
    }

    private static bool Reveals(string? text, IEnumerable<decimal> answers, out decimal found)
    {
        found = 0;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        var wanted = answers.ToHashSet();
        foreach (Match match in NumberInText().Matches(text))
        {
            if (decimal.TryParse(match.Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
                && wanted.Contains(value))
            {
                found = value;
                return true;
            }
        }
        return false;
    }

    private static void CheckSpec(Answers.AnswerSpec? spec, string path, Action<string, string> error)
    {
        if (spec is null)
        {
            error(path, "required");
            return;
        }
        foreach (var problem in spec.Validate())
        {
            error(path, problem);
        }
    }

    private static void CheckSkills(IReadOnlyList<string> skills, string path, ISet<string> knownSkills, Action<string, string> error)
    {
        for (var s = 0; s < skills.Count; s++)
        {
            if (!knownSkills.Contains(skills[s]))
            {
                error($"{path}[{s}]", $"unknown skill \"{skills[s]}\"");
            }
        }
    }

    private static bool IsValidPattern(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.IgnoreCase, TimeSpan.FromMilliseconds(100));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"(?<![\d.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\d.,])\d+(?:\.\d+)?")]
    private static partial Regex NumberInText();
}
