using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TutorApp.Data.Identity;
using TutorApp.Data.Seeding;
using TutorApp.E2ETests.Pages;
using TutorApp.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace TutorApp.E2ETests.Admin;

/// <summary>A second app, configured with a tutor and a simulator model on a scripted chat server on loopback.</summary>
public sealed class LlmAppFixture : IAsyncLifetime
{
    public const string ApiKey = "sk-e2e-never-shown";

    private readonly TestDatabase _database = new();
    private TutorAppFactory? _app;

    public ScriptedChatServer Chat { get; private set; } = default!;
    public Uri BaseAddress { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Chat = await ScriptedChatServer.StartAsync();
        await _database.InitializeAsync();
        _app = new TutorAppFactory(_database.ConnectionString, settings: new Dictionary<string, string>
        {
            ["Llm:Endpoint"] = Chat.Endpoint.ToString(),
            ["Llm:Model"] = "scripted-tutor",
            ["Llm:ApiKey"] = ApiKey,
            ["Llm:Simulator:Model"] = "scripted-student",
            ["Llm:MaxRetries"] = "0",
        });
        BaseAddress = _app.StartKestrel();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        await Chat.DisposeAsync();
        await _database.DisposeAsync();
    }
}

public sealed class LlmPageTests(BrowserFixture browser, LlmAppFixture llm) : BrowserTest(browser), IClassFixture<LlmAppFixture>
{
    private static readonly DemoAccount Admin = DemoDataSeeder.Accounts.Single(a => a.Role == Roles.Admin);

    [Fact]
    public Task An_admin_sees_the_configuration_without_the_key_and_tests_both_models() => ScenarioAsync("admin-llm", async page =>
    {
        // The tutor model answers; the simulator's endpoint fails, as a misconfigured one would.
        llm.Chat.Script = request => request.Model == "scripted-tutor"
            ? new ScriptedResponse.Reply("OK")
            : new ScriptedResponse.Status(503);
        await new LoginPage(page).LogInAndWaitForHomeAsync(Admin.Email, Admin.Password, "/admin");

        await page.GotoAsync("/admin/llm");
        await LoginPage.WaitForInteractivityAsync(page);

        var configuration = page.GetByTestId("llm-config");
        await Expect(configuration).ToContainTextAsync("scripted-tutor");
        await Expect(page.GetByTestId("llm-key")).ToHaveTextAsync("set (hidden)");
        Assert.DoesNotContain(LlmAppFixture.ApiKey, await page.ContentAsync());

        await page.GetByTestId("llm-test").ClickAsync();

        var results = page.GetByTestId("llm-test-result");
        await Expect(results).ToHaveCountAsync(2);
        await Expect(results.Nth(0)).ToContainTextAsync(new Regex(@"Tutor \(scripted-tutor\): replied in \d+ ms"));
        await Expect(results.Nth(0)).ToHaveClassAsync("status-ok");
        await Expect(results.Nth(1)).ToContainTextAsync("Student simulator (scripted-student): ");
        await Expect(results.Nth(1)).ToHaveClassAsync("field-error");
        Assert.Contains(llm.Chat.Requests, r => r.Model == "scripted-student");

        // The call log is written in the background: the two test calls show in the table once stored.
        var calls = page.GetByTestId("llm-calls").Locator("tbody tr").Filter(new() { HasText = "test" });
        for (var attempt = 0; attempt < 20 && await calls.CountAsync() < 2; attempt++)
        {
            await Task.Delay(250);
            await page.ReloadAsync();
        }
        await Expect(calls.Filter(new() { HasText = "scripted-tutor" })).ToContainTextAsync("ok");
        await Expect(calls.Filter(new() { HasText = "scripted-student" })).ToContainTextAsync("failed");
    }, llm.BaseAddress);
}
