using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TutorApp.Data.Content;
using TutorApp.Data.Identity;
using TutorApp.Data.Seeding;
using TutorApp.Domain.Content.Bank;
using TutorApp.E2ETests.Admin.Pages;
using TutorApp.E2ETests.Pages;
using TutorApp.Web.Components.Admin;
using static Microsoft.Playwright.Assertions;

namespace TutorApp.E2ETests.Admin;

public sealed class BankImportExportTests(BrowserFixture browser) : BrowserTest(browser)
{
    private static readonly DemoAccount AdminAccount = DemoDataSeeder.Accounts.Single(a => a.Role == Roles.Admin);

    [Fact]
    public Task An_admin_imports_a_bank_file_and_sees_what_was_imported() => ScenarioAsync("admin-import", async page =>
    {
        var key = $"e2e-import-{Guid.NewGuid():N}";
        var title = $"Imported {key[^6..]}";
        var file = Encoding.UTF8.GetBytes(BankJson.Write(AdminTestContent.PublishedProblem(key, title)));
        await new LoginPage(page).LogInAndWaitForHomeAsync(AdminAccount.Email, AdminAccount.Password, "/admin");
        var bank = new AdminBankPage(page);
        await bank.OpenAsync();

        await bank.ImportAsync("small-bank.json", file);

        await Expect(bank.ImportSummary).ToContainTextAsync("1 new problem");
        await Expect(bank.ImportSummary).ToContainTextAsync("2 questions");
        await Expect(bank.Row(title)).ToContainTextAsync("published");

        await bank.ImportAsync("small-bank.json", file);
        await Expect(bank.ImportSummary).ToContainTextAsync("0 new problems (1 problem already in the bank, left unchanged)");
    });

    [Fact]
    public Task A_broken_or_invalid_bank_file_is_refused_with_the_reasons() => ScenarioAsync("admin-import-errors", async page =>
    {
        await new LoginPage(page).LogInAndWaitForHomeAsync(AdminAccount.Email, AdminAccount.Password, "/admin");
        var bank = new AdminBankPage(page);
        await bank.OpenAsync();

        await bank.ImportAsync("broken.json", Encoding.UTF8.GetBytes("{\n  \"format\": \"tutorapp-bank\",\n  \"formatVersion\": \"one\"\n}"));
        await Expect(bank.ImportError).ToContainTextAsync("broken.json: line 3, field $.formatVersion");

        var invalid = AdminTestContent.PublishedProblem($"e2e-invalid-{Guid.NewGuid():N}", "Invalid");
        invalid = invalid with { Problems = [invalid.Problems[0] with { Versions = [invalid.Problems[0].Versions[0] with { Difficulty = 9 }] }] };
        await bank.ImportAsync("invalid.json", Encoding.UTF8.GetBytes(BankJson.Write(invalid)));
        await Expect(bank.ImportError).ToContainTextAsync("1 error");
        await Expect(bank.ImportError).ToContainTextAsync("problems[0].versions[0].difficulty: 9 is not between 1 and 5");
    });

    [Fact]
    public Task A_file_over_the_size_limit_is_refused_before_it_is_read() => ScenarioAsync("admin-import-too-large", async page =>
    {
        await new LoginPage(page).LogInAndWaitForHomeAsync(AdminAccount.Email, AdminAccount.Password, "/admin");
        var bank = new AdminBankPage(page);
        await bank.OpenAsync();

        // A sparse file on disk: the browser reads its size from the file system, and nothing large crosses the wire.
        var path = Path.Combine(Path.GetTempPath(), $"huge-{Guid.NewGuid():N}.json");
        await using (var huge = File.Create(path))
        {
            huge.SetLength(33L * 1024 * 1024);
        }
        try
        {
            await bank.ImportAsync(path);

            await Expect(bank.ImportError).ToContainTextAsync("the file is 34,603,008 bytes, over the limit of 20,971,520 bytes");
        }
        finally
        {
            File.Delete(path);
        }
    });

    [Fact]
    public async Task The_export_endpoint_writes_the_whole_bank_as_a_readable_file()
    {
        var key = $"e2e-export-{Guid.NewGuid():N}";
        await AdminTestContent.ImportAsync(Browser.Services, AdminTestContent.PublishedProblem(key, "Exported"));
        await using var scope = Browser.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Response.Body = new MemoryStream();

        var result = await AdminEndpoints.ExportAsync(scope.ServiceProvider.GetRequiredService<BankExporter>(), TimeProvider.System, CancellationToken.None);
        await result.ExecuteAsync(context);

        Assert.Equal("application/json", context.Response.ContentType);
        Assert.Matches(@"attachment; filename=tutorapp-bank-\d{4}-\d{2}-\d{2}\.json", context.Response.Headers.ContentDisposition.ToString());
        context.Response.Body.Position = 0;
        var document = BankJson.Read(context.Response.Body, "export.json");
        var exported = Assert.Single(document.Problems, p => p.Key == key);
        Assert.Equal(2, exported.Versions[0].Tree.Count);
    }
}
