using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TutorApp.Domain.Mastery;

namespace TutorApp.KnowledgeTracing;

/// <summary>
/// What the tracers over an exported model share; <see cref="For"/> picks the one for the card's kind (DKT, CAKT,
/// PSI-KT). Histories longer than the model's training window are cut to their most recent <see cref="ModelCard.Window"/>
/// interactions (the model never saw longer ones). Times are days since the window's first interaction, or the
/// interaction index for models trained without timestamps (the card says which).
/// A skill the model was not trained on (one added to the bank after it) is traced by the unmodelled-skills BKT (fitted
/// or with its defaults) and kept out of the model's history, with one warning per skill: an answer on a new skill must
/// not fail.
/// </summary>
public abstract class OnnxKnowledgeTracer : IKnowledgeTracer, IDisposable
{
    private readonly BktTracer _unmodelledSkills;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<int, bool> _warnedSkills = new();
    private readonly Lazy<IReadOnlyList<LearnedPrerequisite>> _learnedPrerequisites;

    private protected OnnxKnowledgeTracer(KtModel model, ILogger? logger, BktTracer? unmodelledSkills)
    {
        Model = model;
        _unmodelledSkills = unmodelledSkills ?? new BktTracer();
        _logger = logger ?? NullLogger.Instance;
        _learnedPrerequisites = new(() => LearnedGraph.Read(model.Card));
        Name = $"{model.Name}@{(unmodelledSkills is { IsFitted: true }
            ? ModelFingerprint.Of($"{model.Card.Fingerprint}|{unmodelledSkills.Name}")
            : model.Card.Fingerprint)}";
    }

    /// <summary>The tracer for <paramref name="model"/>'s kind; skills outside the model go to <paramref name="unmodelledSkills"/>.</summary>
    public static OnnxKnowledgeTracer For(KtModel model, ILogger? logger = null, BktTracer? unmodelledSkills = null) => model.Card.Model switch
    {
        "dkt" => new DktTracer(model, logger, unmodelledSkills),
        "cakt" => new CaktTracer(model, logger, unmodelledSkills),
        "psikt" => new PsiKtTracer(model, logger, unmodelledSkills),
        var other => throw new ModelCardException($"model card {model.Name}: no tracer for model kind '{other}'"),
    };

    public KtModel Model { get; }

    /// <summary>The card's name and a fingerprint ("cakt-assist2009@1a2b3c4d") that changes with the card (which names both
    /// model files by their sha256) and with the fitted BKT parameters used for skills outside the model.</summary>
    public string Name { get; }

    /// <summary>The execution provider the model runs on ("cpu" or "cuda").</summary>
    public string Provider => Model.Provider;

    public int StateHistoryLength => Model.Card.Window;

    public IReadOnlyList<LearnedPrerequisite> LearnedPrerequisites => _learnedPrerequisites.Value;

    public virtual bool MasteryDecays => false;

    public IReadOnlyDictionary<int, double> Estimate(IReadOnlyList<SkillAttempt> history)
    {
        var (modelled, unmodelled) = Split(history);
        return WithUnmodelled(modelled.Count == 0 ? new Dictionary<int, double>() : EstimateModelled(modelled), _unmodelledSkills.Estimate(unmodelled));
    }

    /// <summary>Mastery after a non-empty history of the model's own skills.</summary>
    private protected abstract IReadOnlyDictionary<int, double> EstimateModelled(IReadOnlyList<SkillAttempt> history);

    public IReadOnlyDictionary<int, double> PredictCorrect(IReadOnlyList<SkillAttempt> history, IReadOnlyCollection<int> skillIds, DateTimeOffset at)
    {
        var (modelled, unmodelled) = Split(history);
        var ids = skillIds.Distinct().ToList();
        return WithUnmodelled(PredictModelled(modelled, ids.Where(Models).ToList(), at),
            _unmodelledSkills.PredictCorrect(unmodelled, ids.Where(id => !Models(id)).ToList(), at));
    }

    private protected Dictionary<int, double> PredictModelled(IReadOnlyList<SkillAttempt> history, List<int> ids, DateTimeOffset at)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        var indexes = ids.Select(Model.SkillIndex).ToList();
        if (history.Count == 0)
        {
            // No evidence at all: no model kind has a prediction before the first interaction.
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
        // Only the window is ever read again, so the state keeps no more (a replay stays linear in the history).
        List<SkillAttempt> history = [.. state.History.Skip(Math.Max(0, state.History.Count - (Model.Card.Window - 1))), attempt];
        return UpdateModelled(state, attempt, history);
    }

    /// <summary>The state after <paramref name="attempt"/> on one of the model's skills; <paramref name="history"/> is the
    /// window to keep, ending with it. Mastery of skills outside the model is carried over from <paramref name="state"/>.</summary>
    private protected abstract KnowledgeState UpdateModelled(KnowledgeState state, SkillAttempt attempt, List<SkillAttempt> history);

    public virtual IReadOnlyDictionary<int, double> MasteryAt(KnowledgeState state, IReadOnlyCollection<int> skillIds, DateTimeOffset at) =>
        skillIds.Distinct().Where(state.Mastery.ContainsKey).ToDictionary(id => id, id => state.Mastery[id]);

    public virtual string SerializeState(KnowledgeState state) => KnowledgeStateJson.Serialize(state, StateHistoryLength);

    public virtual KnowledgeState DeserializeState(string json) => KnowledgeStateJson.Deserialize(json);

    private protected KtWindow Window(IReadOnlyList<SkillAttempt> history)
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

    /// <summary>Whether the model was trained with this skill (has a row for it).</summary>
    private protected bool Models(int skillId) => Model.Card.TryGetSkillIndex(skillId, out _);

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
    private protected Dictionary<int, double> WithUnmodelled(IReadOnlyDictionary<int, double> modelled, IReadOnlyDictionary<int, double> others)
    {
        var all = new Dictionary<int, double>(modelled);
        foreach (var (skillId, value) in others.Where(kv => !Models(kv.Key)))
        {
            all[skillId] = value;
        }
        return all;
    }

    public void Dispose()
    {
        Model.Dispose();
        GC.SuppressFinalize(this);
    }
}
