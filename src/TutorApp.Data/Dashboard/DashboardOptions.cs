using System.ComponentModel.DataAnnotations;

namespace TutorApp.Data.Dashboard;

public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>Student messages since the last correct step, in an unfinished session, after which a student counts as stalled.</summary>
    [Range(2, 1000)]
    public int StallMessages { get; set; } = 8;

    /// <summary>Drop in a skill's mastery over <see cref="FallingWindowDays"/> that puts a student on the at-risk list.</summary>
    [Range(0.01, 1.0)]
    public double FallingDrop { get; set; } = 0.15;

    [Range(1, 365)]
    public int FallingWindowDays { get; set; } = 14;
}
