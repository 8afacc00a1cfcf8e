using System.Globalization;
using CsvHelper;
using TutorApp.Domain.Content.Bank;

namespace TutorApp.Domain.Content.Import;

/// <summary>How many MathDial dialogues had a wrong student answer, and how many of those became a misconception.</summary>
/// <param name="Dialogues">Dialogues read without issues.</param>
/// <param name="WrongStudentAnswers">Dialogues whose student's final answer differs from the ground truth's.</param>
/// <param name="WithMisconception">Of those, the dialogues that gave a step a misconception (a new one or one already known).</param>
public sealed record MathDialCoverage(int Dialogues, int WrongStudentAnswers, int WithMisconception);

public sealed record MathDialImport(ParsedBank Bank, MathDialCoverage Coverage);

/// <summary>
/// Reads MathDial (Macina et al. 2023) tutoring dialogues, as JSONL or as the CSV export (same columns). Each problem
/// (qid) becomes a draft problem built from its ground-truth solution; each dialogue whose student reached a
/// wrong answer adds a misconception to the first step the student did not reach, with a question that addresses it.
/// </summary>
public static class MathDialParser
{
    public const string Licence = "CC BY-SA 4.0 (Macina et al. 2023)";
    public const string Tag = "mathdial";

    private static readonly string[] RequiredColumns = ["qid", "question", "ground_truth", "student_incorrect_solution"];

    public static ParsedBank ParseJsonl(TextReader reader, string fileName, DateTimeOffset importedAt) =>
        ImportJsonl(reader, fileName, importedAt).Bank;

    public static ParsedBank ParseCsv(TextReader reader, string fileName, DateTimeOffset importedAt) =>
        ImportCsv(reader, fileName, importedAt).Bank;

    /// <summary><see cref="ParseJsonl"/>, with how well the students' wrong answers were turned into misconceptions.</summary>
    public static MathDialImport ImportJsonl(TextReader reader, string fileName, DateTimeOffset importedAt)
    {
        var assembler = new MathDialAssembler(fileName, importedAt);
        foreach (var (lineNumber, line) in JsonLines.Read(reader))
        {
            assembler.RecordsRead++;
            var dialogue = ReadJsonRecord(line, lineNumber, assembler);
            if (dialogue is not null)
            {
                assembler.Add(dialogue);
            }
        }
        return assembler.Finish();
    }

    /// <summary><see cref="ParseCsv"/>, with how well the students' wrong answers were turned into misconceptions.</summary>
    public static MathDialImport ImportCsv(TextReader reader, string fileName, DateTimeOffset importedAt)
    {
        var assembler = new MathDialAssembler(fileName, importedAt);
        var options = UploadedCsv.Options((line, reason) =>
        {
            assembler.RecordsRead++;
            assembler.Report(line, JsonLines.WholeRecord, reason);
        });
        using var csv = CsvReader.Create(reader, options, leaveOpen: true);
        try
        {
            var missing = RequiredColumns.Where(c => !csv.Headers.Contains(c, StringComparer.Ordinal)).ToList();
            if (missing.Count > 0)
            {
                foreach (var column in missing)
                {
                    assembler.Report(1, column, "missing column in the header");
                }
                return assembler.Finish();
            }
            while (csv.Read())
            {
                assembler.RecordsRead++;
                var dialogue = ReadCsvRecord(csv, (int)csv.LineNumber, assembler);
                if (dialogue is not null)
                {
                    assembler.Add(dialogue);
                }
            }
        }
        catch (CsvFormatException exception)
        {
            // The reader cannot tell where the next record starts; what follows is unreadable.
            assembler.Report((int)Math.Max(1, exception.LineNumber), JsonLines.WholeRecord, $"unreadable CSV: {exception.Message}");
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Any other failure of the CSV reader (an oversized record, an unreadable source) ends the input the same way.
            assembler.Report(Math.Max(1, (int)csv.LineNumber), JsonLines.WholeRecord, $"unreadable CSV: {exception.Message}");
        }
        return assembler.Finish();
    }

    private static MathDialDialogue? ReadJsonRecord(string line, int lineNumber, MathDialAssembler assembler)
    {
        using var json = JsonLines.TryParse(line, out var jsonError);
        if (json is null)
        {
            assembler.Report(lineNumber, JsonLines.WholeJson, jsonError!);
            return null;
        }
        var record = json.RootElement;
        if (!record.TryGetProperty("qid", out var qidElement))
        {
            assembler.Report(lineNumber, "qid", "missing");
            return null;
        }
        if (qidElement.ValueKind != System.Text.Json.JsonValueKind.Number || !qidElement.TryGetInt64(out var qid))
        {
            assembler.Report(lineNumber, "qid", qidElement.ValueKind == System.Text.Json.JsonValueKind.Number
                ? "expected an integer"
                : $"expected an integer, found {JsonLines.Describe(qidElement.ValueKind)}");
            return null;
        }
        var texts = new Dictionary<string, string>();
        foreach (var field in RequiredColumns.Skip(1))
        {
            if (!JsonLines.TryGetString(record, field, out var value, out var error))
            {
                assembler.Report(lineNumber, field, error!);
                return null;
            }
            texts[field] = value;
        }
        return new MathDialDialogue(lineNumber, qid, texts["question"], texts["ground_truth"], texts["student_incorrect_solution"],
            JsonLines.OptionalString(record, "teacher_described_confusion"));
    }

