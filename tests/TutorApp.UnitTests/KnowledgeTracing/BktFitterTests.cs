using TutorApp.Domain.Mastery;

namespace TutorApp.UnitTests.KnowledgeTracing;

public sealed class BktFitterTests
{
    /// <summary>Students drawn from the BKT generative model itself, with a fixed seed.</summary>
    private static List<IReadOnlyList<bool>> Simulate(BktParameters p, int students, int attempts, int seed)
    {
        var random = new Random(seed);
        var result = new List<IReadOnlyList<bool>>();
        for (var s = 0; s < students; s++)
        {
            var known = random.NextDouble() < p.Initial;
            var answers = new bool[attempts];
            for (var t = 0; t < attempts; t++)
            {
                answers[t] = known ? random.NextDouble() >= p.Slip : random.NextDouble() < p.Guess;
                known = known || random.NextDouble() < p.Learn;
            }
            result.Add(answers);
        }
        return result;
    }

    [Fact]
    public void Em_recovers_the_parameters_that_generated_the_data()
    {
        var truth = new BktParameters(0.25, 0.12, 0.08, 0.22);
        var data = Simulate(truth, students: 3000, attempts: 15, seed: 1);

        var fit = BktFitter.FitSkill(data);

        Assert.True(fit.Fitted);
        Assert.Equal(truth.Initial, fit.Parameters.Initial, 0.04);
        Assert.Equal(truth.Learn, fit.Parameters.Learn, 0.03);
        Assert.Equal(truth.Slip, fit.Parameters.Slip, 0.03);
        Assert.Equal(truth.Guess, fit.Parameters.Guess, 0.03);
        Assert.Empty(fit.Parameters.Validate());
    }

    [Fact]
    public void The_fit_explains_the_data_better_than_the_defaults_and_the_truth_barely_beats_it()
    {
        var truth = new BktParameters(0.4, 0.2, 0.1, 0.15);
        var data = Simulate(truth, students: 800, attempts: 12, seed: 2);

        var fit = BktFitter.FitSkill(data);

        Assert.True(fit.LogLikelihood > BktFitter.LogLikelihood(data, BktParameters.Default));
        // EM maximises the likelihood: the fitted parameters are at least as likely as the ones that made the data.
        Assert.True(fit.LogLikelihood >= BktFitter.LogLikelihood(data, truth) - 1e-6);
        Assert.Equal(fit.LogLikelihood, BktFitter.LogLikelihood(data, fit.Parameters), 1e-3);
    }

    [Fact]
    public void More_iterations_never_lower_the_likelihood()
    {
        var data = Simulate(new BktParameters(0.3, 0.1, 0.15, 0.25), students: 200, attempts: 10, seed: 3);

        var likelihoods = Enumerable.Range(1, 8)
            .Select(i => BktFitter.FitSkill(data, new BktFitOptions(MaxIterations: i, Tolerance: -1)).Parameters)
            .Select(p => BktFitter.LogLikelihood(data, p))
            .ToList();

        Assert.All(likelihoods.Zip(likelihoods.Skip(1)), pair => Assert.True(pair.Second >= pair.First - 1e-9));
    }

    [Fact]
    public void Skills_with_too_little_data_keep_the_defaults()
    {
        var histories = new[]
        {
            Enumerable.Range(0, 40).Select(i => new SkillAttempt(1, i % 3 != 0, DateTimeOffset.UnixEpoch.AddMinutes(i)))
                .Append(new SkillAttempt(2, true, DateTimeOffset.UnixEpoch.AddHours(1))).ToList(),
        };

        var fits = BktFitter.Fit(histories);

        Assert.True(fits[1].Fitted);
        Assert.False(fits[2].Fitted);
        Assert.Equal(BktParameters.Default, fits[2].Parameters);
        Assert.Equal(1, fits[2].Attempts);
    }

    [Fact]
    public void Degenerate_data_still_gives_valid_parameters_within_the_bounds()
    {
        var allRight = Enumerable.Range(0, 50).Select(_ => (IReadOnlyList<bool>)Enumerable.Repeat(true, 6).ToArray()).ToList();
        var allWrong = Enumerable.Range(0, 50).Select(_ => (IReadOnlyList<bool>)Enumerable.Repeat(false, 6).ToArray()).ToList();

        foreach (var data in new[] { allRight, allWrong })
        {
            var p = BktFitter.FitSkill(data).Parameters;
            Assert.Empty(p.Validate());
            Assert.True(p.Guess <= BktFitOptions.Default.MaxGuess && p.Slip <= BktFitOptions.Default.MaxSlip);
        }
    }

    [Fact]
    public void Each_students_attempts_on_a_skill_form_one_sequence_in_time_order()
    {
        var at = DateTimeOffset.UnixEpoch;
        // Interleaving another skill must not change the fit of skill 1.
        var plain = Simulate(new BktParameters(0.3, 0.2, 0.1, 0.2), 300, 8, seed: 4);
        var histories = plain.Select(seq => (IReadOnlyList<SkillAttempt>)seq
            .SelectMany((c, i) => new[] { new SkillAttempt(1, c, at.AddMinutes(2 * i)), new SkillAttempt(9, !c, at.AddMinutes(2 * i + 1)) })
            .ToList()).ToList();

        var fromHistories = BktFitter.Fit(histories)[1].Parameters;
        var direct = BktFitter.FitSkill(plain).Parameters;

        Assert.Equal(direct, fromHistories);
    }

    [Fact]
    public void The_tracer_update_path_matches_tracing_the_whole_history()
    {
        var tracer = new BktTracer(new Dictionary<int, BktParameters> { [3] = new(0.2, 0.3, 0.1, 0.2) });
        IKnowledgeTracer asInterface = tracer;
        var at = DateTimeOffset.UnixEpoch;
        var history = new[] { new SkillAttempt(3, true, at), new SkillAttempt(4, false, at.AddMinutes(1)), new SkillAttempt(3, false, at.AddMinutes(2)) };

        var state = history.Aggregate(KnowledgeState.Empty, asInterface.Update);

        Assert.Equal(tracer.Estimate(history), state.Mastery);
        Assert.Empty(state.History);  // BKT continues from the mastery alone
        var predicted = asInterface.PredictCorrect(history, [3, 5], at);
        Assert.Equal(Bkt.PredictCorrect(state.Mastery[3], new(0.2, 0.3, 0.1, 0.2)), predicted[3], 12);
        Assert.Equal(Bkt.PredictCorrect(BktParameters.Default.Initial, BktParameters.Default), predicted[5], 12);
    }
}
