using Microsoft.Playwright;

namespace TutorApp.E2ETests.Pages;

public sealed class LoginPage(IPage page)
{
    public async Task LogInAsync(string email, string password)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
    }

    public async Task LogInAndWaitForHomeAsync(string email, string password, string homePath)
    {
        await LogInAsync(email, password);
        await page.WaitForURLAsync($"**{homePath}");
        await WaitForInteractivityAsync(page);
    }

    public ILocator Error => page.GetByTestId("login-error");

    /// <summary>Prerendered HTML arrives before the circuit; clicks only count once the layout reports it is live.</summary>
    public static Task WaitForInteractivityAsync(IPage page) =>
        page.Locator(".shell[data-interactive=true]").WaitForAsync();
}
