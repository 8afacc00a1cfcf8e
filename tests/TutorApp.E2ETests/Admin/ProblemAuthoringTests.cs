using Microsoft.Playwright;
using TutorApp.Data.Identity;
using TutorApp.Data.Seeding;
using TutorApp.E2ETests.Admin.Pages;
using TutorApp.E2ETests.Pages;
using static Microsoft.Playwright.Assertions;

namespace TutorApp.E2ETests.Admin;

/// <summary>An admin authors a problem from nothing to a published version and tries it as a student.</summary>
public sealed class ProblemAuthoringTests(BrowserFixture browser) : BrowserTest(browser)
{
    private static readonly DemoAccount AdminAccount = DemoDataSeeder.Accounts.Single(a => a.Role == Roles.Admin);

    [Fact]
    public Task An_admin_authors_validates_publishes_and_previews_a_problem() => ScenarioAsync("admin-authors-problem", async page =>
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var skill = $"Unit rates {suffix}";
        var title = $"Train journey {suffix}";
        await new LoginPage(page).LogInAndWaitForHomeAsync(AdminAccount.Email, AdminAccount.Password, "/admin");

        var skills = new AdminSkillsPage(page);
        await skills.OpenAsync();
        await skills.CreateAsync(skill, "Speed as distance per unit of time.");
        await Expect(skills.GraphBox(skill)).ToBeVisibleAsync();

        var bank = new AdminBankPage(page);
        await bank.OpenAsync();
        var editor = await bank.CreateProblemAsync(title);
        await Expect(editor.Heading).ToHaveTextAsync(title);
        await Expect(editor.Status).ToContainTextAsync("draft");
        // The new draft's empty step is reported where it is, in words.
        await Expect(editor.Issues.Filter(new() { HasText = "Step 1 (s1) › expected answer" })).ToContainTextAsync("the step has no expected answer");
        await Expect(editor.PublishButton).ToBeDisabledAsync();

        await editor.SetStatementAsync("A train travels $240$ km in $2$ hours. What is its average speed in km per hour?");
        await Expect(editor.StatementPreview.Locator(".katex").First).ToBeVisibleAsync();
        await editor.SetNumberAnswerAsync("final", "120");
        await editor.SetDifficultyAsync(2);
        await editor.SetSourceAsync("E2E authoring");
        await editor.AddProblemSkillAsync(skill);

        await editor.SetPromptAsync("s1", "How many hours does the journey take?");
        await editor.SetStepNumberAnswerAsync("s1", "2");
        await editor.AddStepSkillAsync("s1", skill);
        await editor.AddMisconceptionAsync("s1", "m1", "Takes the distance for the time.", "240", "Is 240 a distance or a time?");

        // A three-level tree: root → follow-up after a misconception → deeper follow-up.
        await editor.AddRootAsync("s1");
        await editor.SetNodeTextAsync("Which number in the problem tells you how long the trip is?");
        await editor.SetMoveAsync("Focus", "Guiding student focus");
        await editor.AddHintAsync("Look for a unit of time.");
        await editor.AddHintAsync("Hours are a unit of time.");
        await editor.AddHintAsync("The journey takes 2 hours.");
        await editor.MarkLastHintBottomOutAsync(3);
        await Expect(editor.NodeEditor.GetByTestId("hint-3").GetByTestId("bottom-out-flag")).ToBeVisibleAsync();
        await editor.AddChildAsync("s1.q2");
        await editor.SetTriggerAsync("misconception");
        await editor.SetNodeTextAsync("Is that number measured in kilometres or in hours?");
        await editor.AddChildAsync("s1.q3");
        await editor.SetTriggerAsync("incomplete");
        await editor.SetNodeTextAsync("Which word right after the number tells you its unit?");

        // Drawn as a tree: the grandchild's box sits inside the child's branch, inside the root's branch.
        await Expect(editor.Tree("s1").Locator("li:has([data-testid='node-s1.q1']) li:has([data-testid='node-s1.q2']) [data-testid='node-s1.q3']"))
            .ToBeVisibleAsync();
        await Expect(editor.Node("s1.q2")).ToContainTextAsync("misconception m1");
        await Expect(editor.Node("s1.q1")).ToContainTextAsync("bottom-out");

        var second = await editor.AddStepAsync();
        Assert.Equal("s2", second);
        await editor.SetPromptAsync("s2", "What is the average speed in km per hour?");
        await editor.SetStepNumberAnswerAsync("s2", "120");
        await editor.AddStepSkillAsync("s2", skill);
        await editor.DependOnAsync("s2", "s1");

        // The second step has no root question yet: an error that blocks publishing.
        var unreachable = editor.Issues.Filter(new() { HasText = "Step 2 (s2)" }).Filter(new() { HasText = "no root question" });
        await Expect(unreachable).ToHaveCountAsync(1);
        await Expect(editor.ValidationSummary).ToContainTextAsync("to fix before publishing");
        await Expect(editor.PublishButton).ToBeDisabledAsync();
        await editor.SaveAsync(); // a draft may be saved with errors that only block publishing

        await editor.AddRootAsync("s2");
        await editor.SetNodeTextAsync("How far does the train go in one hour?");
        await Expect(unreachable).ToHaveCountAsync(0);
        await Expect(editor.ValidationSummary).ToContainTextAsync("ready to publish");

        await editor.PublishAsync();
        await Expect(editor.Message).ToContainTextAsync("published");
        await Expect(page.GetByTestId("edit-as-new-version")).ToBeVisibleAsync();
        await Expect(page.Locator("#node-text, #title").First).ToBeDisabledAsync();

        await editor.PreviewAsync();
        var solve = new ProblemSolverPage(page);
        await Expect(page.Locator("h1")).ToHaveTextAsync(title);
        await solve.AnswerAsync("240");
        await Expect(solve.Feedback).ToContainTextAsync("Not quite");
        await solve.AnswerAsync("2");
        await Expect(solve.Step(1)).ToContainTextAsync("✓ Solved");
        await solve.AnswerAsync("120 km/h");
        await Expect(solve.Done).ToContainTextAsync("You solved every step");

        // The bank's filters find the new problem, now published.
        await bank.OpenAsync();
        await bank.FilterAsync(text: suffix);
        await Expect(bank.Table.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(bank.Row(title)).ToContainTextAsync("published");
        await bank.FilterAsync(skill: skill, difficulty: 2);
        await Expect(bank.Row(title)).ToBeVisibleAsync();
        await bank.FilterAsync(skill: skill, difficulty: 3);
        await Expect(bank.Row(title)).ToHaveCountAsync(0);
    });

