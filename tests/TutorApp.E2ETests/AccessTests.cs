using Microsoft.Playwright;
using TutorApp.Data.Identity;
using TutorApp.Data.Seeding;
using TutorApp.E2ETests.Pages;
using static Microsoft.Playwright.Assertions;

namespace TutorApp.E2ETests;

public sealed class AccessTests(BrowserFixture browser) : BrowserTest(browser)
{
    private static readonly DemoAccount Student = DemoDataSeeder.Accounts.Single(a => a.Role == Roles.Student);

    [Theory]
    [InlineData("/teacher", "Classes")]
    [InlineData("/admin", "Problem bank")]
    public Task A_student_cannot_open_teacher_and_admin_pages(string path, string heading) => ScenarioAsync(
        "student-denied" + path.Replace('/', '-'), async page =>
        {
            await new LoginPage(page).LogInAndWaitForHomeAsync(Student.Email, Student.Password, "/student");

            var response = await page.GotoAsync(path);

            Assert.Equal(403, response!.Status);
            await Expect(page.Locator("h1")).ToHaveTextAsync("Access denied (403)");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading })).ToHaveCountAsync(0);
        });

    [Fact]
    public Task A_student_sees_no_teacher_or_admin_navigation() => ScenarioAsync("student-navigation", async page =>
    {
        await new LoginPage(page).LogInAndWaitForHomeAsync(Student.Email, Student.Password, "/student");

        var navigation = page.Locator(".shell-nav");
        await Expect(navigation).ToContainTextAsync("My problems");
        await Expect(navigation).Not.ToContainTextAsync("Classes");
        await Expect(navigation).Not.ToContainTextAsync("Problem bank");
    });

    [Fact]
    public Task An_anonymous_visitor_is_sent_to_login_and_back_afterwards() => ScenarioAsync("anonymous-return-url", async page =>
    {
        await page.GotoAsync("/student");
        await page.WaitForURLAsync("**/account/login?**");

        await page.FillAsync("#email", Student.Email);
        await page.FillAsync("#password", Student.Password);
        await page.ClickAsync("button[type=submit]");

        await page.WaitForURLAsync("**/student");
        await Expect(page.Locator("h1")).ToHaveTextAsync("My problems");
    });
}
