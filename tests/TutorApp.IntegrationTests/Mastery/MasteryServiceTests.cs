using TutorApp.Domain.Mastery;
using TutorApp.IntegrationTests.KnowledgeTracing;
using TutorApp.KnowledgeTracing;

namespace TutorApp.IntegrationTests.Mastery;

/// <summary>The mastery service on PostgreSQL with BKT and the tiny ONNX fixture models (skills 1..5, times in days).</summary>
public sealed class MasteryServiceTests(MasteryDatabase database) : IClassFixture<MasteryDatabase>
{
    private static readonly DateTimeOffset Start = new(2025, 9, 1, 9, 0, 0, TimeSpan.Zero);

    private static IKnowledgeTracer Tracer(string model) => model == "bkt"
        ? new BktTracer()
        : OnnxKnowledgeTracer.For(KtModel.Load(Path.Combine(KtTestPaths.Fixtures, $"tiny-{model}.card.json")));

    /// <summary>A fixed mixed history over skills 1..5, a few hours apart.</summary>
    private static List<SkillAttempt> History(int count, int seed = 11)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(i => new SkillAttempt(random.Next(1, 6), random.NextDouble() < 0.65, Start.AddHours(5 * i)))
            .ToList();
    }

    private async Task<string> AnswerAllAsync(IKnowledgeTracer tracer, IEnumerable<SkillAttempt> history)
    {
        var student = await database.NewStudentAsync();
        var service = database.Service(tracer);
        foreach (var attempt in history)
        {
            await database.AnswerAsync(service, student, attempt);
        }
        return student;
    }

    [Fact]
    public async Task Bkt_mastery_after_a_known_sequence_is_the_bkt_posterior_with_a_snapshot_per_interaction()
    {
        var p = BktParameters.Default;
        SkillAttempt[] history =
        [
            new(1, false, Start), new(1, true, Start.AddMinutes(5)), new(2, true, Start.AddMinutes(6)), new(1, true, Start.AddMinutes(9)),
        ];

        var student = await AnswerAllAsync(new BktTracer(), history);

        // By hand: BKT's update from the initial P(known) for each answer in turn.
        var skill1 = new[] { false, true, true }.Aggregate(new List<double> { p.Initial }, (k, c) => [.. k, Bkt.Update(k[^1], c, p)]).Skip(1).ToList();
        var skill2 = Bkt.Update(p.Initial, true, p);
        var mastery = await database.MasteryAsync(student);
        Assert.Equal(skill1[^1], mastery[1].Probability, 12);
        Assert.Equal(skill2, mastery[2].Probability, 12);
        Assert.Equal((3, 2, Start.AddMinutes(9)), (mastery[1].Attempts, mastery[1].Correct, mastery[1].LastPractisedAt));
        Assert.Equal((1, 1, "bkt"), (mastery[2].Attempts, mastery[2].Correct, mastery[2].Model));
        Assert.All(mastery.Values, m => Assert.Null(m.Uncertainty));

        var snapshots = await database.SnapshotsAsync(student);
        Assert.Equal([1, 1, 2, 1], snapshots.Select(s => s.SkillId));
        double[] afterEach = [skill1[0], skill1[1], skill2, skill1[2]];
        Assert.All(snapshots.Zip(afterEach), pair => Assert.Equal(pair.Second, pair.First.Probability, 12));
        Assert.Equal(history.Select(h => h.At), snapshots.Select(s => s.TakenAt));
        Assert.Equal(history.Select(h => h.Correct), snapshots.Select(s => s.Correct));

        var state = await database.StateAsync(student);
        Assert.Equal((4, "bkt", snapshots[^1].InteractionId), (state!.Interactions, state.Model, state.LastInteractionId));
        Assert.Null(state.Traits);
    }

    [Theory]
    [InlineData("dkt")]
    [InlineData("cakt")]
    [InlineData("psikt")]
    public async Task Onnx_mastery_after_a_known_sequence_is_the_models_output_on_the_whole_history(string model)
    {
        var tracer = Tracer(model);
        var history = History(12);

        var student = await AnswerAllAsync(tracer, history);

        // Incremental updates (one step per answer, state read back from the database each time) against one run of the
        // model over the whole history.
        var expected = tracer.Estimate(history);
        var mastery = await database.MasteryAsync(student);
        Assert.Equal(expected.Keys.Order(), mastery.Keys.Order());
        Assert.All(expected, kv => Assert.Equal(kv.Value, mastery[kv.Key].Probability, 5));
        Assert.All(mastery.Values, m => Assert.Equal(tracer.Name, m.Model));
        Assert.Equal(history.Count, (await database.SnapshotsAsync(student)).Count);
    }

    [Fact]
    public async Task Psikt_mastery_fades_with_time_and_comes_with_uncertainty_and_learner_traits()
    {
        // Built so that knowledge sits above the learner's long-run level after any history: it can only fade.
        var tracer = Tracer("psikt-forgetting");
        Assert.True(tracer.MasteryDecays);
        var history = Enumerable.Range(0, 9).Select(i => new SkillAttempt(1 + i % 3, true, Start.AddHours(3 * i))).ToList();
        var student = await AnswerAllAsync(tracer, history);
        var queries = database.Queries(tracer);
        var last = history[^1].At;

        var rightAfter = (await queries.CurrentAsync(student, last)).ToDictionary(v => v.SkillId);
        var monthLater = (await queries.CurrentAsync(student, last.AddDays(30))).ToDictionary(v => v.SkillId);

        Assert.Equal([1, 2, 3], rightAfter.Keys.Order());
        Assert.All(rightAfter.Values, v => Assert.Equal(v.AtLastPractice, v.Probability, 5));
        Assert.All(monthLater.Values, v => Assert.True(v.Probability < v.AtLastPractice,
            $"skill {v.SkillId}: {v.Probability} a month later, {v.AtLastPractice} right after practice"));
        // What the model itself forecasts for a month later.
        var forecast = tracer.PredictCorrect(history, [1, 2, 3], last.AddDays(30));
        Assert.All(monthLater.Values, v => Assert.Equal(forecast[v.SkillId], v.Probability, 5));
        Assert.Contains(rightAfter.Values, v => v.Uncertainty is > 0 and < 0.5);

        var traits = await queries.TraitsAsync(student);
        Assert.NotNull(traits);
        Assert.True(traits.Traits.ForgettingRate > 0);
        Assert.Equal("days", traits.Traits.TimeUnit);
        Assert.Equal(["Forgetting", "Long-run level", "Volatility", "Transfer"], traits.Explanations.Select(e => e.Trait));
    }

    [Fact]
    public async Task Models_without_forgetting_read_the_same_mastery_at_any_later_time()
    {
        var tracer = Tracer("dkt");
        var student = await AnswerAllAsync(tracer, History(6));
        var queries = database.Queries(tracer);

        var now = await queries.CurrentAsync(student, Start.AddDays(1));
        var later = await queries.CurrentAsync(student, Start.AddDays(90));

        Assert.Equal(now.Select(v => v.Probability), later.Select(v => v.Probability));
        Assert.All(now, v => Assert.Equal(v.AtLastPractice, v.Probability));
        Assert.Null(await queries.TraitsAsync(student));
    }

    [Fact]
    public async Task The_trajectory_lists_one_point_per_interaction_in_the_range()
    {
        var history = History(10);
        var student = await AnswerAllAsync(new BktTracer(), history);
        var queries = database.Queries(new BktTracer());

        var all = await queries.TrajectoryAsync(student, null, Start, Start.AddDays(3));
        var skill = history[0].SkillId;
        var one = await queries.TrajectoryAsync(student, skill, Start, Start.AddDays(3));
        var firstHalf = await queries.TrajectoryAsync(student, null, Start, history[4].At);

        Assert.Equal(history.Select(h => h.SkillId), all.Select(p => p.SkillId));
        Assert.Equal(history.Select(h => h.At), all.Select(p => p.At));
        Assert.Equal(history.Count(h => h.SkillId == skill), one.Count);
        Assert.All(one, p => Assert.Equal($"skill {skill}", p.SkillName));
        Assert.Equal(5, firstHalf.Count);
    }

    [Theory]
    [InlineData("bkt")]
    [InlineData("dkt")]
    [InlineData("cakt")]
    [InlineData("psikt")]
    public async Task Recompute_gives_the_same_mastery_snapshots_and_state_as_the_incremental_updates(string model)
    {
        var tracer = Tracer(model);
        var students = new List<string>();
        for (var seed = 1; seed <= 3; seed++)
        {
            students.Add(await AnswerAllAsync(tracer, History(8 + seed, seed)));
        }
        var incremental = await Task.WhenAll(students.Select(async s =>
            (Mastery: await database.MasteryAsync(s), Snapshots: await database.SnapshotsAsync(s), State: await database.StateAsync(s))));

        var summary = await database.Recompute(tracer).RunAsync(batchSize: 2, parallelism: 2);

        Assert.True(summary.Students >= 3);
        for (var i = 0; i < students.Count; i++)
        {
            var mastery = await database.MasteryAsync(students[i]);
            Assert.Equal(incremental[i].Mastery.Keys.Order(), mastery.Keys.Order());
            Assert.All(mastery.Values, m =>
            {
                var before = incremental[i].Mastery[m.SkillId];
                Assert.Equal(before.Probability, m.Probability, 9);
                Assert.Equal((before.Attempts, before.Correct, before.LastPractisedAt), (m.Attempts, m.Correct, m.LastPractisedAt));
                Assert.Equal(before.Uncertainty.HasValue, m.Uncertainty.HasValue);
            });
            var snapshots = await database.SnapshotsAsync(students[i]);
            Assert.Equal(incremental[i].Snapshots.Select(s => (s.InteractionId, s.SkillId, s.Correct, s.TakenAt)),
                snapshots.Select(s => (s.InteractionId, s.SkillId, s.Correct, s.TakenAt)));
            Assert.All(snapshots.Zip(incremental[i].Snapshots), pair => Assert.Equal(pair.Second.Probability, pair.First.Probability, 9));
            var state = await database.StateAsync(students[i]);
            Assert.Equal((incremental[i].State!.LastInteractionId, incremental[i].State!.Interactions, incremental[i].State!.Traits),
                (state!.LastInteractionId, state.Interactions, state.Traits));
        }
    }

    [Fact]
    public async Task A_state_written_by_another_model_is_rebuilt_from_the_whole_history()
    {
        var history = History(7);
        var student = await AnswerAllAsync(new BktTracer(), history.Take(6));
        var dkt = Tracer("dkt");

        await database.AnswerAsync(database.Service(dkt), student, history[6]);

        var expected = dkt.Estimate(history);
        var mastery = await database.MasteryAsync(student);
        Assert.All(expected, kv => Assert.Equal(kv.Value, mastery[kv.Key].Probability, 5));
        Assert.All(mastery.Values, m => Assert.Equal(dkt.Name, m.Model));
        var snapshots = await database.SnapshotsAsync(student);
        Assert.Equal(7, snapshots.Count);
        Assert.All(snapshots, s => Assert.Equal(dkt.Name, s.Model));
        Assert.Equal(7, (await database.StateAsync(student))!.Interactions);
    }
}
