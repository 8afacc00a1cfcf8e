namespace TutorApp.Domain.Content.Bank;

/// <summary>Checks a whole bank document: its skills (names, parents, a prerequisite DAG) and every problem version.</summary>
public static class BankValidator
{
    /// <param name="existingSkills">Skills already in the database, which the document may refer to without defining.</param>
    /// <param name="existingPrerequisites">Prerequisite edges already in the database, so a cycle through them is found too.</param>
    public static IReadOnlyList<ContentIssue> Validate(
        BankDocument document,
        IReadOnlySet<string>? existingSkills = null,
        IEnumerable<(string Skill, string Prerequisite)>? existingPrerequisites = null)
    {
        var issues = new List<ContentIssue>();
        if (document.Format != BankDocument.FormatName)
        {
            issues.Add(ContentIssue.Error("format", $"expected \"{BankDocument.FormatName}\", found \"{document.Format}\""));
        }
        if (document.FormatVersion != BankDocument.CurrentFormatVersion)
        {
            issues.Add(ContentIssue.Error("formatVersion", $"this version of TutorApp reads format version {BankDocument.CurrentFormatVersion}, not {document.FormatVersion}"));
        }

        var known = new HashSet<string>(existingSkills ?? new HashSet<string>(), StringComparer.Ordinal);
        for (var i = 0; i < document.Skills.Count; i++)
        {
            var name = document.Skills[i].Name;
            if (string.IsNullOrWhiteSpace(name))
            {
                issues.Add(ContentIssue.Error($"skills[{i}].name", "required"));
            }
            else if (name.Length > 200)
            {
                issues.Add(ContentIssue.Error($"skills[{i}].name", "at most 200 characters"));
            }
            else if (document.Skills.Take(i).Any(s => s.Name == name))
            {
                issues.Add(ContentIssue.Error($"skills[{i}].name", $"\"{name}\" is defined twice"));
            }
            known.Add(name ?? "");
        }
        for (var i = 0; i < document.Skills.Count; i++)
        {
            var skill = document.Skills[i];
            if (skill.Parent is not null && !known.Contains(skill.Parent))
            {
                issues.Add(ContentIssue.Error($"skills[{i}].parent", $"unknown skill \"{skill.Parent}\""));
            }
            for (var p = 0; p < skill.Prerequisites.Count; p++)
            {
                if (!known.Contains(skill.Prerequisites[p]))
                {
                    issues.Add(ContentIssue.Error($"skills[{i}].prerequisites[{p}]", $"unknown skill \"{skill.Prerequisites[p]}\""));
                }
            }
        }
        var edges = document.Skills.SelectMany(s => s.Prerequisites.Select(p => (s.Name, p)))
            .Concat(existingPrerequisites ?? []);
        var cycle = SkillGraph.FindCycle(edges);
        if (cycle is not null)
        {
            issues.Add(ContentIssue.Error("skills", $"the prerequisites form a cycle: {SkillGraph.Describe(cycle)}"));
        }
        var parentCycle = SkillGraph.FindCycle(document.Skills.Where(s => s.Parent is not null).Select(s => (s.Name, s.Parent!)));
        if (parentCycle is not null)
        {
            issues.Add(ContentIssue.Error("skills", $"the parent links form a cycle: {SkillGraph.Describe(parentCycle)}"));
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < document.Problems.Count; i++)
        {
            var problem = document.Problems[i];
            var path = $"problems[{i}]";
            if (string.IsNullOrWhiteSpace(problem.Key) || problem.Key.Length > 100)
            {
                issues.Add(ContentIssue.Error($"{path}.key", "required, at most 100 characters"));
            }
            else if (!keys.Add(problem.Key))
            {
                issues.Add(ContentIssue.Error($"{path}.key", $"\"{problem.Key}\" is used by another problem"));
            }
            if (problem.Versions.Count == 0)
            {
                issues.Add(ContentIssue.Error($"{path}.versions", "a problem needs at least one version"));
            }
            for (var v = 0; v < problem.Versions.Count; v++)
            {
                var version = problem.Versions[v];
                if (version.Number != v + 1)
                {
                    issues.Add(ContentIssue.Error($"{path}.versions[{v}].number", $"versions must be numbered 1, 2, 3... in order; found {version.Number}"));
                }
                issues.AddRange(ContentValidator.Validate(version, known)
                    .Select(issue => issue with { Path = $"{path}.versions[{v}].{issue.Path}" }));
            }
            if (problem.Versions.Count(v => v.Status == "published") > 1)
            {
                issues.Add(ContentIssue.Error($"{path}.versions", "at most one version may be published"));
            }
        }
        return issues;
    }
}
