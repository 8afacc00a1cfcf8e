using System.Globalization;
using System.Text;
using TutorApp.Data.Content;

namespace TutorApp.Web.Components.Admin.Skills;

/// <param name="Label">The name, shortened with "…" when it does not fit the box (the full name goes in a tooltip).</param>
public sealed record SkillBox(int Id, string Name, string Label, int Layer, double X, double Y, double Width, double Height)
{
    public double CenterX => X + Width / 2;
    public double Bottom => Y + Height;
}

/// <summary>An arrow from a prerequisite down to a skill that needs it.</summary>
/// <param name="Points">Where it passes: out of the prerequisite's bottom, through a free slot of every layer in between
/// (entering and leaving it), into the skill's top.</param>
/// <param name="Path">The same as SVG path data, with curves between layers.</param>
public sealed record PrerequisiteArrow(int PrerequisiteId, int SkillId, IReadOnlyList<(double X, double Y)> Points, string Path);

public sealed record SkillGraphDrawing(IReadOnlyList<SkillBox> Skills, IReadOnlyList<PrerequisiteArrow> Arrows, double Width, double Height);

/// <summary>
/// Lays the prerequisite graph out in layers (a simplified Sugiyama layout): a skill without prerequisites sits in the
/// top layer, every other skill one layer below its lowest prerequisite, so every arrow points down. An arrow that
/// spans several layers gets a narrow slot of its own in each layer it crosses, so it never runs through a box.
/// Within a layer, boxes and slots are ordered by the mean position of their neighbours (a few barycentre sweeps),
/// which removes most crossings in graphs of the size authors draw. Plain C# so it is tested without a browser.
/// </summary>
public static class SkillGraphLayout
{
    public const double BoxHeight = 36;
    public const double Margin = 16;
    public const double HorizontalGap = 24;
    public const double VerticalGap = 56;
    private const double SlotWidth = 12;
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
        var layerOf = Layers(skills, prerequisites);

        // Slots for long arrows are vertices with negative ids; "above" and "below" link every vertex to its
        // neighbours in the adjacent layers, which is what the ordering looks at.
        var above = skills.ToDictionary(s => s.Id, _ => new List<int>());
        var below = skills.ToDictionary(s => s.Id, _ => new List<int>());
        var routes = new List<(int Prerequisite, int Skill, List<int> Slots)>();
        var nextSlot = -1;
        foreach (var skill in skills.OrderBy(s => s.Id))
        {
            foreach (var prerequisite in prerequisites[skill.Id].Where(p => layerOf[p] < layerOf[skill.Id]).Order())
            {
                var slots = new List<int>();
                var upper = prerequisite;
                for (var layer = layerOf[prerequisite] + 1; layer < layerOf[skill.Id]; layer++)
                {
                    var slot = nextSlot--;
                    layerOf[slot] = layer;
                    (above[slot], below[slot]) = ([upper], []);
                    below[upper].Add(slot);
                    slots.Add(slot);
                    upper = slot;
                }
                below[upper].Add(skill.Id);
                above[skill.Id].Add(upper);
                routes.Add((prerequisite, skill.Id, slots));
            }
        }

        var layers = layerOf.Keys
            .GroupBy(id => layerOf[id])
            .OrderBy(g => g.Key)
            .Select(g => g.OrderBy(id => id < 0 ? 1 : 0).ThenBy(id => id < 0 ? "" : byId[id].Name, StringComparer.OrdinalIgnoreCase).ThenBy(id => id).ToList())
            .ToList();
        OrderWithinLayers(layers, above, below);

