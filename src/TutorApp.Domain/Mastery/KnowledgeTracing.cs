namespace TutorApp.Domain.Mastery;

/// <summary>One step attempt as knowledge tracing sees it: a skill, right or wrong, when.</summary>
public sealed record SkillAttempt(int SkillId, bool Correct, DateTimeOffset At);

/// <summary>
/// A student's traced state after some history: what <see cref="IKnowledgeTracer.Update"/> continues from.
/// <see cref="History"/> is kept for tracers that re-read it (sequence models over a window); <see cref="ModelState"/>
/// holds whatever a tracer carries for an O(1) update (BKT: nothing beyond the mastery; an LSTM: its state vectors).
/// </summary>
public sealed record KnowledgeState(IReadOnlyList<SkillAttempt> History, IReadOnlyDictionary<int, double> Mastery)
{
    public static readonly KnowledgeState Empty = new([], new Dictionary<int, double>());

    public object? ModelState { get; init; }

    /// <summary>Standard deviation of the mastery estimate per skill (probability scale), for models that have one.</summary>
    public IReadOnlyDictionary<int, double>? Uncertainty { get; init; }

    /// <summary>The learner's traits as the model reads them from the history (PSI-KT), or null.</summary>
    public LearnerTraits? Traits { get; init; }
}

/// <summary>A prerequisite edge learned by a model (PSI-KT's graph): <paramref name="PrerequisiteId"/> helps <paramref name="SkillId"/>.</summary>
public sealed record LearnedPrerequisite(int SkillId, int PrerequisiteId, double Probability);

/// <summary>
/// Turns a student's attempt history into the probability of mastery per skill. BKT is the always-available
/// baseline; sequence models (CAKT, PSI-KT served as ONNX) implement the same interface.
/// </summary>
public interface IKnowledgeTracer
{
    /// <summary>Names the exact model (for a trained one, its file or parameters, not only its kind): mastery and tracer
    /// state stored under another name are rebuilt, so replacing a model file under the same card name re-traces too.
    /// At most 50 characters, the width of the columns that store it.</summary>
    string Name { get; }

    /// <summary>Mastery per skill id after the whole history (oldest first), for the skills it mentions.</summary>
    IReadOnlyDictionary<int, double> Estimate(IReadOnlyList<SkillAttempt> history);

    /// <summary>P(correct) of a next attempt on each of <paramref name="skillIds"/> at time <paramref name="at"/>
    /// (tracers without a notion of time ignore it). By default the mastery estimate stands in for it.</summary>
    IReadOnlyDictionary<int, double> PredictCorrect(IReadOnlyList<SkillAttempt> history, IReadOnlyCollection<int> skillIds, DateTimeOffset at)
    {
        var mastery = Estimate(history);
        return skillIds.Distinct().ToDictionary(id => id, id => mastery.TryGetValue(id, out var p) ? p : double.NaN);
    }

    /// <summary>The state after one more attempt. By default the whole history is traced again; tracers that can
    /// update in O(1) override this.</summary>
    KnowledgeState Update(KnowledgeState state, SkillAttempt attempt)
    {
        var history = state.History.Append(attempt).ToList();
        return new KnowledgeState(history, Estimate(history));
    }

    /// <summary>True when mastery changes with the time elapsed since the last attempt (forgetting), so a reader must
    /// ask <see cref="MasteryAt"/> for the time it cares about instead of reading the mastery stored after the attempt.</summary>
    bool MasteryDecays => false;

    /// <summary>Mastery of <paramref name="skillIds"/> at <paramref name="at"/> (no earlier than the last attempt). Models
    /// without forgetting return the state's mastery; skills the state does not know are absent.</summary>
    IReadOnlyDictionary<int, double> MasteryAt(KnowledgeState state, IReadOnlyCollection<int> skillIds, DateTimeOffset at) =>
        skillIds.Distinct().Where(state.Mastery.ContainsKey).ToDictionary(id => id, id => state.Mastery[id]);

    /// <summary>How many of the most recent attempts a stored state must keep for <see cref="Update"/> to continue from
    /// it (a model reading a window needs the window; BKT needs none).</summary>
    int StateHistoryLength => int.MaxValue;

    /// <summary>Prerequisite edges the model learned from data (PSI-KT); empty for models without a graph.</summary>
    IReadOnlyList<LearnedPrerequisite> LearnedPrerequisites => [];

    /// <summary>The state as JSON, for storing between attempts (the last <see cref="StateHistoryLength"/> attempts only).</summary>
    string SerializeState(KnowledgeState state) => KnowledgeStateJson.Serialize(state, StateHistoryLength);

    /// <summary>A state written by <see cref="SerializeState"/> of the same tracer.</summary>
    KnowledgeState DeserializeState(string json) => KnowledgeStateJson.Deserialize(json);
}
