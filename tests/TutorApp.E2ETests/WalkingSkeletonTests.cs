using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TutorApp.Data.Identity;
using TutorApp.Data.Seeding;
using TutorApp.E2ETests.Pages;
using static Microsoft.Playwright.Assertions;

namespace TutorApp.E2ETests;

/// <summary>The skeleton through all three roles, in the browser.</summary>
public sealed class WalkingSkeletonTests(BrowserFixture browser) : BrowserTest(browser)
{
    private static readonly DemoAccount Teacher = DemoDataSeeder.Accounts.Single(a => a.Role == Roles.Teacher);

    [Fact]
    public Task A_wrong_password_shows_a_message_in_the_page() => ScenarioAsync("wrong-password", async page =>
    {
        var login = new LoginPage(page);
        await login.LogInAsync(Teacher.Email, "definitely-wrong");

        await Expect(login.Error).ToHaveTextAsync(TutorApp.Web.Auth.AuthExtensions.SignInRefusedMessage);
    });
}
