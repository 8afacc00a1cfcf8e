using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CsvHelper;

namespace TutorApp.Domain.Content.Import;

/// <summary>One utterance of a MathDial conversation.</summary>
/// <param name="Move">The teacher's move label (focus, probing, telling, generic); null for the student.</param>
public sealed record MathDialUtterance(bool IsTeacher, string? Move, string Text);

/// <summary>Where the dialogue's student went wrong, as the importer locates it: the step, its right value, the student's value.</summary>
public sealed record MathDialMisconceptionSite(string StepKey, decimal RightValue, decimal WrongValue);

/// <summary>A whole MathDial dialogue, for measuring the human teachers and calibrating the simulated student.</summary>
/// <param name="FinalAnswer">The last line of the ground truth.</param>
/// <param name="StudentAnswer">The last line of the student's incorrect solution.</param>
/// <param name="Misconception">Null when the student's mistake could not be placed on a step (see <see cref="MathDialParser"/>).</param>
public sealed record MathDialRecord(
    int Line, long Qid, decimal FinalAnswer, decimal StudentAnswer, MathDialMisconceptionSite? Misconception,
    IReadOnlyList<MathDialUtterance> Conversation);

/// <summary>
/// Reads MathDial dialogues with their conversations (CSV or JSON Lines, by extension). Strict: a bad record stops the
/// read with an error naming file, line and field, since figures computed over a silently shortened file would mislead.
/// </summary>
public static partial class MathDialDialogues
{
    private const string EndOfMessage = "|EOM|";

    public static IReadOnlyList<MathDialRecord> Read(string path)
    {
        using var reader = new StreamReader(path);
        var name = Path.GetFileName(path);
        return path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? ReadCsv(reader, name) : ReadJsonl(reader, name);
    }

    public static IReadOnlyList<MathDialRecord> ReadJsonl(TextReader reader, string fileName)
    {
        var records = new List<MathDialRecord>();
        foreach (var (line, text) in JsonLines.Read(reader))
        {
            using var json = JsonLines.TryParse(text, out var error) ?? throw Bad(fileName, line, JsonLines.WholeJson, error!);
            var root = json.RootElement;
            if (!root.TryGetProperty("qid", out var qid) || qid.ValueKind != JsonValueKind.Number || !qid.TryGetInt64(out var id))
            {
                throw Bad(fileName, line, "qid", "missing or not an integer");
            }
            string Field(string field) => JsonLines.TryGetString(root, field, out var value, out var problem)
                ? value
                : throw Bad(fileName, line, field, problem!);
            records.Add(Build(fileName, line, id, Field("question"), Field("ground_truth"), Field("student_incorrect_solution"), Field("conversation")));
        }
        return records;
    }

    public static IReadOnlyList<MathDialRecord> ReadCsv(TextReader reader, string fileName)
    {
        var records = new List<MathDialRecord>();
        var options = CsvReaderOptions.Default with { Separator = ',', HasHeader = true, TrackLineNumbers = true };
        using var csv = CsvReader.Create(reader, options, leaveOpen: true);
        string[] columns = ["qid", "question", "ground_truth", "student_incorrect_solution", "conversation"];
        foreach (var column in columns.Where(c => !csv.Headers.Contains(c, StringComparer.Ordinal)))
        {
            throw Bad(fileName, 1, column, "missing column in the header");
        }
        while (csv.Read())
        {
            var line = (int)csv.LineNumber;
            if (!long.TryParse(csv.GetString("qid").Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
            {
                throw Bad(fileName, line, "qid", "not an integer");
            }
            records.Add(Build(fileName, line, id, csv.GetString("question"), csv.GetString("ground_truth"),
                csv.GetString("student_incorrect_solution"), csv.GetString("conversation")));
        }
        return records;
    }

    /// <summary>Splits a conversation on |EOM|; "Teacher: (move)text" is the teacher, any other speaker the student.</summary>
    public static IReadOnlyList<MathDialUtterance> ParseConversation(string conversation)
    {
        var utterances = new List<MathDialUtterance>();
        foreach (var piece in conversation.Split(EndOfMessage))
        {
            if (piece.Trim().Length == 0)
            {
                continue;
            }
            var colon = piece.IndexOf(':', StringComparison.Ordinal);
            var speaker = colon < 0 ? "" : piece[..colon].Trim();
            var text = colon < 0 ? piece.Trim() : piece[(colon + 1)..].Trim();
            if (speaker == "Teacher")
            {
                var move = TeacherMove().Match(text);
                utterances.Add(move.Success
                    ? new MathDialUtterance(true, move.Groups[1].Value.Trim().ToLowerInvariant(), text[move.Length..].Trim())
                    : new MathDialUtterance(true, null, text));
            }
            else
            {
                utterances.Add(new MathDialUtterance(false, null, text));
            }
        }
        return utterances;
    }

    private static MathDialRecord Build(string fileName, int line, long qid, string question, string groundTruth, string studentSolution, string conversation)
    {
        var truth = NonEmptyLines(groundTruth);
        var student = NonEmptyLines(studentSolution);
        if (truth.Length == 0 || !MathText.TryParseAnswer(truth[^1], out var finalAnswer))
        {
            throw Bad(fileName, line, "ground_truth", "the last line is not a number");
        }
        if (student.Length == 0 || !MathText.TryParseAnswer(student[^1], out var studentAnswer))
        {
            throw Bad(fileName, line, "student_incorrect_solution", "the last line is not a number");
        }
        return new MathDialRecord(line, qid, finalAnswer, studentAnswer,
            Locate(question, truth, student, finalAnswer, studentAnswer), ParseConversation(conversation));
    }

    /// <summary>The same placement as the importer's, so the step keys match the imported problem's.</summary>
    private static MathDialMisconceptionSite? Locate(string question, string[] truth, string[] student, decimal finalAnswer, decimal studentAnswer)
    {
        var given = MathText.NumbersIn(question).ToHashSet();
        var (steps, _) = CalculationExtractor.FromSolution(truth[..^1], given, finalAnswer);
        if (steps.Count == 0)
        {
            return null;
        }
        var problem = ProblemDraft.Create(new ProblemOrigin("mathdial", "MathDial", MathDialParser.Licence, MathDialParser.Tag, DateTimeOffset.UnixEpoch),
            question, steps, finalAnswer);
        if (problem.FinalAnswer.Check(MathText.Format(studentAnswer)).Correct)
        {
            return null;
        }
        var finding = MisconceptionFinder.Find(problem, student[..^1], studentAnswer, given);
        return finding is null ? null : new MathDialMisconceptionSite(finding.Step.Key, finding.Step.Texts.Expected.Value, finding.WrongValue);
    }

    private static string[] NonEmptyLines(string text) =>
        text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToArray();

    private static InvalidDataException Bad(string fileName, int line, string field, string message) =>
        new($"{fileName}, line {line}, field {field}: {message}");

    [GeneratedRegex(@"^\(([^)]*)\)")]
    private static partial Regex TeacherMove();
}
