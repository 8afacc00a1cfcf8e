using Microsoft.Playwright;

namespace TutorApp.E2ETests.Pages;

/// <summary>The step-by-step solver, as the admin's "preview as a student" shows it.</summary>
public sealed class ProblemSolverPage(IPage page)
{
    public ILocator Step(int position) => page.GetByTestId($"step-{position}");

    public async Task AnswerAsync(string answer)
    {
        await page.Locator("input#answer, #answer input").First.FillAsync(answer);
        await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
    }

    public ILocator Feedback => page.GetByTestId("feedback");

    public ILocator Done => page.GetByTestId("problem-done");
}
