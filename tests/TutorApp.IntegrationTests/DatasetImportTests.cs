using Microsoft.Extensions.DependencyInjection;
using TutorApp.Data.Content;
using TutorApp.Domain.Content.Import;
using TutorApp.TestSupport;

namespace TutorApp.IntegrationTests;

/// <summary>The GSM8K and MathDial importers on the real files (../shared/data), into the real database.</summary>
public sealed class DatasetImportTests(ContentFixture content, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<ContentFixture>
{
    [Fact]
    public async Task GSM8K_test_split_imports_strictly_with_a_tree_and_expected_value_for_every_step()
    {
        using var scope = content.Services.CreateScope();

        var report = await content.Get<ContentImport>(scope).ImportFileAsync(TestData.File("gsm8k", "test.jsonl"), ImportFormat.Gsm8k, lenient: false, ImportPublishing.Drafts);

        Assert.Equal(1319, report.RecordsRead);
        Assert.Equal(1319, report.Summary.ProblemsImported);
        Assert.Empty(report.Skipped);
        // Generated questions wait for review: every problem is a draft in the queue, none is given to students yet.
        Assert.Equal(1319, report.Summary.DraftsToReview);
        Assert.InRange(report.Summary.FlaggedQuestions, 1, 1318);
        var exported = await content.Get<BankExporter>(scope).ExportAsync();
        var versions = exported.Problems.Where(p => p.Key.StartsWith("gsm8k-test-", StringComparison.Ordinal)).Select(p => p.Versions.Single()).ToList();
        Assert.Equal(1319, versions.Count);
        Assert.All(versions, v => Assert.Equal(("draft", (DateTimeOffset?)null), (v.Status, v.PublishedAt)));
        Assert.All(versions, v => Assert.All(v.Steps, s =>
        {
            Assert.NotNull(s.Expected);
            Assert.Contains(v.Tree, n => n.Step == s.Key && n.Parent is null);
        }));

        // Importing the same file again changes nothing: every problem is already present.
        var again = await content.Get<ContentImport>(scope).ImportFileAsync(TestData.File("gsm8k", "test.jsonl"), ImportFormat.Gsm8k, lenient: false, ImportPublishing.Drafts);
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
                content.Get<ContentImport>(scope).ImportFileAsync(path, ImportFormat.Gsm8k, lenient: false, ImportPublishing.Drafts));

            Assert.Contains(error.Problems, p => p.Contains(Path.GetFileName(path)) && p.Contains(":3:"));
            Assert.Equal(before, await content.CountsAsync());

            var lenient = await content.Get<ContentImport>(scope).ImportFileAsync(path, ImportFormat.Gsm8k, lenient: true, ImportPublishing.Drafts);
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
        var import = MathDialParser.ImportJsonl(new StringReader(await File.ReadAllTextAsync(TestData.File("mathdial", "dev.jsonl"))),
            "dev.jsonl", DateTimeOffset.UtcNow);
        var coverage = import.Coverage;
        output.WriteLine($"MathDial dev: {coverage.Dialogues} dialogues, {coverage.WrongStudentAnswers} with a wrong student answer, " +
            $"{coverage.WithMisconception} of them with a misconception ({100.0 * coverage.WithMisconception / coverage.WrongStudentAnswers:0.0}%)");

        Assert.Equal(357, coverage.Dialogues);
        Assert.True(coverage.WrongStudentAnswers > 300, $"expected most dev dialogues to have a wrong student answer, found {coverage.WrongStudentAnswers}");
        Assert.True(coverage.WithMisconception >= 0.9 * coverage.WrongStudentAnswers,
            $"{coverage.WithMisconception} of {coverage.WrongStudentAnswers} dialogues with a wrong student answer got a misconception");

        // The CSV export of the same split imports to the same bank, all or nothing.
        var report = await content.Get<ContentImport>(scope).ImportFileAsync(TestData.File("mathdial", "dev.csv"), ImportFormat.MathDial, lenient: false, ImportPublishing.Drafts);
        Assert.Equal(236, report.Summary.ProblemsImported);
        Assert.Equal(import.Bank.Document.Problems.SelectMany(p => p.Versions.Single().Steps).Sum(s => s.Misconceptions.Count), report.Summary.Misconceptions);
    }
}
