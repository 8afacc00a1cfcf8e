namespace TutorApp.Domain.Content;

/// <summary>The prerequisite relation between skills, which must stay a DAG.</summary>
public static class SkillGraph
{
    /// <summary>
    /// A cycle among the edges (skill → prerequisite), as the list of skills around it with the first repeated at
    /// the end ("A", "B", "A"), or null when there is none.
    /// </summary>
    public static IReadOnlyList<T>? FindCycle<T>(IEnumerable<(T Skill, T Prerequisite)> edges) where T : notnull
    {
        var next = new Dictionary<T, List<T>>();
        foreach (var (skill, prerequisite) in edges)
        {
            if (!next.TryGetValue(skill, out var list))
            {
                next[skill] = list = [];
            }
            list.Add(prerequisite);
        }

        var state = new Dictionary<T, bool>(); // false: on the current path; true: finished, no cycle through it
        var path = new List<T>();
        foreach (var start in next.Keys.ToList())
        {
            var cycle = Visit(start);
            if (cycle is not null)
            {
                return cycle;
            }
        }
        return null;

        // Iterative depth-first search would be longer; the skill graph is small (hundreds of skills).
        List<T>? Visit(T node)
        {
            if (state.TryGetValue(node, out var finished))
            {
                if (finished)
                {
                    return null;
                }
                var from = path.IndexOf(node);
                return [.. path.Skip(from), node];
            }
            state[node] = false;
            path.Add(node);
            foreach (var prerequisite in next.GetValueOrDefault(node) ?? [])
            {
                var cycle = Visit(prerequisite);
                if (cycle is not null)
                {
                    return cycle;
                }
            }
            path.RemoveAt(path.Count - 1);
            state[node] = true;
            return null;
        }
    }

    public static string Describe<T>(IReadOnlyList<T> cycle) where T : notnull => string.Join(" → ", cycle);
}
