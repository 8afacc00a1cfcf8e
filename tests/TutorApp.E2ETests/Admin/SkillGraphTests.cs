using TutorApp.Data.Identity;
using TutorApp.Data.Seeding;
using TutorApp.E2ETests.Admin.Pages;
using TutorApp.E2ETests.Pages;
using static Microsoft.Playwright.Assertions;

namespace TutorApp.E2ETests.Admin;

public sealed class SkillGraphTests(BrowserFixture browser) : BrowserTest(browser)
{
    private static readonly DemoAccount AdminAccount = DemoDataSeeder.Accounts.Single(a => a.Role == Roles.Admin);

    [Fact]
    public Task A_prerequisite_that_would_close_a_cycle_is_refused_with_the_cycle_named() => ScenarioAsync("admin-skill-cycle", async page =>
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (basics, advanced) = ($"Place value {suffix}", $"Long division {suffix}");
        await new LoginPage(page).LogInAndWaitForHomeAsync(AdminAccount.Email, AdminAccount.Password, "/admin");
        var skills = new AdminSkillsPage(page);
        await skills.OpenAsync();
        await skills.CreateAsync(basics, "Digits are worth ones, tens, hundreds.");
        await skills.CreateAsync(advanced, "Dividing digit by digit.");

        await skills.AddPrerequisiteAsync(basics);
        await Expect(skills.Message).ToContainTextAsync($"{basics} is now a prerequisite of {advanced}");
        await Expect(skills.Prerequisites).ToContainTextAsync(basics);
        // Drawn with the prerequisite in a layer above the skill that needs it.
        var upper = int.Parse((await skills.GraphBox(basics).GetAttributeAsync("data-layer"))!);
        var lower = int.Parse((await skills.GraphBox(advanced).GetAttributeAsync("data-layer"))!);
        Assert.True(upper < lower, $"{basics} (layer {upper}) should be above {advanced} (layer {lower})");

        await skills.SelectAsync(basics);
        await skills.AddPrerequisiteAsync(advanced);

        // The cycle is named from wherever the search met it first; either way round it is the same two skills.
        await Expect(skills.Error).ToContainTextAsync(new System.Text.RegularExpressions.Regex(
            $"That prerequisite would make a cycle: ({basics} → {advanced} → {basics}|{advanced} → {basics} → {advanced})\\."));
        await Expect(skills.Prerequisites).Not.ToContainTextAsync(advanced);

        // Each change is in the audit log, under the admin's name; the refused one is not.
        await page.GotoAsync("admin/audit");
        var log = page.GetByTestId("audit-table");
        await Expect(log.GetByTestId("audit-row").Filter(new() { HasText = "skill.create" }).Filter(new() { HasText = advanced })).ToHaveCountAsync(1);
        var added = log.GetByTestId("audit-row").Filter(new() { HasText = $"{basics} before {advanced}" });
        await Expect(added).ToHaveCountAsync(1);
        await Expect(added).ToContainTextAsync("skill.add-prerequisite");
        await Expect(added).ToContainTextAsync(AdminAccount.Email);
        await Expect(log.GetByTestId("audit-row").Filter(new() { HasText = $"{advanced} before {basics}" })).ToHaveCountAsync(0);
    });
}
