using System.Text;
using Microsoft.Playwright;
using TutorApp.E2ETests.Pages;

namespace TutorApp.E2ETests.Teacher;

/// <summary>The teacher's class pages: creating a class, the roster, the heatmap and a student's detail.</summary>
public sealed class ClassPages(IPage page)
{
    /// <summary>Creates a class from the teacher's home and returns its id (the page moves on to its students).</summary>
    public async Task<int> CreateClassAsync(string name)
    {
        await page.GotoAsync("/teacher");
        await LoginPage.WaitForInteractivityAsync(page);
        await page.FillAsync("#class-name", name);
        await page.GetByTestId("create-class").ClickAsync();
        await page.WaitForURLAsync("**/teacher/classes/*/students");
        await LoginPage.WaitForInteractivityAsync(page);
        return int.Parse(page.Url.Split('/')[^2]);
    }

    public async Task UploadRosterAsync(string fileName, string csv) =>
        await page.SetInputFilesAsync("#roster-file", new FilePayload { Name = fileName, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });

    public ILocator RosterError => page.GetByTestId("roster-error");

    public ILocator RosterSummary => page.GetByTestId("roster-summary");

    public ILocator StudentList => page.GetByTestId("student-list");

    public async Task OpenDashboardAsync(int classId)
    {
        await page.GotoAsync($"/teacher/classes/{classId}");
        await LoginPage.WaitForInteractivityAsync(page);
    }

    public ILocator HeatmapRow(string studentName) => page.Locator($"[data-testid=heatmap-row][data-student='{studentName}']");

    public ILocator Cell(string studentName, string skill) => HeatmapRow(studentName).Locator($"td.cell[data-skill='{skill}']");

    public ILocator Transcript => page.GetByTestId("transcript");
}
