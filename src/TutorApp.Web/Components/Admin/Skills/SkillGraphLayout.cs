using System.Globalization;
using TutorApp.Data.Content;

namespace TutorApp.Web.Components.Admin.Skills;

/// <param name="Label">The name, shortened with "…" when it does not fit the box (the full name goes in a tooltip).</param>
public sealed record SkillBox(int Id, string Name, string Label, int Layer, double X, double Y, double Width, double Height)
{
    public double CenterX => X + Width / 2;
    public double Bottom => Y + Height;
}

/// <summary>An arrow from a prerequisite down to a skill that needs it; <see cref="Path"/> is SVG path data.</summary>
public sealed record PrerequisiteArrow(int PrerequisiteId, int SkillId, string Path);

public sealed record SkillGraphDrawing(IReadOnlyList<SkillBox> Skills, IReadOnlyList<PrerequisiteArrow> Arrows, double Width, double Height);

/// <summary>
/// Lays the prerequisite graph out in layers (Sugiyama style, simplified): a skill without prerequisites sits in the top
/// layer, every other skill one layer below its lowest prerequisite, so every arrow points down. Within a layer, skills
/// are ordered by the mean position of their neighbours (a few barycentre sweeps), which removes most crossings in
/// graphs of the size authors draw. Plain C# so it is tested without a browser.
/// </summary>
public static class SkillGraphLayout
{
    public const double BoxHeight = 36;
    public const double Margin = 16;
    public const double HorizontalGap = 24;
    public const double VerticalGap = 56;
    private const double CharacterWidth = 7.2; // average width of a 13px system-ui character
    private const double TextPadding = 24;
    private const double MinBoxWidth = 110;
    private const double MaxBoxWidth = 220;
    private const int Sweeps = 4;

    public static SkillGraphDrawing Lay(IReadOnlyList<SkillNode> skills)
    {
        if (skills.Count == 0)
        {
            return new SkillGraphDrawing([], [], 2 * Margin, 2 * Margin);
        }
        var byId = skills.ToDictionary(s => s.Id);
        // Edges to skills that are not in the list (never the case for the catalogue's own list) are left out.
        var prerequisites = skills.ToDictionary(s => s.Id, s => s.PrerequisiteIds.Where(byId.ContainsKey).Distinct().ToList());
        var dependents = skills.ToDictionary(s => s.Id, _ => new List<int>());
        foreach (var (skill, list) in prerequisites)
        {
            foreach (var prerequisite in list)
            {
                dependents[prerequisite].Add(skill);
            }
        }

        var layerOf = Layers(skills, prerequisites);
        var layers = skills
            .GroupBy(s => layerOf[s.Id])
            .OrderBy(g => g.Key)
            .Select(g => g.OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase).Select(s => s.Id).ToList())
            .ToList();
        OrderWithinLayers(layers, prerequisites, dependents);

        var width = Math.Clamp(skills.Max(s => s.Name.Length) * CharacterWidth + TextPadding, MinBoxWidth, MaxBoxWidth);
        var widest = layers.Max(l => l.Count);
        var drawingWidth = 2 * Margin + widest * width + (widest - 1) * HorizontalGap;
        var boxes = new Dictionary<int, SkillBox>();
        for (var layer = 0; layer < layers.Count; layer++)
        {
            var row = layers[layer];
            var rowWidth = row.Count * width + (row.Count - 1) * HorizontalGap;
            var left = (drawingWidth - rowWidth) / 2;
            for (var position = 0; position < row.Count; position++)
            {
                var skill = byId[row[position]];
                boxes[skill.Id] = new SkillBox(skill.Id, skill.Name, Shorten(skill.Name, width), layer,
                    left + position * (width + HorizontalGap), Margin + layer * (BoxHeight + VerticalGap), width, BoxHeight);
            }
        }

        var arrows = skills
            .SelectMany(s => prerequisites[s.Id].Select(p => (Skill: boxes[s.Id], Prerequisite: boxes[p])))
            .Where(e => e.Prerequisite.Layer < e.Skill.Layer)
            .OrderBy(e => e.Prerequisite.Layer).ThenBy(e => e.Prerequisite.X).ThenBy(e => e.Skill.X)
            .Select(e => new PrerequisiteArrow(e.Prerequisite.Id, e.Skill.Id, Curve(e.Prerequisite, e.Skill)))
            .ToList();
        var drawingHeight = 2 * Margin + layers.Count * BoxHeight + (layers.Count - 1) * VerticalGap;
        return new SkillGraphDrawing(skills.Select(s => boxes[s.Id]).ToList(), arrows, drawingWidth, drawingHeight);
    }

    /// <summary>Longest path from a skill without prerequisites. The catalogue keeps the graph acyclic; should a cycle
    /// slip in anyway, the edge that closes it is ignored rather than looping.</summary>
    private static Dictionary<int, int> Layers(IReadOnlyList<SkillNode> skills, Dictionary<int, List<int>> prerequisites)
    {
        var layer = new Dictionary<int, int>();
        var onPath = new HashSet<int>();
        int Visit(int id)
        {
            if (layer.TryGetValue(id, out var known))
            {
                return known;
            }
            onPath.Add(id);
            var below = prerequisites[id].Where(p => !onPath.Contains(p)).Select(p => Visit(p) + 1).DefaultIfEmpty(0).Max();
            onPath.Remove(id);
            layer[id] = below;
            return below;
        }
        foreach (var skill in skills)
        {
            Visit(skill.Id);
        }
        return layer;
    }

    private static void OrderWithinLayers(List<List<int>> layers, Dictionary<int, List<int>> prerequisites, Dictionary<int, List<int>> dependents)
    {
        // Positions are centred per layer, so a narrow layer's middle lines up with a wide layer's middle.
        var position = new Dictionary<int, double>();
        void Measure(List<int> layer)
        {
            for (var i = 0; i < layer.Count; i++)
            {
                position[layer[i]] = i - (layer.Count - 1) / 2.0;
            }
        }
        layers.ForEach(Measure);

        void Reorder(List<int> layer, Dictionary<int, List<int>> neighbours)
        {
            // A stable sort: skills without neighbours on that side keep their place relative to each other.
            var ordered = layer.OrderBy(id => neighbours[id].Count == 0 ? position[id] : neighbours[id].Average(n => position[n])).ToList();
            layer.Clear();
            layer.AddRange(ordered);
            Measure(layer);
        }

        for (var sweep = 0; sweep < Sweeps; sweep++)
        {
            for (var i = 1; i < layers.Count; i++)
            {
                Reorder(layers[i], prerequisites);
            }
            for (var i = layers.Count - 2; i >= 0; i--)
            {
                Reorder(layers[i], dependents);
            }
        }
    }

    private static string Shorten(string name, double width)
    {
        var fits = (int)((width - TextPadding) / CharacterWidth);
        return name.Length <= fits ? name : name[..Math.Max(1, fits - 1)].TrimEnd() + "…";
    }

    /// <summary>From the bottom middle of the prerequisite to the top middle of the skill, leaving room for the arrow head.</summary>
    private static string Curve(SkillBox from, SkillBox to)
    {
        var (x1, y1, x2, y2) = (from.CenterX, from.Bottom, to.CenterX, to.Y - 2);
        var middle = (y1 + y2) / 2;
        return string.Create(CultureInfo.InvariantCulture, $"M {x1:0.#} {y1:0.#} C {x1:0.#} {middle:0.#}, {x2:0.#} {middle:0.#}, {x2:0.#} {y2:0.#}");
    }
}
