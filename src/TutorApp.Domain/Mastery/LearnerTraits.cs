namespace TutorApp.Domain.Mastery;

/// <summary>
/// PSI-KT's learner traits (kt-models.md 1.3): how fast knowledge fades without practice, the level it fades toward,
/// how erratic it is, and how much mastered prerequisites carry over to the skills that build on them.
/// </summary>
/// <param name="ForgettingRate">alpha, per <paramref name="TimeUnit"/>: the rate at which a skill relaxes to the long-run level.</param>
/// <param name="LongRunLevel">mu, on the logit scale: the knowledge level practice-free time leads to.</param>
/// <param name="Volatility">sigma: the spread of the random drift of knowledge between attempts.</param>
/// <param name="Transfer">gamma in (0, 1): the weight of prerequisites' knowledge in a skill's long-run level.</param>
/// <param name="TimeUnit">"days", or "steps" for models trained without timestamps (time = attempt count).</param>
public sealed record LearnerTraits(double ForgettingRate, double LongRunLevel, double Volatility, double Transfer, string TimeUnit)
{
    /// <summary>Time for a skill to fade half of the way to the long-run level: ln 2 / alpha.</summary>
    public double HalfLife => Math.Log(2) / ForgettingRate;

    /// <summary>The long-run level as a probability of a right answer.</summary>
    public double LongRunMastery => 1 / (1 + Math.Exp(-LongRunLevel));

    /// <summary>Each trait in one plain sentence, for teachers.</summary>
    public IReadOnlyList<LearnerTraitExplanation> Explain()
    {
        var unit = TimeUnit == "days" ? "days" : "questions answered";
        var speed = HalfLife switch
        {
            < 3 => "forgets quickly",
            < 14 => "forgets at a moderate pace",
            _ => "retains knowledge well",
        };
        var volatility = Math.Abs(Volatility) switch
        {
            < 0.5 => "steady",
            < 1.5 => "somewhat variable",
            _ => "very variable",
        };
        var transfer = Transfer switch
        {
            < 0.33 => "little",
            < 0.66 => "a fair amount",
            _ => "a lot",
        };
        return
        [
            new("Forgetting", $"{ForgettingRate:0.###} per {(TimeUnit == "days" ? "day" : "question")}",
                $"Without practice, a skill fades halfway back to this student's long-run level in about {HalfLife:0.#} {unit}: the student {speed}."),
            new("Long-run level", $"{LongRunMastery:P0}",
                $"Left alone for a long time, this student's chance of answering a skill right settles near {LongRunMastery:P0}."),
            new("Volatility", $"{Volatility:0.##}",
                $"Performance from one attempt to the next is {volatility}."),
            new("Transfer", $"{Transfer:P0}",
                $"Mastering prerequisite skills lifts the skills built on them {transfer} ({Transfer:P0} of the possible effect)."),
        ];
    }
}

/// <summary>One trait for display: its name, its value as text, and what it means.</summary>
public sealed record LearnerTraitExplanation(string Trait, string Value, string Meaning);
