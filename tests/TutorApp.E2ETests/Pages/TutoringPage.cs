using Microsoft.Playwright;

namespace TutorApp.E2ETests.Pages;

public sealed class TutoringPage(IPage page)
{
    /// <summary>Starts (or resumes) a problem from the student's home and waits for the tutor's first question.</summary>
    public async Task StartFromHomeAsync(string title)
    {
        await page.GotoAsync("/student");
        await LoginPage.WaitForInteractivityAsync(page);
        await page.GetByTestId("problem-list").GetByRole(AriaRole.Button, new() { Name = title }).ClickAsync();
        await page.WaitForURLAsync("**/student/sessions/*");
        await LoginPage.WaitForInteractivityAsync(page);
        await TutorTurns.First.WaitForAsync();
    }

    public ILocator TutorTurns => page.Locator("[data-testid=turn][data-speaker=Tutor]");

    public ILocator LastTutorTurn => TutorTurns.Last;

    public ILocator Progress => page.GetByTestId("progress");

    public ILocator Finish => page.GetByTestId("finish");

    public async Task SayAsync(string message)
    {
        var before = await TutorTurns.CountAsync();
        await page.FillAsync("#message", message);
        await page.PressAsync("#message", "Enter");
        await WaitForNewTutorTurnAsync(before);
    }

    public async Task AskForHintAsync()
    {
        var before = await TutorTurns.CountAsync();
        await page.GetByTestId("hint").ClickAsync();
        await WaitForNewTutorTurnAsync(before);
    }

    private Task WaitForNewTutorTurnAsync(int before) =>
        page.WaitForFunctionAsync("n => document.querySelectorAll('[data-testid=turn][data-speaker=Tutor]').length > n", before);
}
