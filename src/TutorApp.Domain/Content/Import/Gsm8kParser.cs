using System.Text.Json;
using TutorApp.Domain.Content.Bank;

namespace TutorApp.Domain.Content.Import;

/// <summary>
/// Reads GSM8K (OpenAI grade-school-math) JSONL: one <c>{"question", "answer"}</c> object per line, the answer a worked
/// solution whose calculations carry calculator annotations <c>&lt;&lt;48/2=24&gt;&gt;</c> and whose last line is
/// <c>#### 72</c>. Each record becomes a draft problem whose steps are the annotated calculations (or, in the
/// few answers without annotations, the equations written in the text).
/// </summary>
public static class Gsm8kParser
{
    public const string Licence = "MIT (OpenAI grade-school-math)";
    public const string Tag = "gsm8k";

    /// <param name="fileName">Names the file in sources and issues, e.g. "train.jsonl".</param>
    /// <param name="keyPrefix">Problem keys are "{keyPrefix}-{line:D5}", e.g. "gsm8k-train-00017".</param>
    public static ParsedBank Parse(TextReader reader, string fileName, string keyPrefix, DateTimeOffset importedAt)
    {
        var problems = new List<ProblemDraft>();
        var issues = new List<ImportIssue>();
        var records = 0;
        foreach (var (lineNumber, line) in JsonLines.Read(reader))
        {
            records++;
            var problem = ParseRecord(line, lineNumber, fileName, keyPrefix, importedAt, issues);
            if (problem is not null)
            {
                problems.Add(problem);
            }
        }
        return new ParsedBank(ImportedBank.Document(problems), issues, records, ImportedBank.Flags(problems));
    }

    private static ProblemDraft? ParseRecord(string line, int lineNumber, string fileName, string keyPrefix, DateTimeOffset importedAt,
        List<ImportIssue> issues)
    {
        void Report(string field, string message) => issues.Add(new ImportIssue(fileName, lineNumber, field, message));

        try
        {
            using var json = JsonLines.TryParse(line, out var jsonError);
            if (json is null)
            {
                Report(JsonLines.WholeJson, jsonError!);
                return null;
            }
            if (!JsonLines.TryGetString(json.RootElement, "question", out var question, out var questionError))
            {
                Report("question", questionError!);
                return null;
            }
            if (!JsonLines.TryGetString(json.RootElement, "answer", out var answer, out var answerError))
            {
                Report("answer", answerError!);
                return null;
            }

            var lines = answer.Split('\n');
            var finalLine = Array.FindLastIndex(lines, l => l.TrimStart().StartsWith("####", StringComparison.Ordinal));
            if (finalLine < 0)
            {
                Report("answer", "no final answer line \"#### N\"");
                return null;
            }
            var finalText = lines[finalLine].TrimStart()[4..].Replace(",", "", StringComparison.Ordinal);
            if (!MathText.TryParseAnswer(finalText, out var finalAnswer))
            {
                Report("answer", $"the final answer \"{finalText.Trim()}\" is not a number");
                return null;
            }

            var solution = lines.Take(finalLine).Where(l => l.Trim().Length > 0).ToList();
            var (steps, _) = CalculationExtractor.FromSolution(solution, MathText.NumbersIn(question).ToHashSet(), finalAnswer);
            if (steps.Count == 0)
            {
                Report("answer", "no calculation step found in the solution");
                return null;
            }

            var origin = new ProblemOrigin($"{keyPrefix}-{lineNumber:D5}", $"GSM8K {fileName} line {lineNumber}", Licence, Tag, importedAt);
            return ProblemDraft.Create(origin, question, steps, finalAnswer);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A record this importer cannot handle must not stop the others; it is reported like any bad record.
            Report(JsonLines.WholeRecord, $"could not be imported: {exception.Message}");
            return null;
        }
    }
}
