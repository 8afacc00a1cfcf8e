using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using TutorApp.Domain.Mastery;
using TutorApp.KnowledgeTracing;
using TutorApp.TestSupport;

namespace TutorApp.IntegrationTests.KnowledgeTracing;

/// <summary>The serving path (<see cref="OnnxKnowledgeTracer"/>) on the tiny fixture models (skills 1..5, times in days).</summary>
public sealed class OnnxKnowledgeTracerTests
{
    private static readonly DateTimeOffset Start = new(2024, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static OnnxKnowledgeTracer Tracer(string model) =>
        OnnxKnowledgeTracer.For(KtModel.Load(Path.Combine(KtTestPaths.Fixtures, $"tiny-{model}.card.json")));

    private static List<SkillAttempt> History(int count, int seed = 5)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(i => new SkillAttempt(random.Next(1, 6), random.NextDouble() < 0.6, Start.AddHours(7 * i)))
            .ToList();
    }

    [Theory]
    [InlineData("dkt")]
    [InlineData("cakt")]
    [InlineData("psikt")]
    public void Mastery_covers_the_skills_in_the_history_as_probabilities(string model)
    {
        using var tracer = Tracer(model);
        var history = History(12);

        var mastery = tracer.Estimate(history);

        Assert.Equal(history.Select(h => h.SkillId).Distinct().Order(), mastery.Keys.Order());
        Assert.All(mastery.Values, p => Assert.InRange(p, 0, 1));
        Assert.Equal($"tiny-{model}@{tracer.Model.Card.Fingerprint}", tracer.Name);
        Assert.Equal("cpu", tracer.Provider);
        Assert.Empty(tracer.Estimate([]));
    }

    [Theory]
    [InlineData("dkt")]
    [InlineData("cakt")]
    [InlineData("psikt")]
    public void Updating_one_interaction_at_a_time_gives_the_mastery_of_the_whole_history(string model)
    {
        using var tracer = Tracer(model);
        IKnowledgeTracer asInterface = tracer;
        var history = History(15);

        var state = history.Aggregate(KnowledgeState.Empty, asInterface.Update);

        var whole = tracer.Estimate(history);
        Assert.Equal(whole.Keys.Order(), state.Mastery.Keys.Order());
        Assert.All(whole, kv => Assert.Equal(kv.Value, state.Mastery[kv.Key], 5));
        if (model == "dkt")
        {
            Assert.IsType<DktTracer.DktState>(state.ModelState);  // the O(1) step path was used
        }
        if (model == "cakt")
        {
            Assert.IsType<CaktTracer.CaktState>(state.ModelState);
        }
    }

    [Fact]
    public void Psikt_predictions_depend_on_when_the_question_is_asked()
    {
        using var tracer = Tracer("psikt");
        var history = History(10);

        var soon = tracer.PredictCorrect(history, [1, 2], history[^1].At.AddMinutes(1));
        var later = tracer.PredictCorrect(history, [1, 2], history[^1].At.AddDays(60));

        Assert.All(soon.Values.Concat(later.Values), p => Assert.InRange(p, 0, 1));
        Assert.NotEqual(soon[1], later[1], 6);
    }

    [Fact]
    public void Sequence_models_predict_the_next_step_whatever_the_time()
    {
        using var tracer = Tracer("cakt");
        var history = History(8);

        var p = tracer.PredictCorrect(history, [3, 4], history[^1].At.AddDays(3));

        Assert.Equal(tracer.Model.Predict(new KtWindow(
            history.Select(h => (long)h.SkillId - 1).ToArray(), history.Select(h => h.Correct ? 1f : 0f).ToArray(),
            new float[history.Count]), []).Mastery[2], p[3], 6);
    }

    [Fact]
    public void A_skill_id_the_model_does_not_have_is_a_clear_error_of_the_model()
    {
        using var model = KtModel.Load(Path.Combine(KtTestPaths.Fixtures, "tiny-dkt.card.json"));

        var e = Assert.Throws<SkillOutOfRangeException>(() => model.SkillIndex(42));

        Assert.Equal("skill id 42 is not one of model tiny-dkt's skills (1..5)", e.Message);
    }

