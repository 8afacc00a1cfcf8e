using Microsoft.Extensions.Logging;
using TutorApp.Domain.Mastery;

namespace TutorApp.KnowledgeTracing;

/// <summary>
/// DKT and CAKT: mastery is the sigmoid of the last position's logits, and an update is one call of the card's step model
/// on the carried <typeparamref name="TState"/> (O(1) in the history). A state made by another tracer (or none) is
/// rebuilt from the stored history first; a card without a step model re-reads the window instead.
/// </summary>
public abstract class StepModelTracer<TState> : OnnxKnowledgeTracer where TState : class
{
    private protected StepModelTracer(KtModel model, ILogger? logger, BktTracer? unmodelledSkills) : base(model, logger, unmodelledSkills)
    {
    }

    /// <summary>The state before the first interaction.</summary>
    private protected abstract TState Initial();

    /// <summary>One interaction through the step model: the next-step logits per skill index and the new state.</summary>
    private protected abstract (float[] Logits, TState Next) Step(TState state, int skillIndex, bool correct);

    /// <summary><paramref name="state"/> in the JSON-friendly shape it is stored in; <see cref="Restore"/> reads it back.</summary>
    private protected abstract object Store(TState state);

    /// <summary>The carried state of a stored state, or null when it has none this tracer can continue from.</summary>
    private protected abstract TState? Restore(string json);

    private protected override IReadOnlyDictionary<int, double> EstimateModelled(IReadOnlyList<SkillAttempt> history)
    {
        var mastery = Model.Predict(Window(history), []).Mastery;
        return history.Select(a => a.SkillId).Distinct().ToDictionary(id => id, id => (double)mastery[Model.SkillIndex(id)]);
    }

    private protected override KnowledgeState UpdateModelled(KnowledgeState state, SkillAttempt attempt, List<SkillAttempt> history)
    {
        if (Model.StepSession is null)
        {
            return new KnowledgeState(history, WithUnmodelled(EstimateModelled(history), state.Mastery));
        }
        var carried = state.ModelState is TState previous && state.History.Count > 0
            ? previous
            : state.History.Aggregate(Initial(), (s, a) => Step(s, Model.SkillIndex(a.SkillId), a.Correct).Next);
        var (logits, next) = Step(carried, Model.SkillIndex(attempt.SkillId), attempt.Correct);
        // The skills of the earlier state plus the new one, so an update does not walk the whole history.
        var mastery = new Dictionary<int, double>(state.Mastery.Count + 1);
        foreach (var id in state.Mastery.Keys.Append(attempt.SkillId))
        {
            mastery[id] = Models(id) ? KtModel.Sigmoid(logits[Model.SkillIndex(id)]) : state.Mastery[id];
        }
        return new KnowledgeState(history, mastery) { ModelState = next };
    }

    public override string SerializeState(KnowledgeState state) =>
        KnowledgeStateJson.Serialize(state, StateHistoryLength, state.ModelState is TState carried ? Store(carried) : null);

    public override KnowledgeState DeserializeState(string json) => KnowledgeStateJson.Deserialize(json) with { ModelState = Restore(json) };
}
