using System.Text.RegularExpressions;
using TutorApp.Domain.Content;
using TutorApp.Domain.Content.Bank;

namespace TutorApp.Web.Components.Admin.Editor;

/// <summary>
/// Where a validation issue is, in the author's words: <c>steps[1].misconceptions[0].remediationQuestion</c> becomes
/// "Step 2 (s2) › misconception m1 › remediation question". Indexes are resolved against the content that was
/// validated, so a question is named by its key, which is what the tree shows.
/// </summary>
public static partial class IssueLocation
{
    public static string Describe(string path, BankProblemVersion content)
    {
        var parts = new List<string>();
        BankStep? step = null;
        var previous = "";
        foreach (Match segment in Segment().Matches(path))
        {
            var name = segment.Groups["name"].Value;
            int? index = segment.Groups["index"].Success ? int.Parse(segment.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
            parts.Add(Describe(name, index, previous, content, ref step));
            previous = name;
        }
        var described = string.Join(" › ", parts);
        return described.Length == 0 ? "Problem" : char.ToUpperInvariant(described[0]) + described[1..];
    }

    /// <summary>The key of the question node a path points into (<c>tree[3]...</c>), so the editor can select it.</summary>
    public static string? NodeKey(string path, BankProblemVersion content)
    {
        var match = TreeIndex().Match(path);
        return match.Success && int.TryParse(match.Groups[1].Value, out var index) && index < content.Tree.Count
            ? content.Tree[index].Key
            : null;
    }

    /// <summary>The key of the step a path points into (<c>steps[1]...</c>), or of the step of the node it points into.</summary>
    public static string? StepKey(string path, BankProblemVersion content)
    {
        var match = StepIndex().Match(path);
        if (match.Success && int.TryParse(match.Groups[1].Value, out var index) && index < content.Steps.Count)
        {
            return content.Steps[index].Key;
        }
        return NodeKey(path, content) is { } node ? content.Tree.First(n => n.Key == node).Step : null;
    }

    private static string Describe(string name, int? index, string previous, BankProblemVersion content, ref BankStep? step)
    {
        switch (name)
        {
            case "steps" when index is { } i:
                step = i < content.Steps.Count ? content.Steps[i] : null;
                return step is null ? $"step {i + 1}" : $"step {i + 1} ({step.Key})";
            case "tree" when index is { } i:
                if (i >= content.Tree.Count)
                {
                    return $"question {i + 1}";
                }
                var node = content.Tree[i];
                step = content.Steps.FirstOrDefault(s => s.Key == node.Step);
                return $"question {node.Key} (step {node.Step})";
            case "misconceptions" when index is { } i:
                return step is not null && i < step.Misconceptions.Count ? $"misconception {step.Misconceptions[i].Key}" : $"misconception {i + 1}";
            case "hints" when index is { } i:
                return $"hint level {i + 1}";
            case "skills" when index is { } i:
                var skills = step?.Skills ?? content.Skills;
                return i < skills.Count ? $"skill \"{skills[i]}\"" : $"skill {i + 1}";
            case "dependsOn" when index is { } i:
                return step is not null && i < step.DependsOn.Count ? $"dependency on {step.DependsOn[i]}" : $"dependency {i + 1}";
            case "patterns" when index is { } i:
                return $"pattern {i + 1}";
            case "steps":
                return "steps";
            case "tree":
                return "question trees";
            case "text" when previous == "hints":
                return "text";
        }
        var words = FieldWords.GetValueOrDefault(name, name);
        return index is { } position ? $"{words} {position + 1}" : words;
    }

    private static readonly Dictionary<string, string> FieldWords = new(StringComparer.Ordinal)
    {
        ["title"] = "title",
        ["statement"] = "statement",
        ["finalAnswer"] = "final answer",
        ["difficulty"] = "difficulty",
        ["status"] = "status",
        ["skills"] = "skills",
        ["key"] = "key",
        ["prompt"] = "prompt",
        ["expected"] = "expected answer",
        ["description"] = "description",
        ["remediationQuestion"] = "remediation question",
        ["parent"] = "parent",
        ["trigger"] = "trigger",
        ["misconception"] = "misconception",
        ["move"] = "teacher move",
        ["text"] = "question text",
        ["level"] = "level",
        ["isBottomOut"] = "bottom-out mark",
    };

    [GeneratedRegex(@"(?<name>[A-Za-z]+)(?:\[(?<index>\d+)\])?")]
    private static partial Regex Segment();

    [GeneratedRegex(@"^tree\[(\d+)\]")]
    private static partial Regex TreeIndex();

    [GeneratedRegex(@"^steps\[(\d+)\]")]
    private static partial Regex StepIndex();
}
