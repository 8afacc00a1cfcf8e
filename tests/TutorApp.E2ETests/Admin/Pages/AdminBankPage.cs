using Microsoft.Playwright;
using TutorApp.E2ETests.Pages;

namespace TutorApp.E2ETests.Admin.Pages;

/// <summary>/admin: the problem bank with its filters, "New problem" and the bank file import.</summary>
public sealed class AdminBankPage(IPage page)
{
    public async Task OpenAsync()
    {
        await page.GotoAsync("/admin");
        await LoginPage.WaitForInteractivityAsync(page);
        await Table.WaitForAsync();
    }

    public ILocator Table => page.GetByTestId("problems-table");

    public ILocator ResultCount => page.GetByTestId("result-count");

    public ILocator Row(string title) => Table.Locator("tbody tr", new() { HasText = title });

    public async Task FilterAsync(string? text = null, string? source = null, int? difficulty = null, string? skill = null)
    {
        await page.FillAsync("#filter-text", text ?? "");
        await page.FillAsync("#filter-source", source ?? "");
        await page.Locator("#filter-difficulty").SelectOptionAsync(difficulty?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
        await page.Locator("#filter-skill").SelectOptionAsync(skill is null ? new SelectOptionValue { Value = "" } : new SelectOptionValue { Label = skill });
        await page.GetByTestId("search").ClickAsync();
    }

    /// <summary>Creates a problem through "New problem" and returns the editor it opens.</summary>
    public async Task<ProblemEditorPage> CreateProblemAsync(string title)
    {
        await page.GetByTestId("new-problem").ClickAsync();
        await page.FillAsync("#new-problem-title-input", title);
        await page.GetByTestId("create-problem").ClickAsync();
        await page.WaitForURLAsync("**/admin/problems/versions/*");
        var editor = new ProblemEditorPage(page);
        await editor.WaitUntilLoadedAsync();
        return editor;
    }

    public Task ImportAsync(string fileName, byte[] content) =>
        page.Locator("#import-file").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "application/json", Buffer = content });

    public Task ImportAsync(string path) => page.Locator("#import-file").SetInputFilesAsync(path);

    public ILocator ImportSummary => page.GetByTestId("import-summary");

    public ILocator ImportError => page.GetByTestId("import-error");
}
