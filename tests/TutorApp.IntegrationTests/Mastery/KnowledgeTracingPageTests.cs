using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using TutorApp.Data.Seeding;
using TutorApp.IntegrationTests.KnowledgeTracing;
using TutorApp.KnowledgeTracing;
using TutorApp.TestSupport;

namespace TutorApp.IntegrationTests.Mastery;

/// <summary>The admin page of the active model, with the shipped PSI-KT configured (a real card, a real ONNX session).</summary>
public sealed class KnowledgeTracingPageTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private TutorAppFactory? _factory;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _factory = new TutorAppFactory(_database.ConnectionString, settings: new Dictionary<string, string>
        {
            ["KnowledgeTracing:Model"] = Path.Combine(KtTestPaths.ShippedModels, "psikt-assist2009.card.json"),
        });
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task An_admin_sees_the_active_model_its_provider_and_its_card()
    {
        var admin = DemoDataSeeder.Accounts.Single(a => a.Role == "Admin");
        var client = _factory!.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await AppFixture.LogInAsync(client, admin.Email, admin.Password);

        var response = await client.GetAsync("/admin/knowledge-tracing");
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1>Knowledge tracing</h1>", body);
        var fingerprint = ModelCard.Read(Path.Combine(KtTestPaths.ShippedModels, "psikt-assist2009.card.json")).Fingerprint;
        Assert.Contains($"data-testid=\"active-tracer\">psikt-assist2009@{fingerprint}</dd>", body);
        Assert.Contains("data-testid=\"execution-provider\">cpu</dd>", body);
        Assert.Contains("data-testid=\"card-dataset\">assist2009 (110 skills; time in steps)</dd>", body);
        Assert.Contains("data-testid=\"card-created\">2026-11-21T22:04:39+00:00</dd>", body);
        // The shipped fold's test AUC and the mean over the five folds, as the card records them.
        Assert.Contains("<td>shipped_fold_test</td><td>auc</td><td>0.8016</td>", body);
        Assert.Contains("<td>mean_over_folds / test</td><td>auc</td><td>0.8005 ± 0.0033</td>", body);
        Assert.DoesNotContain("data-testid=\"fallback\"", body);
    }
}
