using TutorApp.Domain.Mastery;

namespace TutorApp.KnowledgeTracing;

/// <summary>
/// <see cref="IKnowledgeTracer"/> over an exported model. Histories longer than the model's training window are cut to
/// their most recent <see cref="ModelCard.Window"/> interactions (the model never saw longer ones). Times are days since
/// the window's first interaction, or the interaction index for models trained without timestamps (the card says which).
/// DKT and CAKT update in O(1) through their step models; PSI-KT re-reads the window on each update.
/// </summary>
public sealed class OnnxKnowledgeTracer(KtModel model) : IKnowledgeTracer, IDisposable
{
    public KtModel Model { get; } = model;

    public string Name => Model.Name;

    /// <summary>The execution provider the model runs on ("cpu" or "cuda").</summary>
    public string Provider => Model.Provider;

    public IReadOnlyDictionary<int, double> Estimate(IReadOnlyList<SkillAttempt> history)
    {
        if (history.Count == 0)
        {
            return new Dictionary<int, double>();
        }
        var mastery = Model.Predict(Window(history), []).Mastery;
        return Mentioned(history, mastery);
    }

    public IReadOnlyDictionary<int, double> PredictCorrect(IReadOnlyList<SkillAttempt> history, IReadOnlyCollection<int> skillIds, DateTimeOffset at)
    {
        var ids = skillIds.Distinct().ToList();
        var indexes = ids.Select(Model.SkillIndex).ToList();
        if (history.Count == 0)
        {
            // No evidence at all: neither model kind has a prediction before the first interaction.
            return ids.ToDictionary(id => id, _ => 0.5);
        }
        var window = Window(history);
        var queryTime = QueryTime(history, window, at);
        var p = Model.Predict(window, indexes.Select(i => ((long)i, queryTime)).ToList()).QueryCorrect;
        return ids.Select((id, i) => (id, (double)p[i])).ToDictionary(x => x.id, x => x.Item2);
    }

    public KnowledgeState Update(KnowledgeState state, SkillAttempt attempt)
    {
        var index = Model.SkillIndex(attempt.SkillId);
        List<SkillAttempt> history = [.. state.History, attempt];
        if (Model.StepSession is null)
        {
            return new KnowledgeState(history, Estimate(history));
        }
        if (Model.Card.Model == "cakt")
        {
            var cakt = state.ModelState is CaktState c0 && state.History.Count > 0 ? c0 : ReplayCakt(state.History);
            var (caktLogits, next) = StepCakt(cakt, index, attempt.Correct);
            return new KnowledgeState(history, MentionedAfter(state, attempt, caktLogits)) { ModelState = next };
        }
        // DKT: carry the LSTM state; a state made by another tracer (or none) is rebuilt from the history first.
        var size = Model.StepStateSize;
        var (h, c) = state.ModelState is DktState previous && state.History.Count > 0
            ? (previous.H, previous.C)
            : Replay(state.History, size);
        var (logits, h2, c2) = Model.Step(index, attempt.Correct ? 1f : 0f, h, c);
        return new KnowledgeState(history, MentionedAfter(state, attempt, logits)) { ModelState = new DktState(h2, c2) };
    }

    private (float[] H, float[] C) Replay(IReadOnlyList<SkillAttempt> history, int size)
    {
        var (h, c) = (new float[size], new float[size]);
        foreach (var a in history)
        {
            (_, h, c) = Model.Step(Model.SkillIndex(a.SkillId), a.Correct ? 1f : 0f, h, c);
        }
        return (h, c);
    }

    /// <summary>The LSTM state DKT carries between updates.</summary>
    public sealed record DktState(float[] H, float[] C);

    /// <summary>What CAKT carries: its four LSTM states, and per skill index the embedding ids and positions of its last
    /// k interactions (the clip of the next interaction on that skill). Never mutated: each update copies what changes.</summary>
    public sealed record CaktState(float[][] States, IReadOnlyDictionary<long, (long Id, int Position)[]> Recent, int Position);

    private CaktState ReplayCakt(IReadOnlyList<SkillAttempt> history)
    {
        var size = Model.StepStateSize;
        var state = new CaktState([new float[size], new float[size], new float[size], new float[size]], new Dictionary<long, (long, int)[]>(), 0);
        foreach (var a in history)
        {
            (_, state) = StepCakt(state, Model.SkillIndex(a.SkillId), a.Correct);
        }
        return state;
    }

    private (float[] Logits, CaktState State) StepCakt(CaktState state, long skill, bool correct)
    {
        var k = Model.StepFrames;
        var id = Model.InteractionId(skill, correct);
        var previous = state.Recent.TryGetValue(skill, out var r) ? r : [];
        var recent = previous.Append((Id: id, Position: state.Position)).TakeLast(k).ToArray();
        var ids = new long[k];
        var distance = new float[k];
        // Oldest first, the current interaction in the last slot, empty slots (id 0, a zero frame) on the left.
        for (var i = 0; i < recent.Length; i++)
        {
            ids[k - recent.Length + i] = recent[i].Id;
            distance[k - recent.Length + i] = state.Position - recent[i].Position;
        }
        var (logits, states) = Model.StepCakt(skill, correct ? 1f : 0f, ids, distance, state.States);
        var map = new Dictionary<long, (long, int)[]>(state.Recent) { [skill] = recent };
        return (logits, new CaktState(states, map, state.Position + 1));
    }

    private KtWindow Window(IReadOnlyList<SkillAttempt> history)
    {
        var start = Math.Max(0, history.Count - Model.Card.Window);
        var n = history.Count - start;
        var skills = new long[n];
        var correct = new float[n];
        var times = new float[n];
        var days = Model.Card.Dataset.TimeUnit == "days";
        var t0 = history[start].At;
        for (var i = 0; i < n; i++)
        {
            var a = history[start + i];
            skills[i] = Model.SkillIndex(a.SkillId);
            correct[i] = a.Correct ? 1f : 0f;
            times[i] = days ? (float)Math.Max(0, (a.At - t0).TotalDays) : i;
        }
        return new KtWindow(skills, correct, times);
    }

    private float QueryTime(IReadOnlyList<SkillAttempt> history, KtWindow window, DateTimeOffset at)
    {
        if (Model.Card.Dataset.TimeUnit != "days")
        {
            return window.Length;  // the next step
        }
        var t0 = history[^window.Length].At;
        return (float)Math.Max(window.Times[^1], (at - t0).TotalDays);
    }

    /// <summary>The skills of the earlier state plus the new one, so an update does not walk the whole history.</summary>
    private Dictionary<int, double> MentionedAfter(KnowledgeState state, SkillAttempt attempt, float[] logits)
    {
        var mastery = new Dictionary<int, double>(state.Mastery.Count + 1);
        foreach (var id in state.Mastery.Keys.Append(attempt.SkillId))
        {
            mastery[id] = KtModel.Sigmoid(logits[Model.SkillIndex(id)]);
        }
        return mastery;
    }

    private Dictionary<int, double> Mentioned(IReadOnlyList<SkillAttempt> history, float[] mastery) =>
        history.Select(a => a.SkillId).Distinct().ToDictionary(id => id, id => (double)mastery[Model.SkillIndex(id)]);

    public void Dispose() => Model.Dispose();
}
