using System.Globalization;
using System.Text;
using TutorApp.Data.Dashboard;

namespace TutorApp.Web.Classes;

/// <summary>
/// The dashboard's CSV downloads. Student text is untrusted: a cell that a spreadsheet would read as a formula
/// (=, +, -, @ at the start) is prefixed with an apostrophe so that it stays text when opened.
/// </summary>
public static class DashboardCsv
{
    /// <summary>One row per student, one column per skill: mastery from 0 to 1, empty where the skill was never practised.</summary>
    public static string Heatmap(ClassHeatmap heatmap)
    {
        var csv = new StringBuilder();
        AppendRow(csv, ["student", .. heatmap.Skills.Select(s => s.Name)]);
        foreach (var student in heatmap.Students)
        {
            AppendRow(csv, [student.Name, .. heatmap.Skills.Select(s => heatmap.Cell(student.Id, s.Id) is { } cell
                ? cell.Mastery.ToString("0.000", CultureInfo.InvariantCulture)
                : "")]);
        }
        return csv.ToString();
    }

    public static string History(IEnumerable<HistoryRow> rows)
    {
        var csv = new StringBuilder();
        AppendRow(csv, ["time_utc", "problem", "step", "skill", "correct", "hints_used", "answer", "session_id"]);
        foreach (var row in rows)
        {
            AppendRow(csv, [row.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), row.Problem, row.Step, row.Skill,
                row.Correct ? "true" : "false", row.HintsUsed.ToString(CultureInfo.InvariantCulture), row.Answer,
                row.SessionId?.ToString(CultureInfo.InvariantCulture) ?? ""]);
        }
        return csv.ToString();
    }

    private static void AppendRow(StringBuilder csv, IEnumerable<string> fields)
    {
        csv.AppendJoin(',', fields.Select(Field));
        csv.Append("\r\n");
    }

    public static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
