using System.Globalization;
using System.Text.Json;
using CsvHelper;

namespace TutorApp.Cli.Evaluation;

/// <summary>One MathDial dialogue with the texts a simulated student is built from.</summary>
public sealed record SourceDialogue(long Qid, string Question, string GroundTruth, string IncorrectSolution, string Conversation, string Confusion = "");

/// <summary>One GSM8K record.</summary>
public sealed record SourceProblem(string Question, string Answer);

/// <summary>
/// Reads the evaluation's problem files as raw texts: the simulated students are built from a problem's words, its worked
/// solution and (MathDial) the student's own incorrect solution, never from what the importer made of them.
/// </summary>
public static class EvaluationSources
{
    public static IReadOnlyList<SourceDialogue> ReadMathDial(string path)
    {
        using var reader = new StreamReader(path);
        var dialogues = new List<SourceDialogue>();
        if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            using var csv = CsvReader.Create(reader, CsvReaderOptions.Default with { Separator = ',', HasHeader = true }, leaveOpen: true);
            while (csv.Read())
            {
                if (long.TryParse(csv.GetString("qid").Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var qid))
                {
                    dialogues.Add(new SourceDialogue(qid, csv.GetString("question"), csv.GetString("ground_truth"),
                        csv.GetString("student_incorrect_solution"), csv.Headers.Contains("conversation") ? csv.GetString("conversation") : "",
                        csv.Headers.Contains("teacher_described_confusion") ? csv.GetString("teacher_described_confusion") : ""));
                }
            }
            return dialogues;
        }
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Trim().Length == 0)
            {
                continue;
            }
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            string Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
            if (root.TryGetProperty("qid", out var id) && id.TryGetInt64(out var qid))
            {
                dialogues.Add(new SourceDialogue(qid, Text("question"), Text("ground_truth"), Text("student_incorrect_solution"), Text("conversation"),
                    Text("teacher_described_confusion")));
            }
        }
        return dialogues;
    }

    public static IReadOnlyList<SourceProblem> ReadGsm8k(string path)
    {
        var problems = new List<SourceProblem>();
        foreach (var line in File.ReadLines(path).Where(l => l.Trim().Length > 0))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (root.TryGetProperty("question", out var question) && root.TryGetProperty("answer", out var answer))
            {
                problems.Add(new SourceProblem(question.GetString() ?? "", answer.GetString() ?? ""));
            }
        }
        return problems;
    }

    /// <summary>
    /// The leave-one-out file for one dialogue: the problem's dialogues under a new qid, the held-out dialogue's incorrect
    /// solution replaced by the ground truth. A right solution adds no misconception, so the imported problem knows the
    /// misconceptions of the other dialogues only, and its steps and trees are built exactly as for the whole file.
    /// </summary>
    public static string LeaveOneOut(IReadOnlyList<SourceDialogue> problemDialogues, int heldOut, long variantQid) =>
        string.Join("\n", problemDialogues.Select((d, i) => JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["qid"] = variantQid,
            ["question"] = d.Question,
            ["ground_truth"] = d.GroundTruth,
            ["student_incorrect_solution"] = i == heldOut ? d.GroundTruth : d.IncorrectSolution,
            ["conversation"] = d.Conversation,
            ["teacher_described_confusion"] = i == heldOut ? "" : d.Confusion,
        }))) + "\n";
}
