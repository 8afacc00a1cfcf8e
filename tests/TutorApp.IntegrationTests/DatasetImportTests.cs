using Microsoft.Extensions.DependencyInjection;
using TutorApp.Data.Content;
using TutorApp.Domain.Content.Bank;
using TutorApp.Domain.Content.Import;
using TutorApp.TestSupport;

namespace TutorApp.IntegrationTests;

/// <summary>The GSM8K and MathDial importers on the real files (../shared/data), into the real database.</summary>
public sealed class DatasetImportTests(ContentFixture content) : IClassFixture<ContentFixture>
{
    [Fact]
    public async Task GSM8K_test_split_imports_strictly_with_a_tree_and_expected_value_for_every_step()
    {
        using var scope = content.Services.CreateScope();

        var report = await content.Get<ContentImport>(scope).ImportFileAsync(TestData.File("gsm8k", "test.jsonl"), ImportFormat.Gsm8k, lenient: false);

        Assert.Equal(1319, report.RecordsRead);
        Assert.Equal(1319, report.Summary.ProblemsImported);
        Assert.Empty(report.Skipped);
        var exported = await content.Get<BankExporter>(scope).ExportAsync();
        var versions = exported.Problems.Where(p => p.Key.StartsWith("gsm8k-test-", StringComparison.Ordinal)).Select(p => p.Versions.Single()).ToList();
        Assert.Equal(1319, versions.Count);
        Assert.All(versions, v => Assert.All(v.Steps, s =>
        {
            Assert.NotNull(s.Expected);
            Assert.Contains(v.Tree, n => n.Step == s.Key && n.Parent is null);
        }));

        // Importing the same file again changes nothing: every problem is already present.
        var again = await content.Get<ContentImport>(scope).ImportFileAsync(TestData.File("gsm8k", "test.jsonl"), ImportFormat.Gsm8k, lenient: false);
        Assert.Equal((0, 1319), (again.Summary.ProblemsImported, again.Summary.ProblemsAlreadyPresent));
    }

    [Fact]
    public async Task A_malformed_GSM8K_line_fails_a_strict_import_naming_file_line_and_field_and_nothing_is_stored()
    {
        using var scope = content.Services.CreateScope();
        var path = Path.Combine(Path.GetTempPath(), $"gsm8k-broken-{Guid.NewGuid():N}.jsonl");
        var lines = (await File.ReadAllLinesAsync(TestData.File("gsm8k", "test.jsonl"))).Take(5).ToList();
        lines[2] = lines[2][..(lines[2].Length / 2)];
        await File.WriteAllLinesAsync(path, lines);
        try
        {
            var before = await content.CountsAsync();

            var error = await Assert.ThrowsAsync<ImportFailedException>(() =>
                content.Get<ContentImport>(scope).ImportFileAsync(path, ImportFormat.Gsm8k, lenient: false));

            Assert.Contains(error.Problems, p => p.Contains(Path.GetFileName(path)) && p.Contains(":3:"));
            Assert.Equal(before, await content.CountsAsync());

            var lenient = await content.Get<ContentImport>(scope).ImportFileAsync(path, ImportFormat.Gsm8k, lenient: true);
            Assert.Equal(4, lenient.Summary.ProblemsImported);
            Assert.Single(lenient.Skipped);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task MathDial_dev_gives_a_misconception_for_at_least_90_percent_of_wrong_student_answers()
    {
        using var scope = content.Services.CreateScope();
        var parsed = MathDialParser.ParseJsonl(new StringReader(await File.ReadAllTextAsync(TestData.File("mathdial", "dev.jsonl"))),
            "dev.jsonl", DateTimeOffset.UtcNow);
        Assert.Equal(357, parsed.RecordsRead);

        var report = await content.Get<ContentImport>(scope).ImportFileAsync(TestData.File("mathdial", "dev.csv"), ImportFormat.MathDial, lenient: false);

        Assert.Equal(236, report.Summary.ProblemsImported);
        Assert.True(report.Summary.Misconceptions > 0);
        var misconceptions = parsed.Document.Problems.SelectMany(p => p.Versions.Single().Steps).Sum(s => s.Misconceptions.Count);
        Assert.Equal(misconceptions, report.Summary.Misconceptions);
        var wrongDialogues = WrongStudentAnswers(TestData.File("mathdial", "dev.jsonl"));
        Assert.True(wrongDialogues.Count > 300, $"expected most dev dialogues to have a wrong student answer, found {wrongDialogues.Count}");
        var covered = wrongDialogues.Count(d => HasMisconception(parsed.Document, d.Qid, d.WrongValue));
        Assert.True(covered >= 0.9 * wrongDialogues.Count,
            $"{covered} of {wrongDialogues.Count} dialogues with a wrong student answer got a misconception ({100.0 * covered / wrongDialogues.Count:0.0}%)");
    }

    private static bool HasMisconception(BankDocument document, long qid, decimal? finalWrong) =>
        document.Problems.Single(p => p.Key == $"mathdial-{qid}").Versions.Single().Steps.Any(s => s.Misconceptions.Count > 0);

    /// <summary>Dialogues whose student's final answer (last line of the incorrect solution) differs from the ground truth's.</summary>
    private static List<(long Qid, decimal? WrongValue)> WrongStudentAnswers(string path)
    {
        var result = new List<(long, decimal?)>();
        foreach (var line in File.ReadLines(path))
        {
            using var json = System.Text.Json.JsonDocument.Parse(line);
            var root = json.RootElement;
            var truth = LastNumber(root.GetProperty("ground_truth").GetString()!);
            var student = LastNumber(root.GetProperty("student_incorrect_solution").GetString()!);
            if (truth != student)
            {
                result.Add((root.GetProperty("qid").GetInt64(), student));
            }
        }
        return result;
    }

    private static decimal? LastNumber(string solution)
    {
        var lastLine = solution.TrimEnd().Split('\n')[^1];
        var match = System.Text.RegularExpressions.Regex.Matches(lastLine.Replace(",", ""), @"-?\d+(?:\.\d+)?").LastOrDefault();
        return match is null ? null : decimal.Parse(match.Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
