using Microsoft.Playwright;

namespace TutorApp.E2ETests.Pages;

public sealed class ProblemEditorPage(IPage page)
{
    public async Task OpenAsync()
    {
        await page.GotoAsync("/admin/problems/new");
        await LoginPage.WaitForInteractivityAsync(page);
    }

    public Task SetTitleAsync(string title) => Input("title").FillAsync(title);

    public Task SetStatementAsync(string markdown) => page.FillAsync("#statement", markdown);

    public ILocator Preview => page.GetByTestId("statement-preview");

    public Task AddStepAsync() => page.GetByTestId("add-step").ClickAsync();

    public async Task FillStepAsync(int number, string prompt, string expected, string tolerance, string skill)
    {
        await Input($"step-{number}-prompt").FillAsync(prompt);
        await Input($"step-{number}-expected").FillAsync(expected);
        await Input($"step-{number}-tolerance").FillAsync(tolerance);
        await Input($"step-{number}-skill").FillAsync(skill);
        await page.Keyboard.PressAsync("Escape");
    }

    public Task SaveAsync() => page.GetByTestId("save-problem").ClickAsync();

    public ILocator Errors => page.GetByTestId("form-errors");

    // Radzen puts a given id on the input itself or on its wrapper, depending on the component.
    private ILocator Input(string id) => page.Locator($"input#{id}, #{id} input").First;
}
