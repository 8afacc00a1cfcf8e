using System.Text.Json;
using TutorApp.Domain.Mastery;
using TutorApp.KnowledgeTracing;

namespace TutorApp.IntegrationTests.KnowledgeTracing;

/// <summary>
/// States stored by the release before the tracers were split per model kind (8dd634a: one tracer class over the own
/// ONNX Runtime binding), kept in StoredStates/: each was written after 30 answers (every seventh on a skill outside the
/// model, traced by BKT), then 10 more answers were continued through the stored form. The new tracers must keep the
/// tracer's name (else the mastery service would throw the state away and re-trace), read the state with its carried
/// model state, and continue it to the same mastery, uncertainty and traits.
/// </summary>
public sealed class StoredStateUpgradeTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Fixture(string Tracer, string Stored, List<SkillAttempt> Next, Dictionary<int, double> Mastery,
        Dictionary<int, double>? Uncertainty, LearnerTraits? Traits);

    public static TheoryData<string, string?> Stored => new()
    {
        { "bkt", null },
        { "tiny-dkt", Path.Combine(KtTestPaths.Fixtures, "tiny-dkt.card.json") },
        { "tiny-cakt", Path.Combine(KtTestPaths.Fixtures, "tiny-cakt.card.json") },
        { "tiny-psikt", Path.Combine(KtTestPaths.Fixtures, "tiny-psikt.card.json") },
        { "dkt-assist2009", Path.Combine(KtTestPaths.ShippedModels, "dkt-assist2009.card.json") },
        { "cakt-assist2009", Path.Combine(KtTestPaths.ShippedModels, "cakt-assist2009.card.json") },
        { "psikt-assist2009", Path.Combine(KtTestPaths.ShippedModels, "psikt-assist2009.card.json") },
    };

    [Theory]
    [MemberData(nameof(Stored))]
    public void A_state_stored_by_the_previous_release_is_read_and_continued(string name, string? card)
    {
        var fixture = JsonSerializer.Deserialize<Fixture>(
            File.ReadAllText(Path.Combine(KtTestPaths.RepoRoot, "tests", "TutorApp.IntegrationTests", "KnowledgeTracing", "StoredStates", $"{name}.json")), Json)!;
        IKnowledgeTracer tracer = card is null ? new BktTracer() : OnnxKnowledgeTracer.For(KtModel.Load(card));
        try
        {
            Assert.Equal(fixture.Tracer, tracer.Name);

            var state = tracer.DeserializeState(fixture.Stored);
            var continued = fixture.Next.Aggregate(state, (s, a) => tracer.DeserializeState(tracer.SerializeState(tracer.Update(s, a))));

            // The carried LSTM state was read, not rebuilt from the history (which would also give the right mastery).
            switch (tracer)
            {
                case DktTracer:
                    Assert.IsType<DktTracer.DktState>(state.ModelState);
                    break;
                case CaktTracer:
                    Assert.IsType<CaktTracer.CaktState>(state.ModelState);
                    break;
                default:
                    Assert.Null(state.ModelState);
                    break;
            }
            Assert.Equal(fixture.Mastery.Keys.Order(), continued.Mastery.Keys.Order());
            Assert.All(fixture.Mastery, kv => Assert.Equal(kv.Value, continued.Mastery[kv.Key], 1e-5));
            Assert.Equal(fixture.Uncertainty?.Keys.Order(), continued.Uncertainty?.Keys.Order());
            Assert.All(fixture.Uncertainty ?? [], kv => Assert.Equal(kv.Value, continued.Uncertainty![kv.Key], 1e-5));
            Assert.Equal(fixture.Traits is null, continued.Traits is null);
            if (fixture.Traits is { } traits)
            {
                var actual = continued.Traits!;
                Assert.Equal(traits.TimeUnit, actual.TimeUnit);
                Assert.Equal([traits.ForgettingRate, traits.LongRunLevel, traits.Volatility, traits.Transfer],
                    [actual.ForgettingRate, actual.LongRunLevel, actual.Volatility, actual.Transfer], (a, b) => Math.Abs(a - b) < 1e-5);
            }
        }
        finally
        {
            (tracer as IDisposable)?.Dispose();
        }
    }
}