    [Fact]
    public Task A_published_version_is_read_only_and_edited_as_a_new_draft_version() => ScenarioAsync("admin-new-version", async page =>
    {
        var key = $"e2e-versions-{Guid.NewGuid():N}";
        var title = $"Versioned {key[^6..]}";
        await AdminTestContent.ImportAsync(Browser.Services, AdminTestContent.PublishedProblem(key, title));
        await new LoginPage(page).LogInAndWaitForHomeAsync(AdminAccount.Email, AdminAccount.Password, "/admin");
        var bank = new AdminBankPage(page);
        await bank.OpenAsync();
        await bank.FilterAsync(text: key);
        await bank.Row(title).GetByTestId("open-problem").ClickAsync();
        var editor = new ProblemEditorPage(page);
        await editor.WaitUntilLoadedAsync();

        await Expect(editor.Status).ToContainTextAsync("Version 1 · published");
        await Expect(page.Locator("#title")).ToBeDisabledAsync();
        await Expect(page.GetByTestId("save-draft")).ToHaveCountAsync(0);
        await Expect(editor.Tree("s1").Locator("[data-testid^='node-']")).ToHaveCountAsync(2);
        await page.GetByTestId("edit-as-new-version").ClickAsync();

        await Expect(editor.Status).ToContainTextAsync("Version 2 · draft");
        await Expect(page.Locator("#title")).ToBeEnabledAsync();
        await Expect(page.GetByTestId("version-history")).ToContainTextAsync("Version 1");
        await editor.SelectNodeAsync("s1.q2");
        await Expect(page.Locator("#node-misconception")).ToHaveValueAsync("m1");
        await Expect(editor.ValidationSummary).ToContainTextAsync("ready to publish");
    });
}
