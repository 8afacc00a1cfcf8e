using Microsoft.Playwright;
using TutorApp.Data.Identity;
using TutorApp.Data.Seeding;
using TutorApp.E2ETests.Pages;
using static Microsoft.Playwright.Assertions;

namespace TutorApp.E2ETests.Teacher;

public sealed class TeacherDashboardTests(BrowserFixture browser) : BrowserTest(browser)
{
    private static readonly DemoAccount DemoTeacher = DemoDataSeeder.Accounts.Single(a => a.Role == Roles.Teacher);

    [Fact]
    public Task A_teacher_creates_a_class_imports_a_roster_and_sees_a_students_session_on_the_heatmap_and_in_the_transcript() => ScenarioAsync(
        "teacher-dashboard", async page =>
        {
            var student = await NewStudentAsync("Robin Roster");
            await new LoginPage(page).LogInAndWaitForHomeAsync(DemoTeacher.Email, DemoTeacher.Password, "/teacher");
            var classes = new ClassPages(page);
            var classId = await classes.CreateClassAsync($"Year 5 {Guid.NewGuid():N}"[..16]);

            // A roster with an unknown email imports no one and names the line.
            await classes.UploadRosterAsync("bad-roster.csv", $"name,email\nRobin,{student.Email}\nNobody,nobody@nowhere.example\n");
            await Expect(classes.RosterError).ToContainTextAsync("line 3, email: no account has the email \"nobody@nowhere.example\"");
            await Expect(classes.StudentList).ToHaveCountAsync(0);

            await classes.UploadRosterAsync("roster.csv", $"name,email\nRobin,{student.Email}\n");
            await Expect(classes.RosterSummary).ToContainTextAsync("1 added");
            await Expect(classes.StudentList).ToContainTextAsync("Robin Roster");

            // Before any practice the student's row has no mastery cells.
            await classes.OpenDashboardAsync(classId);
            await Expect(classes.HeatmapRow("Robin Roster")).ToBeVisibleAsync();
            await Expect(classes.HeatmapRow("Robin Roster").Locator("td.cell[data-mastery]")).ToHaveCountAsync(0);

            // The student works a session in a browser of their own.
            await using (var studentContext = await Browser.NewContextAsync())
            {
                var studentPage = await studentContext.NewPageAsync();
                studentPage.SetDefaultTimeout(15_000);
                await new LoginPage(studentPage).LogInAndWaitForHomeAsync(student.Email, student.Password, "/student");
                var tutoring = new TutoringPage(studentPage);
                await tutoring.StartFromHomeAsync(SampleContent.ProblemTitle);
                await tutoring.SayAsync("I think there are 16 slices");
                await tutoring.SayAsync("each friend gets 2/3");
                await tutoring.AskForHintAsync();
            }

            await page.ReloadAsync();
            await LoginPage.WaitForInteractivityAsync(page);
            var cell = classes.Cell("Robin Roster", "Multiplication");
            await Expect(cell).ToHaveAttributeAsync("data-mastery", new System.Text.RegularExpressions.Regex(@"^0\.\d{3}$"));
            await Expect(classes.Cell("Robin Roster", "Division with remainders")).ToBeVisibleAsync();

            // The cell opens the student's detail for that skill; the session opens its annotated transcript.
            await cell.Locator("a").ClickAsync();
            await page.WaitForURLAsync("**/students/**skill=*");
            await LoginPage.WaitForInteractivityAsync(page);
            await Expect(page.Locator("[data-testid=mastery-row].highlight")).ToHaveAttributeAsync("data-skill", "Multiplication");
            await page.GetByTestId("student-sessions").GetByRole(AriaRole.Button, new() { Name = SampleContent.ProblemTitle }).ClickAsync();
            await Expect(classes.Transcript).ToContainTextAsync("each friend gets 2/3");
            await Expect(classes.Transcript).ToContainTextAsync("misconception: Divides the number of pizzas instead of the number of slices.");
            await Expect(classes.Transcript).ToContainTextAsync("asked for a hint");
            await Expect(classes.Transcript.Locator("[data-testid=transcript-turn][data-move=Focus]", new() { HasText = "Look at the last sentence" }))
                .ToBeVisibleAsync();
        });
}