    [Theory]
    [InlineData("dkt")]
    [InlineData("cakt")]
    [InlineData("psikt")]
    public void A_skill_added_after_training_is_traced_by_bkt_with_one_warning_and_the_model_never_sees_it(string model)
    {
        using var logs = new CapturedLogs();
        using var loggers = LoggerFactory.Create(builder => builder.AddProvider(logs));
        using var tracer = OnnxKnowledgeTracer.For(KtModel.Load(Path.Combine(KtTestPaths.Fixtures, $"tiny-{model}.card.json")),
            loggers.CreateLogger<OnnxKnowledgeTracer>());
        IKnowledgeTracer asInterface = tracer;
        var modelled = History(12);
        var mixed = modelled.SelectMany((a, i) => i % 4 == 1 ? [a, new SkillAttempt(42, i % 8 == 1, a.At.AddMinutes(1))] : new[] { a }).ToList();
        var newSkillOnly = mixed.Where(a => a.SkillId == 42).ToList();

        var whole = tracer.Estimate(mixed);
        // Through the stored form between answers, as the mastery service keeps it.
        var stepwise = mixed.Aggregate(KnowledgeState.Empty, (state, attempt) =>
            tracer.DeserializeState(tracer.SerializeState(asInterface.Update(state, attempt))));

        var expected = tracer.Estimate(modelled);
        expected = expected.Append(KeyValuePair.Create(42, new BktTracer().Estimate(newSkillOnly)[42])).ToDictionary();
        Assert.Equal(expected.Keys.Order(), whole.Keys.Order());
        Assert.All(expected, kv => Assert.Equal(kv.Value, whole[kv.Key], 5));
        Assert.All(expected, kv => Assert.Equal(kv.Value, stepwise.Mastery[kv.Key], 5));
        Assert.DoesNotContain(stepwise.History, a => a.SkillId == 42);
        Assert.Equal(new BktTracer().PredictCorrect(newSkillOnly, [42], Start)[42], tracer.PredictCorrect(mixed, [42], Start)[42], 9);
        var warning = Assert.Single(logs.Lines, l => l.Contains("skill id 42"));
        Assert.Contains("skill id 42 is not one of model tiny-" + model + "'s skills (1..5): its answers are traced by bkt until", warning);
    }

    [Fact]
    public void A_model_whose_inputs_do_not_match_its_card_is_refused()
    {
        var dir = CopyFixture("dkt", card =>
        {
            card["inputs"]![1]!["name"] = "answers";
            card["outputs"]![0]!["shape"]![2] = 7;
        });

        var e = Assert.Throws<ModelCardException>(() => KtModel.Load(Path.Combine(dir, "tiny-dkt.card.json")));

        Assert.Contains("does not match its card", e.Message);
        Assert.Contains("answers", e.Message);
        Assert.Contains("logits has shape [?, ?, 5] but the card declares [batch, length, 7]", e.Message);
    }

    [Fact]
    public void A_model_file_other_than_the_one_the_card_names_is_refused()
    {
        var dir = CopyFixture("dkt", _ => { });
        File.Copy(Path.Combine(KtTestPaths.Fixtures, "tiny-cakt.onnx"), Path.Combine(dir, "tiny-dkt.onnx"), overwrite: true);

        var e = Assert.Throws<ModelCardException>(() => KtModel.Load(Path.Combine(dir, "tiny-dkt.card.json")));

        Assert.Contains("sha256", e.Message);
    }

