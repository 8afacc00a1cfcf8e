using System.Text.Json;

namespace TutorApp.KnowledgeTracing;

/// <summary>
/// The prerequisite graph a PSI-KT export writes beside its card (<c>graph</c>): for each skill id its strongest learned
/// prerequisites as [prerequisite id, p(prerequisite -> skill)].
/// </summary>
internal static class LearnedGraph
{
    public static IReadOnlyList<Domain.Mastery.LearnedPrerequisite> Read(ModelCard card)
    {
        if (card.Graph is null)
        {
            return [];
        }
        var path = Path.Combine(card.Directory, card.Graph);
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var edges = new List<Domain.Mastery.LearnedPrerequisite>();
            foreach (var skill in document.RootElement.GetProperty("prerequisites").EnumerateObject())
            {
                var skillId = int.Parse(skill.Name, System.Globalization.CultureInfo.InvariantCulture);
                foreach (var edge in skill.Value.EnumerateArray())
                {
                    var prerequisiteId = edge[0].GetInt32();
                    if (prerequisiteId != skillId)
                    {
                        edges.Add(new(skillId, prerequisiteId, edge[1].GetDouble()));
                    }
                }
            }
            return edges;
        }
        catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException or FormatException or InvalidOperationException or IndexOutOfRangeException)
        {
            throw new ModelCardException($"prerequisite graph {path} of model {card.Name} is not readable: {e.Message}", e);
        }
    }
}
