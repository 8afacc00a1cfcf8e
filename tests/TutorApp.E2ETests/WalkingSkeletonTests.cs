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
    public Task A_teacher_sees_attempts_per_student_and_skill() => ScenarioAsync("teacher-sees-counts", async page =>
    {
        var student = await NewStudentAsync("Quinn Quickly");
        await new LoginPage(page).LogInAndWaitForHomeAsync(student.Email, student.Password, "/student");
        var tutoring = new TutoringPage(page);
        await tutoring.StartFromHomeAsync(SampleContent.ProblemTitle);
        await tutoring.SayAsync("12");
        await tutoring.SayAsync("16");
        await Expect(tutoring.Progress).ToContainTextAsync("1 of 2");
        await page.ClickAsync("button:has-text('Log out')");
        await page.WaitForURLAsync("**/account/login");

        await new LoginPage(page).LogInAndWaitForHomeAsync(Teacher.Email, Teacher.Password, "/teacher");

        var row = page.GetByTestId("correctness-table").Locator("tr", new() { HasText = "Quinn Quickly" });
        await Expect(row).ToContainTextAsync("Multiplication");
        await Expect(row.Locator("td")).ToHaveTextAsync(["Quinn Quickly", "Multiplication", "2", "1", "50%"]);
    });

    [Fact]
    public Task A_wrong_password_shows_a_message_in_the_page() => ScenarioAsync("wrong-password", async page =>
    {
        var login = new LoginPage(page);
        await login.LogInAsync(Teacher.Email, "definitely-wrong");

        await Expect(login.Error).ToHaveTextAsync(TutorApp.Web.Auth.AuthExtensions.SignInRefusedMessage);
    });
}
