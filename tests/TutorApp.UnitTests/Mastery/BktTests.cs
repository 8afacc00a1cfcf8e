using TutorApp.Domain.Mastery;

namespace TutorApp.UnitTests.Mastery;

public sealed class BktTests
{
    private static readonly BktParameters P = new(0.3, 0.1, 0.1, 0.2);

    [Fact]
    public void A_right_answer_raises_and_a_wrong_one_lowers_mastery()
    {
        Assert.True(Bkt.Update(0.3, correct: true, P) > 0.3);
        Assert.True(Bkt.Update(0.3, correct: false, P) < 0.3 + P.Learn);
        Assert.True(Bkt.Update(0.3, correct: true, P) > Bkt.Update(0.3, correct: false, P));
    }

    [Fact]
    public void The_update_matches_the_bayes_rule_by_hand()
    {
        // P(L|right) = 0.3*0.9 / (0.3*0.9 + 0.7*0.2) = 0.27/0.41; then learning: p + (1-p)*0.1.
        var posterior = 0.27 / 0.41;
        Assert.Equal(posterior + (1 - posterior) * 0.1, Bkt.Update(0.3, true, P), precision: 12);
        // P(L|wrong) = 0.3*0.1 / (0.3*0.1 + 0.7*0.8) = 0.03/0.59.
        var wrongPosterior = 0.03 / 0.59;
        Assert.Equal(wrongPosterior + (1 - wrongPosterior) * 0.1, Bkt.Update(0.3, false, P), precision: 12);
    }

    [Fact]
    public void A_run_of_right_answers_approaches_mastery_per_skill_independently()
    {
        var start = DateTimeOffset.UnixEpoch;
        var history = Enumerable.Range(0, 8).Select(i => new SkillAttempt(1, true, start.AddMinutes(i)))
            .Append(new SkillAttempt(2, false, start.AddMinutes(9)))
            .ToList();

        var estimate = new BktTracer().Estimate(history);

        Assert.True(estimate[1] > 0.95);
        Assert.True(estimate[2] < BktParameters.Default.Initial);
        Assert.Equal(2, estimate.Count);
    }

    [Fact]
    public void Fitted_parameters_are_used_for_their_skill()
    {
        var history = new[] { new SkillAttempt(7, true, DateTimeOffset.UnixEpoch) };
        var fitted = new BktTracer(new Dictionary<int, BktParameters> { [7] = new(0.9, 0.1, 0.1, 0.2) });

        Assert.True(fitted.Estimate(history)[7] > new BktTracer().Estimate(history)[7]);
    }

    [Fact]
    public void The_name_tells_fitted_parameter_sets_apart_so_a_refit_re_traces()
    {
        BktTracer Fitted(double learn) => new(new Dictionary<int, BktParameters> { [7] = new(0.3, learn, 0.1, 0.2), [2] = BktParameters.Default });

        Assert.Equal("bkt", new BktTracer().Name);
        Assert.Matches("^bkt@[0-9a-f]{8}$", Fitted(0.1).Name);
        Assert.Equal(Fitted(0.1).Name, Fitted(0.1).Name);
        Assert.NotEqual(Fitted(0.1).Name, Fitted(0.11).Name);
    }

    [Theory]
    [InlineData(0, 0.1, 0.1, 0.2)]
    [InlineData(0.3, 1, 0.1, 0.2)]
    [InlineData(0.3, 0.1, 0.6, 0.5)]
    public void Impossible_parameters_are_named(double initial, double learn, double slip, double guess)
    {
        Assert.NotEmpty(new BktParameters(initial, learn, slip, guess).Validate());
    }
}
