using Microsoft.Playwright;
using TutorApp.E2ETests.Pages;

namespace TutorApp.E2ETests.Admin.Pages;

/// <summary>/admin/skills: the skill list, the skill editor with its prerequisites, and the drawn graph.</summary>
public sealed class AdminSkillsPage(IPage page)
{
    public async Task OpenAsync()
    {
        await page.GotoAsync("/admin/skills");
        await LoginPage.WaitForInteractivityAsync(page);
        await page.GetByTestId("skills-table").WaitForAsync();
    }

    /// <summary>Creates a skill; the page then selects it for editing.</summary>
    public async Task CreateAsync(string name, string description)
    {
        await page.FillAsync("#new-skill-name", name);
        await page.FillAsync("#new-skill-description", description);
        await page.GetByTestId("create-skill-button").ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(EditorTitle).ToHaveTextAsync(name);
    }

    public async Task SelectAsync(string name)
    {
        await page.GetByTestId("skills-table").GetByRole(AriaRole.Button, new() { Name = name, Exact = true }).ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(EditorTitle).ToHaveTextAsync(name);
    }

    public async Task AddPrerequisiteAsync(string name)
    {
        await page.Locator("#add-prerequisite").SelectOptionAsync(new SelectOptionValue { Label = name });
        await page.GetByTestId("add-prerequisite").ClickAsync();
        // Done when the page says how it went: added, or refused.
        await Microsoft.Playwright.Assertions.Expect(Message.Or(Error)).ToContainTextAsync(name);
    }

    public ILocator EditorTitle => page.Locator("#skill-editor-title");

    public ILocator Prerequisites => page.GetByTestId("prerequisites");

    public ILocator Message => page.GetByTestId("skill-message");

    public ILocator Error => page.GetByTestId("skill-error");

    public ILocator Graph => page.GetByTestId("skill-graph");

    /// <summary>A skill's box in the SVG graph (a group with the button role, named after the skill).</summary>
    public ILocator GraphBox(string name) => Graph.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });
}
