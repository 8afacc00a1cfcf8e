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
    public Task A_student_answers_steps_and_gets_feedback_on_each() => ScenarioAsync("student-solves-problem", async page =>
    {
        var student = await NewStudentAsync("Robin Reader");
        await new LoginPage(page).LogInAndWaitForHomeAsync(student.Email, student.Password, "/student");
        var solve = new SolveProblemPage(page);
        await solve.OpenFromListAsync(SampleContent.ProblemTitle);

        // The statement's LaTeX is typeset by KaTeX.
        await Expect(solve.Statement.Locator(".katex").First).ToBeVisibleAsync();

        await solve.AnswerAsync("15");
        await Expect(solve.Feedback).ToContainTextAsync("Not quite");
        await solve.AnswerAsync("lots");
        await Expect(solve.Feedback).ToContainTextAsync("Please answer with a number");
        await solve.AnswerAsync("16");
        await Expect(solve.Step(1)).ToContainTextAsync("✓ Solved");

        await solve.AnswerAsync("5 1/3");
        await Expect(solve.Done).ToContainTextAsync("You solved every step");
    });

    [Fact]
    public Task A_teacher_sees_attempts_per_student_and_skill() => ScenarioAsync("teacher-sees-counts", async page =>
    {
        var student = await NewStudentAsync("Quinn Quickly");
        await new LoginPage(page).LogInAndWaitForHomeAsync(student.Email, student.Password, "/student");
        var solve = new SolveProblemPage(page);
        await solve.OpenFromListAsync(SampleContent.ProblemTitle);
        await solve.AnswerAsync("12");
        await Expect(solve.Feedback).ToContainTextAsync("Not quite");
        await solve.AnswerAsync("16");
        await Expect(solve.Step(1)).ToContainTextAsync("✓ Solved");
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

        await Expect(login.Error).ToHaveTextAsync("The email or password is not correct.");
    });

    private async Task<DemoAccount> NewStudentAsync(string name)
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
