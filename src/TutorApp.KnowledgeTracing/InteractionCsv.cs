using System.Globalization;

namespace TutorApp.KnowledgeTracing;

/// <summary>One exported step attempt. Skill ids are a list because the training loader accepts multi-skill steps.</summary>
public sealed record InteractionRow(string StudentId, int StepId, IReadOnlyList<int> SkillIds, bool Correct, DateTimeOffset OccurredAt,
    int HintsUsed, long? SessionId);

/// <summary>
/// The CSV that <c>tutor kt export-interactions</c> writes and src/kt-training reads (kt_training/data.py, read_app_csv):
/// header <c>student_id,step_id,skill_ids,correct,timestamp,hints_used,session_id</c>; skill ids separated by ';';
/// correct 0/1; timestamp ISO 8601 in UTC.
/// </summary>
public static class InteractionCsv
{
    public const string Header = "student_id,step_id,skill_ids,correct,timestamp,hints_used,session_id";

    public static async Task<int> WriteAsync(TextWriter writer, IAsyncEnumerable<InteractionRow> rows, CancellationToken cancellationToken = default)
    {
        await writer.WriteLineAsync(Header.AsMemory(), cancellationToken);
        var count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(Format(row).AsMemory(), cancellationToken);
            count++;
        }
        return count;
    }

    public static string Format(InteractionRow row) => string.Join(',',
        Quote(row.StudentId),
        row.StepId.ToString(CultureInfo.InvariantCulture),
        string.Join(';', row.SkillIds.Select(id => id.ToString(CultureInfo.InvariantCulture))),
        row.Correct ? "1" : "0",
        row.OccurredAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        row.HintsUsed.ToString(CultureInfo.InvariantCulture),
        row.SessionId?.ToString(CultureInfo.InvariantCulture) ?? "");

    // RFC 4180: quote a field that holds a comma, a quote or a line break, doubling its quotes.
    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
}