    private static MathDialDialogue? ReadCsvRecord(CsvReader csv, int firstLine, MathDialAssembler assembler)
    {
        var qidText = csv.GetString("qid").Trim();
        if (!long.TryParse(qidText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var qid))
        {
            assembler.Report(firstLine, "qid", qidText.Length == 0 ? "missing" : $"expected an integer, found \"{qidText}\"");
            return null;
        }
        var texts = new Dictionary<string, string>();
        foreach (var field in RequiredColumns.Skip(1))
        {
            var value = csv.GetString(field);
            if (value.Trim().Length == 0)
            {
                assembler.Report(firstLine, field, "empty");
                return null;
            }
            texts[field] = value;
        }
        var confusion = csv.Headers.Contains("teacher_described_confusion") ? csv.GetString("teacher_described_confusion") : null;
        return new MathDialDialogue(firstLine, qid, texts["question"], texts["ground_truth"], texts["student_incorrect_solution"], confusion);
    }
}

/// <summary>One MathDial dialogue, as far as the importer needs it.</summary>
internal sealed record MathDialDialogue(int Line, long Qid, string Question, string GroundTruth, string StudentSolution, string? Confusion);

/// <summary>Builds one problem per qid and adds the misconceptions of every dialogue about it.</summary>
internal sealed class MathDialAssembler(string fileName, DateTimeOffset importedAt)
{
    private readonly List<ProblemDraft> _problems = [];
    private readonly Dictionary<long, ProblemDraft> _problemsByQid = [];
    private readonly List<ImportIssue> _issues = [];
    private int _dialogues;
    private int _wrongAnswers;
    private int _withMisconception;

    public int RecordsRead { get; set; }

    public void Report(int line, string field, string message) => _issues.Add(new ImportIssue(fileName, line, field, message));

    public void Add(MathDialDialogue dialogue)
    {
        try
        {
            AddChecked(dialogue);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A dialogue this importer cannot handle must not stop the others; it is reported like any bad record.
            Report(dialogue.Line, JsonLines.WholeRecord, $"could not be imported: {exception.Message}");
        }
    }

    public MathDialImport Finish() =>
        new(new ParsedBank(ImportedBank.Document(_problems), _issues, RecordsRead, ImportedBank.Flags(_problems)),
            new MathDialCoverage(_dialogues, _wrongAnswers, _withMisconception));

    private void AddChecked(MathDialDialogue dialogue)
    {
        var groundTruth = NonEmptyLines(dialogue.GroundTruth);
        if (!MathText.TryParseAnswer(groundTruth[^1], out var finalAnswer))
        {
            Report(dialogue.Line, "ground_truth", $"the last line \"{groundTruth[^1].Trim()}\" is not a number");
            return;
        }
        var student = NonEmptyLines(dialogue.StudentSolution);
        if (!MathText.TryParseAnswer(student[^1], out var studentAnswer))
        {
            Report(dialogue.Line, "student_incorrect_solution", $"the last line \"{student[^1].Trim()}\" is not a number");
            return;
        }

        var givenNumbers = MathText.NumbersIn(dialogue.Question).ToHashSet();
        if (!_problemsByQid.TryGetValue(dialogue.Qid, out var problem))
        {
            var (steps, _) = CalculationExtractor.FromSolution(groundTruth[..^1], givenNumbers, finalAnswer);
            if (steps.Count == 0)
            {
                Report(dialogue.Line, "ground_truth", "no calculation step found in the solution");
                return;
            }
            var stem = Path.GetFileNameWithoutExtension(fileName);
            var origin = new ProblemOrigin($"mathdial-{dialogue.Qid}", $"MathDial {stem} qid {dialogue.Qid}", MathDialParser.Licence,
                MathDialParser.Tag, importedAt);
            problem = ProblemDraft.Create(origin, dialogue.Question, steps, finalAnswer);
            _problemsByQid[dialogue.Qid] = problem;
            _problems.Add(problem);
        }

        _dialogues++;
        if (problem.FinalAnswer.Check(MathText.Format(studentAnswer)).Correct)
        {
            return;
        }
        _wrongAnswers++;
        var finding = MisconceptionFinder.Find(problem, student[..^1], studentAnswer, givenNumbers);
        if (finding is null)
        {
            return;
        }
        _withMisconception++;
        if (!finding.Step.HasMisconception(finding.WrongValue))
        {
            var description = string.IsNullOrWhiteSpace(dialogue.Confusion)
                ? $"Reached {MathText.Format(finding.WrongValue)} at this step (the teacher gave no description)."
                : dialogue.Confusion.Trim();
            finding.Step.AddMisconception(description, finding.WrongValue, MisconceptionFinder.PatternsFor(finding),
                MisconceptionFinder.RemediationQuestion(finding));
        }
    }

    private static string[] NonEmptyLines(string text) =>
        text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToArray();
}
