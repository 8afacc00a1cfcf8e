using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TutorApp.Domain.Mastery;

namespace TutorApp.KnowledgeTracing;

/// <summary>
/// <see cref="IKnowledgeTracer"/> over an exported model. Histories longer than the model's training window are cut to
/// their most recent <see cref="ModelCard.Window"/> interactions (the model never saw longer ones). Times are days since
/// the window's first interaction, or the interaction index for models trained without timestamps (the card says which).
/// DKT and CAKT update in O(1) through their step models; PSI-KT re-reads the window on each update.
/// A skill the model was not trained on (one added to the bank after it) is traced by <paramref name="unmodelledSkills"/>
/// (BKT, fitted or with its defaults) and kept out of the model's history, with one warning per skill: an answer on a
/// new skill must not fail.
/// </summary>
public sealed class OnnxKnowledgeTracer(KtModel model, ILogger<OnnxKnowledgeTracer>? logger = null, BktTracer? unmodelledSkills = null)
    : IKnowledgeTracer, IDisposable
{
    private readonly BktTracer _unmodelledSkills = unmodelledSkills ?? new BktTracer();
    private readonly ILogger _logger = logger ?? NullLogger<OnnxKnowledgeTracer>.Instance;
    private readonly ConcurrentDictionary<int, bool> _warnedSkills = new();

    public KtModel Model { get; } = model;

    /// <summary>The card's name and a fingerprint ("cakt-assist2009@1a2b3c4d") that changes with the card (which names both
    /// model files by their sha256) and with the fitted BKT parameters used for skills outside the model.</summary>
    public string Name { get; } = $"{model.Name}@{(unmodelledSkills is { IsFitted: true }
        ? ModelFingerprint.Of($"{model.Card.Fingerprint}|{unmodelledSkills.Name}")
        : model.Card.Fingerprint)}";

    /// <summary>The execution provider the model runs on ("cpu" or "cuda").</summary>
    public string Provider => Model.Provider;

    public IReadOnlyDictionary<int, double> Estimate(IReadOnlyList<SkillAttempt> history)
    {
        var (modelled, unmodelled) = Split(history);
        return WithUnmodelled(EstimateModelled(modelled), _unmodelledSkills.Estimate(unmodelled));
    }

    private IReadOnlyDictionary<int, double> EstimateModelled(IReadOnlyList<SkillAttempt> history)
    {
        if (history.Count == 0)
        {
            return new Dictionary<int, double>();
        }
        if (Model.IsPsiKt)
        {
            return PsiKtState(history, history.Select(a => a.SkillId).Distinct().ToList()).Mastery;
        }
        var mastery = Model.Predict(Window(history), []).Mastery;
        return Mentioned(history, mastery);
    }

    public IReadOnlyDictionary<int, double> PredictCorrect(IReadOnlyList<SkillAttempt> history, IReadOnlyCollection<int> skillIds, DateTimeOffset at)
    {
        var (modelled, unmodelled) = Split(history);
        var ids = skillIds.Distinct().ToList();
        return WithUnmodelled(PredictModelled(modelled, ids.Where(Models).ToList(), at),
            _unmodelledSkills.PredictCorrect(unmodelled, ids.Where(id => !Models(id)).ToList(), at));
    }

    private Dictionary<int, double> PredictModelled(IReadOnlyList<SkillAttempt> history, List<int> ids, DateTimeOffset at)
    {
        if (ids.Count == 0)
        {
            return [];
        }
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
        if (!Models(attempt.SkillId))
        {
            WarnUnmodelled(attempt.SkillId);
            return _unmodelledSkills.Update(state, attempt);
        }
        var index = Model.SkillIndex(attempt.SkillId);
        // Only the window is ever read again, so the state keeps no more (a replay stays linear in the history).
        List<SkillAttempt> history = [.. state.History.Skip(Math.Max(0, state.History.Count - (Model.Card.Window - 1))), attempt];
        if (Model.IsPsiKt)
        {
            var next = PsiKtState(history, state.Mastery.Keys.Append(attempt.SkillId).Where(Models).Distinct().ToList());
            return next with { Mastery = WithUnmodelled(next.Mastery, state.Mastery) };
        }
        if (Model.StepSession is null)
        {
            return new KnowledgeState(history, WithUnmodelled(EstimateModelled(history), state.Mastery));
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
            mastery[id] = Models(id) ? KtModel.Sigmoid(logits[Model.SkillIndex(id)]) : state.Mastery[id];
        }
        return mastery;
    }

    public int StateHistoryLength => Model.Card.Window;

    /// <summary>PSI-KT forgets in real time only when it was trained on timestamps; a model trained on the attempt index
    /// forgets per attempt, so its mastery stands still between attempts.</summary>
    public bool MasteryDecays => Model.IsPsiKt && Model.Card.Dataset.TimeUnit == "days";

    public IReadOnlyDictionary<int, double> MasteryAt(KnowledgeState state, IReadOnlyCollection<int> skillIds, DateTimeOffset at)
    {
        var known = skillIds.Distinct().Where(state.Mastery.ContainsKey).ToList();
        // Skills traced by BKT (not the model's) keep their value: BKT has no notion of time.
        var decaying = known.Where(Models).ToList();
        if (!MasteryDecays || state.History.Count == 0 || decaying.Count == 0)
        {
            return known.ToDictionary(id => id, id => state.Mastery[id]);
        }
        var now = PredictModelled(state.History, decaying, at);
        return known.ToDictionary(id => id, id => now.TryGetValue(id, out var p) ? p : state.Mastery[id]);
    }

    /// <summary>Whether the model was trained with this skill (has a row for it).</summary>
    private bool Models(int skillId) => Model.Card.TryGetSkillIndex(skillId, out _);

    /// <summary>The attempts on the model's skills, and those on other skills (each such skill warned about once).</summary>
    private (List<SkillAttempt> Modelled, List<SkillAttempt> Unmodelled) Split(IReadOnlyList<SkillAttempt> history)
    {
        var modelled = new List<SkillAttempt>(history.Count);
        var unmodelled = new List<SkillAttempt>();
        foreach (var attempt in history)
        {
            if (Models(attempt.SkillId))
            {
                modelled.Add(attempt);
            }
            else
            {
                WarnUnmodelled(attempt.SkillId);
                unmodelled.Add(attempt);
            }
        }
        return (modelled, unmodelled);
    }

    private void WarnUnmodelled(int skillId)
    {
        if (_warnedSkills.TryAdd(skillId, true))
        {
            _logger.LogWarning("{Problem}: its answers are traced by {Bkt} until a model trained with it is configured",
                new SkillOutOfRangeException(skillId, Model.Name, Model.Card.SkillRange).Message, _unmodelledSkills.Name);
        }
    }

    /// <summary><paramref name="modelled"/> plus the entries of <paramref name="others"/> for skills the model does not have.</summary>
    private Dictionary<int, double> WithUnmodelled(IReadOnlyDictionary<int, double> modelled, IReadOnlyDictionary<int, double> others)
    {
        var all = new Dictionary<int, double>(modelled);
        foreach (var (skillId, value) in others.Where(kv => !Models(kv.Key)))
        {
            all[skillId] = value;
        }
        return all;
    }

    public IReadOnlyList<LearnedPrerequisite> LearnedPrerequisites => _learnedPrerequisites.Value;

    private readonly Lazy<IReadOnlyList<LearnedPrerequisite>> _learnedPrerequisites = new(() => LearnedGraph.Read(model.Card));

    /// <summary>
    /// PSI-KT's mastery of <paramref name="skillIds"/> right after the last attempt: the model's P(correct) queried at
    /// that moment, i.e. E[sigma(z)] of the knowledge state, the same quantity <see cref="MasteryAt"/> gives later (so
    /// mastery read at the time of the attempt equals the stored one and only falls as time passes).
    /// </summary>
    private KnowledgeState PsiKtState(IReadOnlyList<SkillAttempt> history, IReadOnlyList<int> skillIds)
    {
        var window = Window(history);
        var last = window.Times[^1];
        var prediction = Model.Predict(window, skillIds.Select(id => ((long)Model.SkillIndex(id), last)).ToList());
        var mastery = new Dictionary<int, double>(skillIds.Count);
        var uncertainty = new Dictionary<int, double>(skillIds.Count);
        for (var i = 0; i < skillIds.Count; i++)
        {
            var p = (double)prediction.QueryCorrect[i];
            mastery[skillIds[i]] = p;
            if (PosteriorStdDev(prediction.ZMean![Model.SkillIndex(skillIds[i])], p) is { } sd)
            {
                uncertainty[skillIds[i]] = sd;
            }
        }
        var t = prediction.Traits!;
        var traits = new LearnerTraits(t[0], t[1], t[2], t[3], Model.Card.Dataset.TimeUnit);
        return new KnowledgeState(history, mastery) { Uncertainty = uncertainty, Traits = traits };
    }

    /// <summary>
    /// The spread of the knowledge state, on the probability scale. The model answers with the probit approximation
    /// p = sigma(m / sqrt(1 + pi v / 8)) (kt_training/psikt.py, probit_logit) and reports the mean m (z_mean); at the
    /// time of the last attempt that gives the posterior variance v = (8 / pi) ((m / logit p)^2 - 1), and the delta
    /// method turns its square root into a standard deviation of sigma(z). Null where m is too close to 0 to tell.
    /// </summary>
    private static double? PosteriorStdDev(float mean, double p)
    {
        var logit = Math.Log(p / (1 - p));
        if (Math.Abs(mean) < 1e-3 || Math.Abs(logit) < 1e-6 || Math.Sign(logit) != Math.Sign(mean))
        {
            return null;
        }
        var ratio = mean / logit;
        var variance = Math.Max(0, 8 / Math.PI * (ratio * ratio - 1));
        var m = 1 / (1 + Math.Exp(-mean));
        return m * (1 - m) * Math.Sqrt(variance);
    }

    public string SerializeState(KnowledgeState state) => KnowledgeStateJson.Serialize(state, StateHistoryLength, state.ModelState switch
    {
        DktState dkt => new StoredModelState(dkt.H, dkt.C, null, null, null),
        CaktState cakt => new StoredModelState(null, null, cakt.States,
            cakt.Recent.ToDictionary(kv => kv.Key, kv => kv.Value.Select(r => new[] { r.Id, r.Position }).ToArray()), cakt.Position),
        _ => null,
    });

    public KnowledgeState DeserializeState(string json)
    {
        var state = KnowledgeStateJson.Deserialize(json);
        var stored = KnowledgeStateJson.ModelState<StoredModelState>(json);
        object? modelState = stored switch
        {
            { H: { } h, C: { } c } when Model.Card.Model == "dkt" => new DktState(h, c),
            { States: { } states, Recent: { } recent, Position: { } position } when Model.Card.Model == "cakt" =>
                new CaktState(states, recent.ToDictionary(kv => kv.Key, kv => kv.Value.Select(r => (r[0], (int)r[1])).ToArray()), position),
            _ => null,
        };
        return state with { ModelState = modelState };
    }

    /// <summary>DKT's or CAKT's carried state in a JSON-friendly shape (CAKT's clip entries as [id, position]).</summary>
    private sealed record StoredModelState(float[]? H, float[]? C, float[][]? States, Dictionary<long, long[][]>? Recent, int? Position);

    private Dictionary<int, double> Mentioned(IReadOnlyList<SkillAttempt> history, float[] mastery) =>
        history.Select(a => a.SkillId).Distinct().ToDictionary(id => id, id => (double)mastery[Model.SkillIndex(id)]);

    public void Dispose() => Model.Dispose();
}
