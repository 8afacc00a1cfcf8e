using TutorApp.Domain.Mastery;

namespace TutorApp.UnitTests.Mastery;

public sealed class LearnerTraitsTests
{
    [Fact]
    public void Each_trait_is_explained_in_plain_words_with_its_value()
    {
        // alpha = ln 2 / 10 per day: half of the way back to the long-run level in 10 days; mu = 0: 50 %.
        var traits = new LearnerTraits(Math.Log(2) / 10, 0, 0.2, 0.8, "days");

        var explained = traits.Explain().ToDictionary(e => e.Trait);

        Assert.Equal(10, traits.HalfLife, 9);
        Assert.Equal("Without practice, a skill fades halfway back to this student's long-run level in about 10 days: " +
            "the student forgets at a moderate pace.", explained["Forgetting"].Meaning);
        Assert.Contains("settles near 50", explained["Long-run level"].Meaning);
        Assert.Equal("Performance from one attempt to the next is steady.", explained["Volatility"].Meaning);
        Assert.StartsWith("Mastering prerequisite skills lifts the skills built on them a lot", explained["Transfer"].Meaning);
    }

    [Fact]
    public void A_model_trained_without_timestamps_counts_forgetting_in_questions()
    {
        var traits = new LearnerTraits(1, -1, -2, 0.1, "steps");

        var forgetting = traits.Explain()[0];

        Assert.Equal("1 per question", forgetting.Value);
        Assert.Contains("in about 0.7 questions answered: the student forgets quickly", forgetting.Meaning);
        Assert.Equal("Performance from one attempt to the next is very variable.", traits.Explain()[2].Meaning);
    }
}
