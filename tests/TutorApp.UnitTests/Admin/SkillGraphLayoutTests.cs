using TutorApp.Data.Content;
using TutorApp.Web.Components.Admin.Skills;

namespace TutorApp.UnitTests.Admin;

public sealed class SkillGraphLayoutTests
{
    private static SkillNode Skill(int id, string name, params int[] prerequisites) => new(id, name, "", null, prerequisites);

    [Fact]
    public void Prerequisites_sit_in_layers_above_the_skills_that_need_them()
    {
        // Counting ← Addition ← Multiplication ← Division, and Division also needs Subtraction (which needs Counting).
        var drawing = SkillGraphLayout.Lay(
        [
            Skill(1, "Counting"), Skill(2, "Addition", 1), Skill(3, "Multiplication", 2), Skill(4, "Division", 3, 5), Skill(5, "Subtraction", 1),
        ]);

        var boxes = drawing.Skills.ToDictionary(b => b.Id);
        Assert.Equal(0, boxes[1].Layer);
        Assert.Equal(1, boxes[2].Layer);
        Assert.Equal(1, boxes[5].Layer);
        Assert.Equal(2, boxes[3].Layer);
        Assert.Equal(3, boxes[4].Layer); // one below its lowest prerequisite, not its highest
        foreach (var arrow in drawing.Arrows)
        {
            Assert.True(boxes[arrow.PrerequisiteId].Bottom < boxes[arrow.SkillId].Y, $"{arrow.PrerequisiteId} → {arrow.SkillId} must point down");
        }
    }

    [Fact]
    public void There_is_one_arrow_per_prerequisite_from_the_prerequisite_to_the_skill()
    {
        var drawing = SkillGraphLayout.Lay([Skill(1, "A"), Skill(2, "B", 1), Skill(3, "C", 1, 2)]);

        Assert.Equal([(1, 2), (1, 3), (2, 3)], drawing.Arrows.Select(a => (a.PrerequisiteId, a.SkillId)).Order());
        var boxes = drawing.Skills.ToDictionary(b => b.Id);
        var arrow = drawing.Arrows.Single(a => a.PrerequisiteId == 1 && a.SkillId == 2);
        // Starts at the bottom middle of A and ends just above the top middle of B.
        Assert.StartsWith(FormattableString.Invariant($"M {boxes[1].CenterX:0.#} {boxes[1].Bottom:0.#} "), arrow.Path);
        Assert.EndsWith(FormattableString.Invariant($"{boxes[2].CenterX:0.#} {boxes[2].Y - 2:0.#}"), arrow.Path);
    }

    [Fact]
    public void An_arrow_across_several_layers_passes_beside_the_boxes_in_between()
    {
        // A is needed by B (one layer down) and by D (three layers down); B, C, D form a chain, so the A → D arrow
        // crosses the layers of B and C.
        var drawing = SkillGraphLayout.Lay([Skill(1, "A"), Skill(2, "B", 1), Skill(3, "C", 2), Skill(4, "D", 3, 1), Skill(5, "E", 1), Skill(6, "F", 5)]);

        var boxes = drawing.Skills.ToDictionary(b => b.Id);
        var longArrow = drawing.Arrows.Single(a => a.PrerequisiteId == 1 && a.SkillId == 4);
        Assert.Equal(2 + 2 * 2, longArrow.Points.Count); // out of A, in and out of two layers, into D
        foreach (var (x, y) in longArrow.Points.Skip(1).SkipLast(1))
        {
            Assert.DoesNotContain(drawing.Skills, b => b.Y <= y && y <= b.Bottom && b.X <= x && x <= b.X + b.Width);
        }
        Assert.Equal((boxes[1].CenterX, boxes[1].Bottom), longArrow.Points[0]);
        Assert.Equal((boxes[4].CenterX, boxes[4].Y - 2), longArrow.Points[^1]);
        Assert.Equal(6, longArrow.Path.Split(' ').Count(p => p is "M" or "C" or "L")); // M, then C, L, C, L, C
    }

    [Fact]
    public void Boxes_in_a_layer_do_not_overlap_and_fit_in_the_drawing()
    {
        var skills = Enumerable.Range(1, 7).Select(i => Skill(i, $"Skill number {i}")).Append(Skill(8, "Top", 1, 2, 3, 4, 5, 6, 7)).ToList();

        var drawing = SkillGraphLayout.Lay(skills);

        foreach (var layer in drawing.Skills.GroupBy(b => b.Layer))
        {
            var row = layer.OrderBy(b => b.X).ToList();
            Assert.All(row, b => Assert.Equal(row[0].Y, b.Y));
            for (var i = 1; i < row.Count; i++)
            {
                Assert.True(row[i - 1].X + row[i - 1].Width < row[i].X);
            }
        }
        Assert.All(drawing.Skills, b => Assert.True(b.X >= 0 && b.X + b.Width <= drawing.Width && b.Bottom <= drawing.Height));
    }

    [Fact]
    public void Ordering_within_layers_removes_avoidable_crossings()
    {
        // Alphabetically the lower layer would read "A needs Z", "B needs Y": crossing arrows. Reordered, they are parallel.
        var drawing = SkillGraphLayout.Lay([Skill(1, "Y"), Skill(2, "Z"), Skill(3, "A", 2), Skill(4, "B", 1)]);

        var x = drawing.Skills.ToDictionary(b => b.Name, b => b.X);
        Assert.Equal(x["Y"] < x["Z"], x["B"] < x["A"]);
    }

    [Fact]
    public void Long_names_are_shortened_for_the_box_but_kept_whole()
    {
        var name = "Solving systems of linear equations by elimination and substitution";
        var box = SkillGraphLayout.Lay([Skill(1, name)]).Skills.Single();

        Assert.Equal(name, box.Name);
        Assert.EndsWith("…", box.Label);
        Assert.True(box.Label.Length < name.Length);
    }

    [Fact]
    public void A_cycle_that_slipped_in_does_not_hang_the_layout()
    {
        var drawing = SkillGraphLayout.Lay([Skill(1, "A", 2), Skill(2, "B", 1), Skill(3, "C", 99)]);

        Assert.Equal(3, drawing.Skills.Count);
        Assert.Single(drawing.Arrows); // the edge that closes the cycle is not drawn; the edge to an unknown skill neither
    }

    [Fact]
    public void An_empty_catalogue_gives_an_empty_drawing()
    {
        var drawing = SkillGraphLayout.Lay([]);

        Assert.Empty(drawing.Skills);
        Assert.Empty(drawing.Arrows);
    }
}