    [Fact]
    public void Fitted_bkt_parameters_trace_the_skills_outside_the_model_and_are_part_of_its_name()
    {
        var fitted = new BktTracer(new Dictionary<int, BktParameters> { [42] = new(0.6, 0.3, 0.05, 0.25) });
        var history = History(6).Append(new SkillAttempt(42, true, Start.AddDays(2))).ToList();
        using var plain = Tracer("dkt");

        using var withFitted = OnnxKnowledgeTracer.For(KtModel.Load(Path.Combine(KtTestPaths.Fixtures, "tiny-dkt.card.json")),
            unmodelledSkills: fitted);

        Assert.Equal(fitted.Estimate(history.Where(a => a.SkillId == 42).ToList())[42], withFitted.Estimate(history)[42], 9);
        Assert.StartsWith("tiny-dkt@", withFitted.Name);
        Assert.NotEqual(plain.Name, withFitted.Name);
    }

    [Fact]
    public void A_model_file_replaced_under_the_same_card_name_is_another_tracer()
    {
        var dir = CopyFixture("dkt", _ => { });
        var onnx = Path.Combine(dir, "tiny-dkt.onnx");
        // Appending ModelProto field 6 (doc_string) gives a valid model with the same weights but other bytes: what a
        // re-export under the same name looks like to the server.
        File.AppendAllBytes(onnx, [0x32, 0x03, (byte)'n', (byte)'e', (byte)'w']);
        var cardPath = CardMatching(dir, "dkt");
        using var original = Tracer("dkt");

        using var replaced = OnnxKnowledgeTracer.For(KtModel.Load(cardPath));

        Assert.StartsWith("tiny-dkt@", replaced.Name);
        Assert.NotEqual(original.Name, replaced.Name);
        Assert.Equal(original.Estimate(History(6)), replaced.Estimate(History(6)));
    }

    [Fact]
    public void A_corrupt_model_with_a_matching_checksum_fails_in_ort_with_its_message()
    {
        var dir = CopyFixture("dkt", _ => { });
        var onnx = Path.Combine(dir, "tiny-dkt.onnx");
        File.WriteAllBytes(onnx, File.ReadAllBytes(onnx)[..300]);
        var cardPath = CardMatching(dir, "dkt");

        var e = Assert.Throws<OnnxRuntimeException>(() => KtModel.Load(cardPath));

        Assert.Contains("CreateSession", e.Message);
    }

    [Fact]
    public void An_onnx_path_finds_its_card_and_an_onnx_without_one_is_refused()
    {
        using var model = KtModel.Load(Path.Combine(KtTestPaths.Fixtures, "tiny-psikt.onnx"));
        Assert.Equal("psikt", model.Card.Model);

        var dir = Directory.CreateTempSubdirectory("kt-nocard").FullName;
        File.Copy(Path.Combine(KtTestPaths.Fixtures, "tiny-dkt.onnx"), Path.Combine(dir, "lonely.onnx"));
        var e = Assert.Throws<ModelCardException>(() => KtModel.Load(Path.Combine(dir, "lonely.onnx")));
        Assert.Contains("no model card beside", e.Message);
    }

    /// <summary>A copy of one fixture model in a temp folder, its card edited by <paramref name="edit"/>.</summary>
    /// <summary>Rewrites the copied card's sha256 to match its (changed) .onnx; returns the card's path.</summary>
    private static string CardMatching(string dir, string model)
    {
        var cardPath = Path.Combine(dir, $"tiny-{model}.card.json");
        var card = JsonNode.Parse(File.ReadAllText(cardPath))!;
        card["sha256"] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(dir, $"tiny-{model}.onnx"))));
        File.WriteAllText(cardPath, card.ToJsonString());
        return cardPath;
    }

    internal static string CopyFixture(string model, Action<JsonNode> edit)
    {
        var dir = Directory.CreateTempSubdirectory("kt-fixture").FullName;
        foreach (var file in Directory.GetFiles(KtTestPaths.Fixtures, $"tiny-{model}*"))
        {
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        }
        var cardPath = Path.Combine(dir, $"tiny-{model}.card.json");
        var card = JsonNode.Parse(File.ReadAllText(cardPath))!;
        edit(card);
        File.WriteAllText(cardPath, card.ToJsonString());
        return dir;
    }
}
