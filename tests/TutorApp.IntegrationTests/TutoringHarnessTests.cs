using System.Text.Json;
using Microsoft.Extensions.Configuration;
using TutorApp.Cli;
using TutorApp.Cli.Evaluation;
using TutorApp.Domain.Content.Import;
using TutorApp.TestSupport;
using TutorApp.Tutoring.Simulation;

namespace TutorApp.IntegrationTests;

/// <summary>
/// The evaluation harness on a few MathDial problems, through the session service on a throwaway PostgreSQL database:
/// it reports per policy, the telling baseline tells and the adaptive tutor does not, and a seed reproduces the report.
/// </summary>
public sealed class TutoringHarnessTests : IDisposable
{
    private readonly string _problems = Path.Combine(Path.GetTempPath(), $"harness-{Guid.NewGuid():N}.jsonl");

    public TutoringHarnessTests()
    {
        // The dialogues of the first three problems of the dev split, as the harness would read any MathDial file.
        var lines = File.ReadLines(TestData.File("mathdial", "dev.jsonl")).ToList();
        var qids = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("qid").GetInt64()).Distinct().Take(3).ToHashSet();
        File.WriteAllLines(_problems, lines.Where(l => qids.Contains(JsonDocument.Parse(l).RootElement.GetProperty("qid").GetInt64())));
    }

    public void Dispose() => File.Delete(_problems);

    private static IConfiguration Configuration(string? llmEndpoint = null) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["ConnectionStrings:Tutor"] = TestDatabase.ServerConnectionString,
        ["Llm:Endpoint"] = llmEndpoint,
    }).Build();

    private HarnessOptions Options(params string[] policies) => new(_problems, policies.Select(HarnessPolicy.Parse).ToList(), StudentsPerProblem: 2,
        Seed: 42, MaxTurns: 12, ProblemLimit: null, TestData.File("mathdial", "dev.jsonl"), Parallelism: 2);

    private static Task<EvaluationReport> RunAsync(HarnessOptions options) =>
        new TutoringHarness(Configuration(), TextWriter.Null, TextWriter.Null).RunAsync(options);

    [Fact]
    public async Task Runs_simulated_students_through_the_tutor_and_reports_each_policy()
    {
        var report = await RunAsync(Options("adaptive", "telling"));

        Assert.Equal(3, report.Problems);
        var adaptive = report.Policies.Single(p => p.Policy == "adaptive");
        var telling = report.Policies.Single(p => p.Policy == "telling");
        Assert.Equal(6, adaptive.Sessions);
        Assert.Equal(6, telling.Sessions);
        Assert.All(adaptive.SessionResults, s => Assert.InRange(s.StudentMessages, 1, 12));
        // The adaptive tutor never states the answer first; the telling baseline does, and flags those turns.
        Assert.Equal(0, adaptive.Metrics.TellingAtK[^1]);
        Assert.Equal(0, adaptive.SessionsWithRevealingTurns);
        Assert.True(telling.Metrics.TellingAtK[^1] > 0.5, $"telling@7 = {telling.Metrics.TellingAtK[^1]}");
        Assert.True(telling.SessionsWithRevealingTurns > 0);
        Assert.Contains("telling", telling.MoveShares.Keys);
        // The human anchor is measured on the dev dialogues with MathDial's definitions.
        Assert.Equal(357, report.Anchor.Measured.Dialogues);
        Assert.InRange(report.Anchor.Measured.SuccessAtK[4], 0.5, 0.9);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_json()
    {
        var first = JsonSerializer.Serialize(await RunAsync(Options("adaptive", "linear")), CliJson.Options);
        var second = JsonSerializer.Serialize(await RunAsync(Options("adaptive", "linear")), CliJson.Options);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task The_llm_policy_without_an_endpoint_fails_with_a_message_naming_the_setting()
    {
        var refused = await Assert.ThrowsAsync<HarnessException>(() => RunAsync(Options("llm")));
        Assert.Contains("Llm:Endpoint", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_simulator_parameters_are_the_ones_fitted_on_the_dev_dialogues()
    {
        var fitted = SimulatorCalibration.Fit(MathDialDialogues.Read(TestData.File("mathdial", "dev.jsonl"))).Parameters;
        Assert.Equal(SimulatorParameters.MathDialDev, fitted);
    }
}
