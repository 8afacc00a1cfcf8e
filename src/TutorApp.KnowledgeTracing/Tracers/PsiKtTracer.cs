using Microsoft.Extensions.Logging;
using TutorApp.Domain.Mastery;

namespace TutorApp.KnowledgeTracing;

/// <summary>
/// PSI-KT: mastery is P(correct) queried at the time of the last interaction (E[sigma(z)], probit approximation), and at
/// later times for forgetting (<see cref="MasteryAt"/>, when the card's time unit is days); uncertainty from z_mean and
/// P(correct); learner traits from the model. An update re-reads the window: the model has no step form.
/// </summary>
public sealed class PsiKtTracer : OnnxKnowledgeTracer
{
    internal PsiKtTracer(KtModel model, ILogger? logger, BktTracer? unmodelledSkills) : base(model, logger, unmodelledSkills)
    {
    }

    /// <summary>PSI-KT forgets in real time only when it was trained on timestamps; a model trained on the attempt index
    /// forgets per attempt, so its mastery stands still between attempts.</summary>
    public override bool MasteryDecays => Model.Card.Dataset.TimeUnit == "days";

    private protected override IReadOnlyDictionary<int, double> EstimateModelled(IReadOnlyList<SkillAttempt> history) =>
        State(history, history.Select(a => a.SkillId).Distinct().ToList()).Mastery;

    private protected override KnowledgeState UpdateModelled(KnowledgeState state, SkillAttempt attempt, List<SkillAttempt> history)
    {
        var next = State(history, state.Mastery.Keys.Append(attempt.SkillId).Where(Models).Distinct().ToList());
        return next with { Mastery = WithUnmodelled(next.Mastery, state.Mastery) };
    }

    public override IReadOnlyDictionary<int, double> MasteryAt(KnowledgeState state, IReadOnlyCollection<int> skillIds, DateTimeOffset at)
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

    /// <summary>
    /// PSI-KT's mastery of <paramref name="skillIds"/> right after the last attempt: the model's P(correct) queried at
    /// that moment, i.e. E[sigma(z)] of the knowledge state, the same quantity <see cref="MasteryAt"/> gives later (so
    /// mastery read at the time of the attempt equals the stored one and only falls as time passes).
    /// </summary>
    private KnowledgeState State(IReadOnlyList<SkillAttempt> history, IReadOnlyList<int> skillIds)
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
}
