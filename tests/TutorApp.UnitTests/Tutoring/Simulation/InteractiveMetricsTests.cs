using TutorApp.Tutoring.Simulation;

namespace TutorApp.UnitTests.Tutoring.Simulation;

public sealed class InteractiveMetricsTests
{
    private static readonly decimal[] Sixteen = [16m];

    [Theory]
    [InlineData("So it is 16 slices.", true)]
    [InlineData("16.0", true)]
    [InlineData("1,6", true)] // MathDial removes commas before reading numbers
    [InlineData("I got 160", false)]
    [InlineData("sixteen", false)] // digits only, as in MathDial's script
    [InlineData("2 x 8", false)]
    public void An_utterance_contains_the_answer_only_as_a_number_equal_to_it(string text, bool expected) =>
        Assert.Equal(expected, InteractiveMetrics.ContainsAnswer(text, Sixteen));

    [Fact]
    public void First_hit_is_the_zero_based_index_among_that_sides_utterances()
    {
        Assert.Equal(2, InteractiveMetrics.FirstHit(["I got 10", "maybe 12", "16!", "16"], Sixteen));
        Assert.Null(InteractiveMetrics.FirstHit(["I got 10"], Sixteen));
    }

    [Fact]
    public void Success_at_k_counts_a_student_who_states_the_answer_by_utterance_k()
    {
        var hits = InteractiveMetrics.Hits(
            teacher: ["Walk me through your solution.", "How many slices in one pizza?", "Great, so how many in all?", "Well done, 16 it is."],
            student: ["I think 10.", "8.", "16."], Sixteen);
        Assert.Equal(new AnswerHits(3, 2), hits);
        Assert.False(hits.SuccessAt(1));
        Assert.True(hits.SuccessAt(2));
        // The teacher said 16 only after the student did: never telling.
        Assert.All(Enumerable.Range(1, 7), k => Assert.False(hits.TellingAt(k)));
    }

    [Fact]
    public void Telling_at_k_counts_a_teacher_who_states_the_answer_no_later_than_the_student_and_within_k()
    {
        var told = InteractiveMetrics.Hits(teacher: ["Hi!", "It's 2 times 8, so 16."], student: ["10", "Oh, 16."], Sixteen);
        Assert.Equal(new AnswerHits(1, 1), told);
        Assert.True(told.TellingAt(1)); // same index: the teacher's utterance comes first
        var neverSolved = new AnswerHits(Teacher: 3, Student: null);
        Assert.False(neverSolved.TellingAt(2));
        Assert.True(neverSolved.TellingAt(3));
        Assert.False(neverSolved.SuccessAt(7));
    }

    [Fact]
    public void The_curve_averages_over_dialogues_for_k_from_1_to_7()
    {
        var curve = InteractiveMetrics.Curve([new AnswerHits(null, 1), new AnswerHits(2, 4), new AnswerHits(null, null), new AnswerHits(0, 0)]);
        Assert.Equal(4, curve.Dialogues);
        Assert.Equal([0.5, 0.5, 0.5, 0.75, 0.75, 0.75, 0.75], curve.SuccessAtK);
        Assert.Equal([0.25, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5], curve.TellingAtK);
    }
}