        var boxWidth = Math.Clamp(skills.Max(s => s.Name.Length) * CharacterWidth + TextPadding, MinBoxWidth, MaxBoxWidth);
        double WidthOf(int id) => id < 0 ? SlotWidth : boxWidth;
        double RowWidth(List<int> row) => row.Sum(WidthOf) + (row.Count - 1) * HorizontalGap;
        var drawingWidth = 2 * Margin + layers.Max(RowWidth);
        var left = new Dictionary<int, double>();
        for (var layer = 0; layer < layers.Count; layer++)
        {
            var x = (drawingWidth - RowWidth(layers[layer])) / 2;
            foreach (var id in layers[layer])
            {
                left[id] = x;
                x += WidthOf(id) + HorizontalGap;
            }
        }
        double Top(int layer) => Margin + layer * (BoxHeight + VerticalGap);

        var boxes = skills.ToDictionary(s => s.Id, s => new SkillBox(s.Id, s.Name, Shorten(s.Name, boxWidth), layerOf[s.Id],
            left[s.Id], Top(layerOf[s.Id]), boxWidth, BoxHeight));
        var arrows = routes
            .Select(route =>
            {
                var from = boxes[route.Prerequisite];
                var to = boxes[route.Skill];
                var points = new List<(double X, double Y)> { (from.CenterX, from.Bottom) };
                foreach (var slot in route.Slots)
                {
                    var x = left[slot] + SlotWidth / 2;
                    points.Add((x, Top(layerOf[slot])));
                    points.Add((x, Top(layerOf[slot]) + BoxHeight));
                }
                points.Add((to.CenterX, to.Y - 2)); // room for the arrow head
                return new PrerequisiteArrow(route.Prerequisite, route.Skill, points, PathThrough(points));
            })
            .OrderBy(a => boxes[a.PrerequisiteId].Layer).ThenBy(a => boxes[a.PrerequisiteId].X).ThenBy(a => boxes[a.SkillId].X)
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
            var depth = prerequisites[id].Where(p => !onPath.Contains(p)).Select(p => Visit(p) + 1).DefaultIfEmpty(0).Max();
            onPath.Remove(id);
            layer[id] = depth;
            return depth;
        }
        foreach (var skill in skills)
        {
            Visit(skill.Id);
        }
        return layer;
    }

    private static void OrderWithinLayers(List<List<int>> layers, Dictionary<int, List<int>> above, Dictionary<int, List<int>> below)
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
            // A stable sort: vertices without neighbours on that side keep their place relative to each other.
            var ordered = layer.OrderBy(id => neighbours[id].Count == 0 ? position[id] : neighbours[id].Average(n => position[n])).ToList();
            layer.Clear();
            layer.AddRange(ordered);
            Measure(layer);
        }

        for (var sweep = 0; sweep < Sweeps; sweep++)
        {
            for (var i = 1; i < layers.Count; i++)
            {
                Reorder(layers[i], above);
            }
            for (var i = layers.Count - 2; i >= 0; i--)
            {
                Reorder(layers[i], below);
            }
        }
    }

    private static string Shorten(string name, double width)
    {
        var fits = (int)((width - TextPadding) / CharacterWidth);
        return name.Length <= fits ? name : name[..Math.Max(1, fits - 1)].TrimEnd() + "…";
    }

    /// <summary>An S-curve across each gap between layers, straight down through each layer an arrow crosses.</summary>
    private static string PathThrough(IReadOnlyList<(double X, double Y)> points)
    {
        var path = new StringBuilder();
        path.Append(CultureInfo.InvariantCulture, $"M {points[0].X:0.#} {points[0].Y:0.#}");
        for (var i = 1; i < points.Count; i++)
        {
            var (x1, y1) = points[i - 1];
            var (x2, y2) = points[i];
            if (i % 2 == 1)
            {
                var middle = (y1 + y2) / 2;
                path.Append(CultureInfo.InvariantCulture, $" C {x1:0.#} {middle:0.#}, {x2:0.#} {middle:0.#}, {x2:0.#} {y2:0.#}");
            }
            else
            {
                path.Append(CultureInfo.InvariantCulture, $" L {x2:0.#} {y2:0.#}");
            }
        }
        return path.ToString();
    }
}
