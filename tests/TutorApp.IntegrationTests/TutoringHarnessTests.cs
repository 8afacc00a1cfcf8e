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
        var report = await RunAsync(Options("adaptive", "linear", "telling"));

        Assert.Equal(3, report.Problems);
        var dialogues = File.ReadLines(_problems).Count();
        var adaptive = report.Policies.Single(p => p.Policy == "adaptive");
        var telling = report.Policies.Single(p => p.Policy == "telling");
        // Two honest students per dialogue (each replays its own dialogue's misconception), four adversaries per problem.
        Assert.Equal(2 * dialogues, adaptive.Sessions);
        Assert.Equal(2 * dialogues, telling.Sessions);
        Assert.Equal(2 * dialogues + 4 * 3, adaptive.SessionResults.Count);
        Assert.All(adaptive.SessionResults, s => Assert.InRange(s.StudentMessages, 1, 12));
        Assert.All(adaptive.SessionResults, s => Assert.NotEmpty(s.Transcript));
        // Adversarial students never end a session solved without having written the final answer.
        Assert.All(report.Policies.SelectMany(p => p.Adversarial), a => Assert.Equal(0, a.SolvedWithoutAnswer));
        Assert.Equal(4, adaptive.Adversarial.Count);
        // The adaptive tutor never states the answer first; the telling baseline does, and flags those turns.
        Assert.Equal(0, adaptive.Metrics.TellingAtK[^1]);
        Assert.Equal(0, adaptive.SessionsWithRevealingTurns);
        Assert.True(telling.Metrics.TellingAtK[^1] > 0.5, $"telling@7 = {telling.Metrics.TellingAtK[^1]}");
        Assert.True(telling.SessionsWithRevealingTurns > 0);
        Assert.Contains("telling", telling.MoveShares.Keys);
        // The human teachers are measured on the same problems' dialogues, with MathDial's definitions and an interval.
        Assert.Equal(dialogues, report.Anchor.Measured.Dialogues);
        var teachers = report.Anchor.Intervals.SuccessAtK[4];
        Assert.InRange(teachers.Mean, teachers.Low, teachers.High);
        var difference = Assert.Single(report.Differences.Where(d => d.Policy == "adaptive"), d => d.Baseline == "linear");
        Assert.Equal(7, difference.SuccessAtK.Count);
    }

    [Fact]
    public void The_tutor_of_a_held_out_dialogue_knows_the_other_dialogues_misconceptions_but_not_its_own()
    {
        // Two dialogues of the spoons problem with different wrong solutions: 12 - 3 = 9 and 12 + 5 = 17.
        var truth = "The total number of spoons from Julia and her husband was 12+3=15 spoons.\nSince the husband bought a package of five spoons, then Julia's package contained 15-5=10 spoons.\n 10";
        var question = "Her husband bought 5 new spoons. She used three of the spoons. She had a total of 12 spoons. How many spoons were in the package that Julia bought?";
        SourceDialogue[] dialogues =
        [
            new(1, question, truth, "She had 12 - 3 = 9 spoons left.\nSo she bought 9 - 5 = 4 spoons.\n 4", "", "subtracts the used spoons"),
            new(1, question, truth, "She had 12 + 5 = 17 spoons.\nSo she bought 17 - 3 = 14 spoons.\n 14", "", "adds the husband's spoons"),
        ];
        decimal[] WrongValues(int heldOut)
        {
            var bank = MathDialParser.ParseJsonl(new StringReader(EvaluationSources.LeaveOneOut(dialogues, heldOut, 700)), "loo.jsonl", DateTimeOffset.UnixEpoch);
            var problem = Assert.Single(bank.Document.Problems);
            Assert.Equal("mathdial-700", problem.Key);
            return [.. problem.Versions.Single().Steps.SelectMany(s => s.Misconceptions).SelectMany(m => m.WrongValues)];
        }
        Assert.DoesNotContain(9m, WrongValues(0));
        Assert.NotEmpty(WrongValues(0));
        Assert.DoesNotContain(17m, WrongValues(1));
        Assert.Contains(9m, WrongValues(1));
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
