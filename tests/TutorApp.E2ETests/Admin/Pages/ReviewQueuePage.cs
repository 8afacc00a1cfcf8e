using Microsoft.Playwright;
using TutorApp.E2ETests.Pages;

namespace TutorApp.E2ETests.Admin.Pages;

/// <summary>/admin/review: imported drafts, flagged questions first; publish one or all.</summary>
public sealed class ReviewQueuePage(IPage page)
{
    public async Task OpenAsync()
    {
        await page.GotoAsync("/admin/review");
        await LoginPage.WaitForInteractivityAsync(page);
    }

    public ILocator Items => page.GetByTestId("review-item");

    public ILocator Item(string key) => page.Locator($"[data-testid=review-item][data-key='{key}']");

    public ILocator Message => page.GetByTestId("review-message");

    public ILocator Empty => page.GetByTestId("queue-empty");

    public Task PublishAsync(string key) => Item(key).GetByTestId("publish-draft").ClickAsync();

    public async Task PublishAllAsync()
    {
        await page.GetByTestId("publish-all").ClickAsync();
        await page.GetByTestId("confirm-publish-all").ClickAsync();
    }
}
