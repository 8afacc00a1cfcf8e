using Microsoft.Extensions.Logging;
using TutorApp.Domain.Mastery;

namespace TutorApp.KnowledgeTracing;

/// <summary>CAKT: the exported graph is the 2D serving rewrite of the trained model (same outputs); its step model takes
/// the four LSTM states and the same-skill clip of the new interaction.</summary>
public sealed class CaktTracer : StepModelTracer<CaktTracer.CaktState>
{
    internal CaktTracer(KtModel model, ILogger? logger, BktTracer? unmodelledSkills) : base(model, logger, unmodelledSkills)
    {
    }

    /// <summary>What CAKT carries: its four LSTM states, and per skill index the embedding ids and positions of its last
    /// k interactions (the clip of the next interaction on that skill). Never mutated: each update copies what changes.</summary>
    public sealed record CaktState(float[][] States, IReadOnlyDictionary<long, (long Id, int Position)[]> Recent, int Position);

    /// <summary>Stored with the clip entries as [id, position] pairs. States written before the tracers were split also
    /// carry DKT's fields as nulls; they are ignored.</summary>
    private sealed record Stored(float[][]? States, Dictionary<long, long[][]>? Recent, int? Position);

    private protected override CaktState Initial()
    {
        var size = Model.StepStateSize;
        return new CaktState([new float[size], new float[size], new float[size], new float[size]], new Dictionary<long, (long, int)[]>(), 0);
    }

    private protected override (float[] Logits, CaktState Next) Step(CaktState state, int skillIndex, bool correct)
    {
        var k = Model.StepFrames;
        var id = Model.InteractionId(skillIndex, correct);
        var previous = state.Recent.TryGetValue(skillIndex, out var r) ? r : [];
        var recent = previous.Append((Id: id, Position: state.Position)).TakeLast(k).ToArray();
        var ids = new long[k];
        var distance = new float[k];
        // Oldest first, the current interaction in the last slot, empty slots (id 0, a zero frame) on the left.
        for (var i = 0; i < recent.Length; i++)
        {
            ids[k - recent.Length + i] = recent[i].Id;
            distance[k - recent.Length + i] = state.Position - recent[i].Position;
        }
        var (logits, states) = Model.StepCakt(skillIndex, correct ? 1f : 0f, ids, distance, state.States);
        var map = new Dictionary<long, (long, int)[]>(state.Recent) { [skillIndex] = recent };
        return (logits, new CaktState(states, map, state.Position + 1));
    }

    private protected override object Store(CaktState state) => new Stored(state.States,
        state.Recent.ToDictionary(kv => kv.Key, kv => kv.Value.Select(r => new[] { r.Id, r.Position }).ToArray()), state.Position);

    private protected override CaktState? Restore(string json) => KnowledgeStateJson.ModelState<Stored>(json) is { States: { } states, Recent: { } recent, Position: { } position }
        ? new CaktState(states, recent.ToDictionary(kv => kv.Key, kv => kv.Value.Select(r => (r[0], (int)r[1])).ToArray()), position)
        : null;
}
