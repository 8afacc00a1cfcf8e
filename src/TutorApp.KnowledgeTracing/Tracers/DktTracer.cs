using Microsoft.Extensions.Logging;
using TutorApp.Domain.Mastery;

namespace TutorApp.KnowledgeTracing;

/// <summary>DKT: one LSTM; its hidden and cell state are carried between updates.</summary>
public sealed class DktTracer : StepModelTracer<DktTracer.DktState>
{
    internal DktTracer(KtModel model, ILogger? logger, BktTracer? unmodelledSkills) : base(model, logger, unmodelledSkills)
    {
    }

    /// <summary>The LSTM state DKT carries between updates.</summary>
    public sealed record DktState(float[] H, float[] C);

    /// <summary>Stored as {"h": [...], "c": [...]}. States written before the tracers were split also carry CAKT's fields
    /// as nulls; they are ignored.</summary>
    private sealed record Stored(float[]? H, float[]? C);

    private protected override DktState Initial() => new(new float[Model.StepStateSize], new float[Model.StepStateSize]);

    private protected override (float[] Logits, DktState Next) Step(DktState state, int skillIndex, bool correct)
    {
        var (logits, h, c) = Model.Step(skillIndex, correct ? 1f : 0f, state.H, state.C);
        return (logits, new DktState(h, c));
    }

    private protected override object Store(DktState state) => new Stored(state.H, state.C);

    private protected override DktState? Restore(string json) =>
        KnowledgeStateJson.ModelState<Stored>(json) is { H: { } h, C: { } c } ? new DktState(h, c) : null;
}
