using System.Globalization;
using System.Text;

namespace TutorApp.Domain.Mastery;

/// <param name="Initial">P(L0): the skill is known before the first attempt.</param>
/// <param name="Learn">P(T): an unknown skill becomes known after an attempt.</param>
/// <param name="Slip">P(S): a wrong answer although the skill is known.</param>
/// <param name="Guess">P(G): a right answer although the skill is not known.</param>
public sealed record BktParameters(double Initial, double Learn, double Slip, double Guess)
{
    /// <summary>Middle-of-the-road values from the BKT literature, used until a skill has been fitted.</summary>
    public static readonly BktParameters Default = new(0.3, 0.15, 0.1, 0.2);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        foreach (var (name, value) in new[] { ("initial", Initial), ("learn", Learn), ("slip", Slip), ("guess", Guess) })
        {
            if (value is <= 0 or >= 1 || double.IsNaN(value))
            {
                problems.Add($"{name} must be strictly between 0 and 1 (is {value})");
            }
        }
        // With slip + guess >= 1 a right answer would be evidence of NOT knowing the skill.
        if (Slip + Guess >= 1)
        {
            problems.Add($"slip + guess must be below 1 (is {Slip + Guess})");
        }
        return problems;
    }
}

/// <summary>Bayesian Knowledge Tracing (Corbett and Anderson 1995): the classic two-state hidden Markov model.</summary>
public static class Bkt
{
    /// <summary>P(correct) on the next attempt given the current P(known).</summary>
    public static double PredictCorrect(double known, BktParameters p) => known * (1 - p.Slip) + (1 - known) * p.Guess;

    /// <summary>P(known) after observing one attempt (the Bayesian update, then the chance to learn from it).</summary>
    public static double Update(double known, bool correct, BktParameters p)
    {
        var posterior = correct
            ? known * (1 - p.Slip) / PredictCorrect(known, p)
            : known * p.Slip / (known * p.Slip + (1 - known) * (1 - p.Guess));
        return posterior + (1 - posterior) * p.Learn;
    }
}

/// <summary>BKT per skill, with fitted parameters where a skill has them and the defaults elsewhere.</summary>
public sealed class BktTracer(IReadOnlyDictionary<int, BktParameters>? fitted = null) : IKnowledgeTracer
{
    /// <summary>"bkt" with the defaults; with fitted parameters, "bkt@" and the start of their sha256, so a refit
    /// re-traces the mastery stored under the old parameters.</summary>
    public string Name { get; } = fitted is { Count: > 0 } ? $"bkt@{Fingerprint(fitted)}" : "bkt";

    /// <summary>Whether any skill has fitted parameters (else every skill uses <see cref="BktParameters.Default"/>).</summary>
    public bool IsFitted => fitted is { Count: > 0 };

    private static string Fingerprint(IReadOnlyDictionary<int, BktParameters> fitted)
    {
        var text = new StringBuilder();
        foreach (var (skill, p) in fitted.OrderBy(kv => kv.Key))
        {
            text.Append(CultureInfo.InvariantCulture, $"{skill}:{p.Initial:R},{p.Learn:R},{p.Slip:R},{p.Guess:R};");
        }
        return ModelFingerprint.Of(text.ToString());
    }

    public IReadOnlyDictionary<int, double> Estimate(IReadOnlyList<SkillAttempt> history)
    {
        var known = new Dictionary<int, double>();
        foreach (var attempt in history)
        {
            var parameters = Parameters(attempt.SkillId);
            var prior = known.TryGetValue(attempt.SkillId, out var value) ? value : parameters.Initial;
            known[attempt.SkillId] = Bkt.Update(prior, attempt.Correct, parameters);
        }
        return known;
    }

    /// <summary>P(correct) from the current P(known) of each skill (its initial P(known) when never attempted).</summary>
    public IReadOnlyDictionary<int, double> PredictCorrect(IReadOnlyList<SkillAttempt> history, IReadOnlyCollection<int> skillIds, DateTimeOffset at)
    {
        var known = Estimate(history);
        return skillIds.Distinct().ToDictionary(id => id, id =>
            Bkt.PredictCorrect(known.TryGetValue(id, out var k) ? k : Parameters(id).Initial, Parameters(id)));
    }

    /// <summary>BKT's state is the mastery itself: one Bayes step on the attempted skill instead of re-tracing the history.</summary>
    public KnowledgeState Update(KnowledgeState state, SkillAttempt attempt)
    {
        var parameters = Parameters(attempt.SkillId);
        var mastery = new Dictionary<int, double>(state.Mastery);
        var prior = mastery.TryGetValue(attempt.SkillId, out var value) ? value : parameters.Initial;
        mastery[attempt.SkillId] = Bkt.Update(prior, attempt.Correct, parameters);
        // The history is not needed to continue (and copying it on every attempt would make a replay quadratic).
        return state with { Mastery = mastery };
    }

    public int StateHistoryLength => 0;

    private BktParameters Parameters(int skillId) =>
        fitted is not null && fitted.TryGetValue(skillId, out var parameters) ? parameters : BktParameters.Default;
}
