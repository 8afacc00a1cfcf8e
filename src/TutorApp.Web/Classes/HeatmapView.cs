using TutorApp.Data.Dashboard;

namespace TutorApp.Web.Classes;

public enum HeatmapSort
{
    Name,
    /// <summary>Lowest average mastery first: who needs help most.</summary>
    AverageAscending,
    AverageDescending,
    /// <summary>By one skill's mastery, lowest first; students who never practised it last.</summary>
    Skill,
}

/// <summary>The five colour bands of the heatmap and its legend; the top band starts at the tutor's "mastered" threshold.</summary>
public sealed record MasteryBand(double From, double To, string Label, string CssClass);

/// <summary>What the heatmap shows after the teacher's filters and sort: pure logic, so it is tested without a browser.</summary>
public sealed class HeatmapView(ClassHeatmap heatmap)
{
    public const string AllGroups = "";

    public static readonly IReadOnlyList<MasteryBand> Bands =
    [
        new(0.00, 0.20, "below 20 %", "band-0"),
        new(0.20, 0.40, "20–40 %", "band-1"),
        new(0.40, 0.60, "40–60 %", "band-2"),
        new(0.60, 0.85, "60–85 %", "band-3"),
        new(0.85, 1.00, "85 % and above (mastered)", "band-4"),
    ];

    public string Group { get; set; } = AllGroups;
    public bool AtRiskOnly { get; set; }
    public HeatmapSort Sort { get; set; } = HeatmapSort.Name;

    /// <summary>The skill sorted by when <see cref="Sort"/> is <see cref="HeatmapSort.Skill"/>.</summary>
    public int? SortSkillId { get; set; }

    public IReadOnlySet<string> AtRiskStudentIds { get; set; } = new HashSet<string>();

    public ClassHeatmap Data => heatmap;

    public IReadOnlyList<string> Groups => heatmap.Skills.Select(s => s.Group).Distinct().Order(StringComparer.OrdinalIgnoreCase).ToList();

    public IReadOnlyList<HeatmapSkill> Skills => heatmap.Skills.Where(s => Group == AllGroups || s.Group == Group).ToList();

    public IReadOnlyList<HeatmapStudent> Students
    {
        get
        {
            var skills = Skills;
            var students = heatmap.Students.Where(s => !AtRiskOnly || AtRiskStudentIds.Contains(s.Id));
            return (Sort switch
            {
                HeatmapSort.AverageAscending => students.OrderBy(s => Average(s.Id, skills) ?? double.MaxValue),
                HeatmapSort.AverageDescending => students.OrderByDescending(s => Average(s.Id, skills) ?? double.MinValue),
                HeatmapSort.Skill when SortSkillId is { } skillId => students.OrderBy(s => heatmap.Cell(s.Id, skillId)?.Mastery ?? double.MaxValue),
                _ => students.OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase),
            }).ThenBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ToList();
        }
    }

    /// <summary>Mean mastery over the shown skills the student has practised; null when none.</summary>
    public double? Average(string studentId, IReadOnlyList<HeatmapSkill> skills)
    {
        var values = skills.Select(s => heatmap.Cell(studentId, s.Id)?.Mastery).OfType<double>().ToList();
        return values.Count == 0 ? null : values.Average();
    }

    public static MasteryBand BandOf(double mastery) => Bands.Last(b => mastery >= b.From);
}
