using Microsoft.Playwright;

namespace TutorApp.E2ETests;

/// <summary>Runs a scenario in a fresh browser context and keeps a screenshot of the page when it fails.</summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(BrowserFixture browser)
{
    protected BrowserFixture Browser { get; } = browser;

    protected async Task ScenarioAsync(string name, Func<IPage, Task> scenario)
    {
        await using var context = await Browser.NewContextAsync();
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        try
        {
            await scenario(page);
        }
        catch (Exception failure)
        {
            var directory = Path.Combine(TutorApp.Data.Hosting.ContentRoot.Find(), "TestResults", "screenshots");
            Directory.CreateDirectory(directory);
            var file = Path.Combine(directory, $"{name}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
            throw new Exception($"Scenario '{name}' failed at {page.Url}; screenshot: {file}", failure);
        }
    }
}
