using TutorApp.Data.Dashboard;
using TutorApp.Web.Classes;

namespace TutorApp.UnitTests.Classes;

public sealed class HeatmapViewTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static ClassHeatmap Sample() => new(1,
        [new HeatmapStudent("a", "Ada"), new HeatmapStudent("b", "Bo"), new HeatmapStudent("c", "Cy")],
        [new HeatmapSkill(1, "Fractions", "Number"), new HeatmapSkill(2, "Angles", "Geometry")],
        [
            new HeatmapCell("a", 1, 0.9, null, 5, 5, At), new HeatmapCell("a", 2, 0.1, null, 5, 1, At),
            new HeatmapCell("b", 1, 0.3, null, 5, 2, At),
        ]);

    [Fact]
    public void Filters_skills_by_group_and_students_to_those_at_risk()
    {
        var view = new HeatmapView(Sample()) { Group = "Geometry", AtRiskOnly = true, AtRiskStudentIds = new HashSet<string> { "b" } };

        Assert.Equal(["Angles"], view.Skills.Select(s => s.Name));
        Assert.Equal(["Bo"], view.Students.Select(s => s.Name));
        Assert.Equal(["Geometry", "Number"], view.Groups);
    }

    [Fact]
    public void Sorts_by_mean_mastery_over_the_shown_skills_and_by_one_skill_with_unpractised_students_last()
    {
        var view = new HeatmapView(Sample()) { Sort = HeatmapSort.AverageAscending };
        Assert.Equal(["Bo", "Ada", "Cy"], view.Students.Select(s => s.Name));

        view.Group = "Geometry";
        Assert.Equal(["Ada", "Bo", "Cy"], view.Students.Select(s => s.Name));

        view.Group = HeatmapView.AllGroups;
        view.Sort = HeatmapSort.Skill;
        view.SortSkillId = 1;
        Assert.Equal(["Bo", "Ada", "Cy"], view.Students.Select(s => s.Name));
    }

    [Theory]
    [InlineData(0.0, "band-0")]
    [InlineData(0.39, "band-1")]
    [InlineData(0.84, "band-3")]
    [InlineData(0.85, "band-4")]
    [InlineData(1.0, "band-4")]
    public void Bands_colour_mastery_with_the_top_band_from_the_mastered_threshold(double mastery, string band) =>
        Assert.Equal(band, HeatmapView.BandOf(mastery).CssClass);

    [Theory]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("plain", "plain")]
    public void Csv_fields_are_quoted_and_formulas_neutralised(string value, string expected) => Assert.Equal(expected, DashboardCsv.Field(value));
}
