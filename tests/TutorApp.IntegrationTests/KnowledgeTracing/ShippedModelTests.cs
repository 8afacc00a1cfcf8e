using TutorApp.KnowledgeTracing;
using TutorApp.KnowledgeTracing.Evaluation;

namespace TutorApp.IntegrationTests.KnowledgeTracing;

/// <summary>
/// The models the app ships (src/TutorApp.KnowledgeTracing/Models) against PyTorch: outputs within the parity file's
/// tolerance, and the test AUC of the C# evaluation path within 0.001 of the one training reported in the card.
/// Needs the shared data (TUTOR_DATA_DIR).
/// </summary>
public sealed class ShippedModelTests
{

    public static TheoryData<string, string> Shipped => new()
    {
        { "dkt-assist2009", "assist2009" },
        { "psikt-assist2009", "assist2009" },
        { "cakt-assist2009", "assist2009" },
    };

    private static KtModel Load(string name) => KtModel.Load(Path.Combine(KtTestPaths.ShippedModels, $"{name}.card.json"));

    [Theory]
    [MemberData(nameof(Shipped))]
    public void Csharp_reproduces_the_pytorch_outputs(string name, string _)
    {
        using var model = Load(name);
        var parity = ParityFile.Read(Path.Combine(KtTestPaths.ShippedModels, model.Card.Parity!));

        var difference = parity.MaxDifference(model.Session.Run(parity.Inputs));

        Assert.True(difference < 1e-4, $"max |ORT - PyTorch| = {difference}");
    }

    [Theory]
    [MemberData(nameof(Shipped))]
    public void Kt_evaluate_reproduces_the_python_test_auc(string name, string dataset)
    {
        using var model = Load(name);

        var result = KtEvaluator.Evaluate(model, KtTestPaths.Data(dataset));

        var python = model.Card.Metrics!.Value.GetProperty("shipped_fold_test");
        Assert.Equal(python.GetProperty("n").GetInt32(), result.Test.N);
        Assert.Equal(python.GetProperty("auc").GetDouble(), result.Test.Auc, 0.001);
        Assert.Equal(python.GetProperty("acc").GetDouble(), result.Test.Acc, 0.001);
        Assert.Equal(python.GetProperty("rmse").GetDouble(), result.Test.Rmse, 0.001);
    }

    [Fact]
    public void The_cakt_step_model_follows_the_full_model_on_a_real_history()
    {
        using var tracer = OnnxKnowledgeTracer.For(Load("cakt-assist2009"));
        Domain.Mastery.IKnowledgeTracer asInterface = tracer;
        var test = DkvmnData.Read(DkvmnData.SplitFile(KtTestPaths.Data("assist2009"), "test"));
        var learner = test.First(s => s.Ids.Length is > 60 and < 200 && s.Ids.Distinct().Count() > 3);
        var history = learner.Ids.Select((id, i) => new Domain.Mastery.SkillAttempt(id, learner.Correct[i], DateTimeOffset.UnixEpoch.AddMinutes(i))).ToList();

        var state = history.Aggregate(Domain.Mastery.KnowledgeState.Empty, asInterface.Update);

        var whole = tracer.Estimate(history);
        Assert.All(whole, kv => Assert.Equal(kv.Value, state.Mastery[kv.Key], 4));
    }

    [Fact]
    public void Bkt_fitted_by_em_is_evaluated_on_the_same_positions()
    {
        using var dkt = Load("dkt-assist2009");
        var data = KtTestPaths.Data("assist2009");

        var bkt = KtEvaluator.EvaluateBkt(data, fold: 1);

        Assert.Equal(dkt.Card.Metrics!.Value.GetProperty("shipped_fold_test").GetProperty("n").GetInt32(), bkt.Test.N);
        Assert.InRange(bkt.Test.Auc, 0.65, 0.80);
    }
}
