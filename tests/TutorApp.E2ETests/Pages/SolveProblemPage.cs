using Microsoft.Playwright;

namespace TutorApp.E2ETests.Pages;

public sealed class SolveProblemPage(IPage page)
{
    public async Task OpenFromListAsync(string title)
    {
        await page.GotoAsync("/student");
        await LoginPage.WaitForInteractivityAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await page.Locator("h1", new() { HasText = title }).WaitForAsync();
        await LoginPage.WaitForInteractivityAsync(page);
    }

    public ILocator Statement => page.Locator(".statement");

    public ILocator Step(int position) => page.GetByTestId($"step-{position}");

    public async Task AnswerAsync(string answer)
    {
        await page.Locator("input#answer, #answer input").First.FillAsync(answer);
        await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
    }

    public ILocator Feedback => page.GetByTestId("feedback");

    public ILocator Done => page.GetByTestId("problem-done");
}
