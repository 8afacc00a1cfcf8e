using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TutorApp.Data.Content;
using TutorApp.Domain.Content.Bank;
using TutorApp.TestSupport;

namespace TutorApp.IntegrationTests;

/// <summary>Bank JSON import and export on the real database: a lossless round trip, and bad files that change nothing.</summary>
public sealed class BankImportTests(ContentFixture content) : IClassFixture<ContentFixture>
{
    [Fact]
    public async Task Export_then_import_into_an_empty_database_then_export_gives_identical_json()
    {
        using var scope = content.Services.CreateScope();
        await content.Get<BankImporter>(scope).ImportAsync(RichBank.Create());
        var first = BankJson.Write(await content.Get<BankExporter>(scope).ExportAsync());

        await using var emptyDatabase = new TestDatabase();
        await emptyDatabase.InitializeAsync();
        await using var other = new TutorAppFactory(emptyDatabase.ConnectionString, environment: "Testing");
        using var otherScope = other.Services.CreateScope();
        var summary = await otherScope.ServiceProvider.GetRequiredService<BankImporter>().ImportAsync(BankJson.Read(first, "export.json"));
        var second = BankJson.Write(await otherScope.ServiceProvider.GetRequiredService<BankExporter>().ExportAsync());

        Assert.Equal(first, second);
        Assert.Equal(1, summary.ProblemsImported);
        Assert.Equal(5, summary.SkillsCreated);
        Assert.Equal(3 * 4, summary.Steps);
        Assert.Equal(3 * 8, summary.QuestionNodes);
        Assert.Equal(3 * 2, summary.Misconceptions);
        Assert.Contains("\"kind\": \"expression\"", first);
        Assert.Contains("\"status\": \"retired\"", first);
        await emptyDatabase.DisposeAsync();
    }

    [Fact]
    public async Task Truncated_json_is_refused_with_its_line_and_nothing_changes()
    {
        var json = BankJson.Write(RichBank.Create());
        var truncated = json[..(json.Length / 2)];

        var error = await ImportFailsAsync(truncated);

        Assert.Matches(@"bank\.json: line \d+", error.Problems.Single());
    }

    [Fact]
    public async Task A_wrong_type_is_refused_naming_the_field()
    {
        var json = BankJson.Write(RichBank.Create()).Replace("\"difficulty\": 3", "\"difficulty\": \"hard\"");

        var error = await ImportFailsAsync(json);

        Assert.Contains("$.problems[0].versions[0].difficulty", error.Problems.Single());
    }

    [Fact]
    public async Task A_cycle_in_the_prerequisites_is_refused_naming_the_cycle()
    {
        var bank = RichBank.Create();
        var cyclic = bank with
        {
            Skills = bank.Skills.Select(s => s.Name == "Multiplication" ? s with { Prerequisites = ["Fractions"] } : s).ToList(),
        };

        var error = await ImportFailsAsync(BankJson.Write(cyclic));

        Assert.Contains(error.Problems, p => p.Contains("cycle") && (p.Contains("Fractions → Multiplication → Fractions") || p.Contains("Multiplication → Fractions → Multiplication")));
    }

    [Fact]
    public async Task A_tree_node_pointing_to_a_missing_step_is_refused()
    {
        var bank = RichBank.Create();
        var version = bank.Problems[0].Versions[1];
        var broken = version with { Tree = [.. version.Tree, version.Tree[0] with { Key = "s9.q1", Step = "s9" }] };
        var document = bank with { Problems = [bank.Problems[0] with { Versions = [bank.Problems[0].Versions[0], broken, bank.Problems[0].Versions[2]] }] };

        var error = await ImportFailsAsync(BankJson.Write(document));

        Assert.Contains(error.Problems, p => p.Contains("problems[0].versions[1].tree[8].step") && p.Contains("\"s9\", which does not exist"));
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_before_parsing()
    {
        using var scope = content.Services.CreateScope();
        var path = Path.Combine(Path.GetTempPath(), $"tutor-huge-{Guid.NewGuid():N}.json");
        try
        {
            // 50 MB that is not even JSON: refused on its size, so the parser never sees it.
            await using (var file = File.Create(path))
            {
                file.SetLength(50L * 1024 * 1024);
            }
            var before = await content.CountsAsync();

            var error = await Assert.ThrowsAsync<ImportFailedException>(() =>
                content.Get<ContentImport>(scope).ImportFileAsync(path, ImportFormat.Bank, lenient: false, ImportPublishing.Drafts));

            Assert.Contains("over the limit of 20,971,520 bytes", error.Problems.Single());
            Assert.Contains("52,428,800 bytes", error.Problems.Single());
            Assert.Equal(before, await content.CountsAsync());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Lenient_mode_skips_and_reports_a_bad_problem_and_imports_the_rest()
    {
        var bank = RichBank.Create();
        var good = bank.Problems[0] with { Key = "lenient-good" };
        var bad = bank.Problems[0] with
        {
            Key = "lenient-bad",
            Versions = [bank.Problems[0].Versions[0] with { Title = "" }],
        };
        var json = BankJson.Write(bank with { Problems = [bad, good] });
        using var scope = content.Services.CreateScope();

        var report = await content.Get<ContentImport>(scope).ImportAsync(
            new MemoryStream(Encoding.UTF8.GetBytes(json)), "bank.json", json.Length, ImportFormat.Bank, lenient: true, ImportPublishing.Drafts);

        Assert.Equal(1, report.Summary.ProblemsImported);
        Assert.Contains(report.Skipped, s => s.StartsWith("problem lenient-bad:") && s.Contains("title: required"));
    }

    private async Task<ImportFailedException> ImportFailsAsync(string json)
    {
        using var scope = content.Services.CreateScope();
        var before = await content.CountsAsync();

        var error = await Assert.ThrowsAsync<ImportFailedException>(() => content.Get<ContentImport>(scope).ImportAsync(
            new MemoryStream(Encoding.UTF8.GetBytes(json)), "bank.json", json.Length, ImportFormat.Bank, lenient: false, ImportPublishing.Drafts));

        Assert.Equal(before, await content.CountsAsync());
        return error;
    }
}
