using Microsoft.Playwright;
using TutorApp.E2ETests.Pages;
using static Microsoft.Playwright.Assertions;

namespace TutorApp.E2ETests.Admin.Pages;

/// <summary>/admin/problems/versions/{id}: the problem editor. Steps and questions are addressed by their keys (s1, s1.q2).</summary>
public sealed class ProblemEditorPage(IPage page)
{
    public async Task WaitUntilLoadedAsync()
    {
        await LoginPage.WaitForInteractivityAsync(page);
        await Expect(page.GetByTestId("validation-summary")).ToBeVisibleAsync();
    }

    public ILocator Heading => page.Locator("h1");
    public ILocator Status => page.GetByTestId("version-status");
    public ILocator Message => page.GetByTestId("editor-message");
    public ILocator StatementPreview => page.GetByTestId("statement-preview");
    public ILocator ValidationSummary => page.GetByTestId("validation-summary");
    public ILocator Issues => page.GetByTestId("validation-panel").GetByTestId("issue");
    public ILocator PublishButton => page.GetByTestId("publish");
    public ILocator Step(string key) => page.GetByTestId($"step-{key}");
    public ILocator Tree(string stepKey) => page.GetByTestId($"tree-{stepKey}");
    public ILocator Node(string key) => page.GetByTestId($"node-{key}");
    public ILocator NodeEditor => page.GetByTestId("node-editor");

    /// <summary>Fills a field bound on "change" and leaves it, so the circuit gets the value before the next action.</summary>
    private async Task CommitAsync(string selector, string value)
    {
        var field = page.Locator(selector);
        await field.FillAsync(value);
        await field.BlurAsync();
    }

    public Task SetTitleAsync(string title) => CommitAsync("#title", title);

    public Task SetStatementAsync(string markdown) => page.FillAsync("#statement", markdown);

    public async Task SetNumberAnswerAsync(string prefix, string value)
    {
        await page.Locator($"#{prefix}-kind").SelectOptionAsync("Number");
        await CommitAsync($"#{prefix}-value", value);
    }

    public Task SetDifficultyAsync(int difficulty) =>
        page.Locator("#difficulty").SelectOptionAsync(difficulty.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public Task SetSourceAsync(string source) => CommitAsync("#source", source);

    public Task AddProblemSkillAsync(string skill) =>
        page.Locator("#problem-skills-add").SelectOptionAsync(new SelectOptionValue { Label = skill });

    public async Task<string> AddStepAsync()
    {
        var before = await page.Locator("section[data-testid^='step-s']").CountAsync();
        await page.GetByTestId("add-step").ClickAsync();
        await Expect(page.Locator("section[data-testid^='step-s']")).ToHaveCountAsync(before + 1);
        return (await page.Locator("section[data-testid^='step-s']").Last.GetAttributeAsync("data-testid"))!["step-".Length..];
    }

    public Task SetPromptAsync(string step, string prompt) => CommitAsync($"#step-{step}-prompt", prompt);

    public Task SetStepNumberAnswerAsync(string step, string value) => SetNumberAnswerAsync($"step-{step}-expected", value);

    public Task AddStepSkillAsync(string step, string skill) =>
        page.Locator($"#step-{step}-skills-add").SelectOptionAsync(new SelectOptionValue { Label = skill });

    public Task DependOnAsync(string step, string on) => page.Locator($"#step-{step}-depends-{on}").CheckAsync();

    public async Task AddMisconceptionAsync(string step, string key, string description, string wrongValues, string remediation)
    {
        await Step(step).GetByTestId("add-misconception").ClickAsync();
        await CommitAsync($"#step-{step}-{key}-description", description);
        await CommitAsync($"#step-{step}-{key}-wrong-values", wrongValues);
        await CommitAsync($"#step-{step}-{key}-remediation", remediation);
    }

    /// <summary>Adds the step's root question, which the editor then selects.</summary>
    public async Task AddRootAsync(string step)
    {
        await Step(step).GetByTestId("add-root").ClickAsync();
        await Expect(NodeEditor).ToBeVisibleAsync();
    }

    public async Task SelectNodeAsync(string key)
    {
        await Node(key).ClickAsync();
        await Expect(page.Locator("#node-editor-title")).ToContainTextAsync(key);
    }

    /// <summary>Adds a follow-up under the selected question, which the editor then selects.</summary>
    public async Task AddChildAsync(string expectedKey)
    {
        await NodeEditor.GetByTestId("add-child").ClickAsync();
        await Expect(page.Locator("#node-editor-title")).ToContainTextAsync(expectedKey);
    }

    public Task SetNodeTextAsync(string text) => CommitAsync("#node-text", text);

    public Task SetTriggerAsync(string trigger) => page.Locator("#node-trigger").SelectOptionAsync(trigger);

    public async Task SetMoveAsync(string move, string subMove)
    {
        await page.Locator("#node-move").SelectOptionAsync(move);
        await CommitAsync("#node-submove", subMove);
    }

    public async Task AddHintAsync(string text)
    {
        var level = await NodeEditor.Locator("li.hint").CountAsync() + 1;
        await NodeEditor.GetByTestId("add-hint").ClickAsync();
        await CommitAsync($"#node-hint-{level}", text);
    }

    public Task MarkLastHintBottomOutAsync(int level) => page.Locator($"#node-hint-{level}-bottom-out").CheckAsync();

    public async Task SaveAsync()
    {
        await page.GetByTestId("save-draft").ClickAsync();
        await Expect(Message).ToContainTextAsync("Draft saved");
    }

    public async Task PublishAsync()
    {
        await Expect(PublishButton).ToBeEnabledAsync();
        await PublishButton.ClickAsync();
        await Expect(Status).ToContainTextAsync("published");
    }

    public async Task PreviewAsync()
    {
        await page.GetByTestId("preview").ClickAsync();
        await page.WaitForURLAsync("**/preview");
        await page.GetByTestId("preview-banner").WaitForAsync();
    }
}
