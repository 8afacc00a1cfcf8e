using TutorApp.Data.Tutoring;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TutorApp.Data.Content;
using TutorApp.Data.Identity;
using TutorApp.Domain.Mastery;
using TutorApp.IntegrationTests.KnowledgeTracing;
using TutorApp.KnowledgeTracing;
using TutorApp.TestSupport;
using TutorApp.Web.Tutoring;

namespace TutorApp.IntegrationTests.Faults;

/// <summary>
/// The whole app started with a broken knowledge-tracing set-up: it must start, tutor on BKT, and say on /health/ready
/// which component is degraded and why. A missing native library: <see cref="NativeLibraryMissingTests"/>.
/// </summary>
public sealed class KnowledgeTracingFaultTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private readonly string _scratch = Directory.CreateTempSubdirectory("tutor-kt-fault-").FullName;

    public Task InitializeAsync() => _database.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_scratch, recursive: true);
    }

    public enum Fault { ModelFileMissing, ModelFileCorrupt }

    [Theory]
    [InlineData(Fault.ModelFileMissing, "dkt-assist2009.onnx")]
    [InlineData(Fault.ModelFileCorrupt, "dkt-assist2009.onnx")]
    public async Task The_app_starts_tutors_on_bkt_and_reports_the_degraded_component(Fault fault, string named)
    {
        var modelDirectory = CopyShippedModel();
        switch (fault)
        {
            case Fault.ModelFileMissing:
                File.Delete(Path.Combine(modelDirectory, "dkt-assist2009.onnx"));
                break;
            case Fault.ModelFileCorrupt:
                CorruptKeepingTheChecksum(modelDirectory);
                break;
        }
        await using var app = new TutorAppFactory(_database.ConnectionString, settings: new Dictionary<string, string>
        {
            ["KnowledgeTracing:Model"] = Path.Combine(modelDirectory, "dkt-assist2009.card.json"),
        });

        var ready = await app.CreateClient().GetAsync("/health/ready");
        var report = await ready.Content.ReadFromJsonAsync<JsonElement>();
        var check = report.GetProperty("checks").GetProperty("knowledge-tracing");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Degraded", report.GetProperty("status").GetString());
        Assert.Equal("Degraded", check.GetProperty("status").GetString());
        Assert.Contains(named, check.GetProperty("description").GetString());
        Assert.IsType<BktTracer>(app.Services.GetRequiredService<IKnowledgeTracer>());
        await AssertATurnIsTutoredAsync(app);
    }

    [Fact]
    public async Task With_the_shipped_model_knowledge_tracing_is_healthy()
    {
        var cardPath = Path.Combine(CopyShippedModel(), "dkt-assist2009.card.json");
        await using var app = new TutorAppFactory(_database.ConnectionString, settings: new Dictionary<string, string>
        {
            ["KnowledgeTracing:Model"] = cardPath,
        });

        var report = await app.CreateClient().GetFromJsonAsync<JsonElement>("/health/ready");

        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        Assert.Equal($"dkt-assist2009@{ModelCard.Read(cardPath).Fingerprint} on cpu", report.GetProperty("checks").GetProperty("knowledge-tracing").GetProperty("description").GetString());
    }

    private string CopyShippedModel()
    {
        var directory = Directory.CreateDirectory(Path.Combine(_scratch, Guid.NewGuid().ToString("N"))).FullName;
        foreach (var file in Directory.GetFiles(KtTestPaths.ShippedModels, "dkt-assist2009.*"))
        {
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)));
        }
        return directory;
    }

    /// <summary>Half the model's bytes, with the card's checksum updated to match, so that ONNX Runtime itself must reject the file.</summary>
    private static void CorruptKeepingTheChecksum(string directory)
    {
        var onnx = Path.Combine(directory, "dkt-assist2009.onnx");
        var bytes = File.ReadAllBytes(onnx);
        File.WriteAllBytes(onnx, bytes[..(bytes.Length / 2)]);
        var cardPath = Path.Combine(directory, "dkt-assist2009.card.json");
        var card = JsonNode.Parse(File.ReadAllText(cardPath))!;
        card["sha256"] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(onnx)));
        File.WriteAllText(cardPath, card.ToJsonString());
    }

    private static async Task AssertATurnIsTutoredAsync(TutorAppFactory app)
    {
        var (student, _) = await TestUsers.CreateAsync(app.Services, Roles.Student, "kt-fault");
        var client = await TestUsers.TokenClientAsync(app, student.Email, student.Password);
        int problemId;
        using (var scope = app.Services.CreateScope())
        {
            problemId = (await scope.ServiceProvider.GetRequiredService<ProblemBank>().ListPublishedAsync()).First().ProblemId;
        }
        var session = (await (await client.PostAsJsonAsync("/api/v1/sessions", new StartSessionRequest(problemId)))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<SessionView>())!;
        var answered = await client.PostAsJsonAsync($"/api/v1/sessions/{session.Id}/messages", new SendMessageRequest("16"));
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(3, (await answered.Content.ReadFromJsonAsync<SessionView>())!.Turns.Count);
    }
}
