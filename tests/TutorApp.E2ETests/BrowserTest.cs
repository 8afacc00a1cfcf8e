using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TutorApp.Data.Identity;
using TutorApp.Data.Seeding;

namespace TutorApp.E2ETests;

/// <summary>Runs a scenario in a fresh browser context and keeps a screenshot of the page when it fails.</summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(BrowserFixture browser)
{
    protected BrowserFixture Browser { get; } = browser;

    protected async Task ScenarioAsync(string name, Func<IPage, Task> scenario, Uri? baseAddress = null)
    {
        await using var context = await Browser.NewContextAsync(baseAddress);
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        // Every scenario doubles as a check of the Content-Security-Policy: anything it blocks (a script, a style, a font,
        // the circuit's socket) is reported on the console, and fails the scenario even when the page still seems to work.
        var blocked = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                blocked.Add(message.Text);
            }
        };
        try
        {
            await scenario(page);
            Assert.True(blocked.Count == 0, "The Content-Security-Policy blocked: " + string.Join(" | ", blocked));
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

    /// <summary>A student of the test's own, so scenarios never share data (or lock each other's accounts out).</summary>
    protected async Task<DemoAccount> NewStudentAsync(string name)
    {
        var email = $"{Guid.NewGuid():N}@e2e.test";
        const string password = "E2e-student-pass-1";
        using var scope = Browser.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, DisplayName = name, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Student)).Succeeded);
        return new DemoAccount(email, password, Roles.Student, name);
    }
}
