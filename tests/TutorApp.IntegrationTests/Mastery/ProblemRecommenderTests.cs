using TutorApp.Data.Content;
using TutorApp.Domain.Mastery;
using TutorApp.IntegrationTests.KnowledgeTracing;
using TutorApp.KnowledgeTracing;

namespace TutorApp.IntegrationTests.Mastery;

/// <summary>
/// Next-problem selection on skills 1..5 with authored prerequisites 1 -> 2 -> 3 (4 and 5 stand alone), one easy
/// problem per skill ("Only skill N", problem N + 1) and a harder one on all five.
/// </summary>
public sealed class ProblemRecommenderTests(MasteryDatabase database) : IClassFixture<MasteryDatabase>
{
    private static readonly DateTimeOffset Start = new(2025, 9, 1, 9, 0, 0, TimeSpan.Zero);

    private async Task MasterAsync(IKnowledgeTracer tracer, string student, int skillId, int answers = 5)
    {
        var service = database.Service(tracer);
        for (var i = 0; i < answers; i++)
        {
            await database.AnswerAsync(service, student, new SkillAttempt(skillId, true, Start.AddMinutes(10 * skillId + i)));
        }
    }

    [Fact]
    public async Task A_new_student_is_offered_the_starting_skills_each_with_its_reason()
    {
        var student = await database.NewStudentAsync();

        var recommended = await database.Recommender(new BktTracer(), Start).RecommendAsync(student);

        Assert.Equal([1, 4, 5], recommended.Select(r => r.SkillId).Order());
        Assert.All(recommended, r => Assert.Equal($"Only skill {r.SkillId}", r.Title));
        Assert.All(recommended, r => Assert.Equal($"Practise: skill {r.SkillId} — a starting skill, no prerequisites needed", r.Reason));
        Assert.All(recommended, r => Assert.Null(r.Mastery));
    }

    [Fact]
    public async Task Once_a_prerequisite_is_mastered_the_skill_built_on_it_is_in_the_zone_and_says_why()
    {
        var tracer = new BktTracer();
        var student = await database.NewStudentAsync();
        await MasterAsync(tracer, student, 1);
        await MasterAsync(tracer, student, 4);

        var recommended = await database.Recommender(tracer, Start.AddDays(1)).RecommendAsync(student);

        Assert.Equal([2, 5], recommended.Select(r => r.SkillId).Order());
        var next = recommended.Single(r => r.SkillId == 2);
        Assert.Equal("Practise: skill 2 — prerequisite 'skill 1' mastered", next.Reason);
        Assert.Equal(RecommendationKind.Practise, next.Kind);
        Assert.DoesNotContain(recommended, r => r.SkillId == 3);  // its prerequisite (2) is not mastered yet
    }

    [Fact]
    public async Task A_solved_problem_is_not_offered_again_after_it_is_republished()
    {
        var student = await database.NewStudentAsync();
        await database.SolvedAsync(student, versionId: 6);  // "Only skill 5", version 1
        await database.RepublishAsync(problemId: 6);

        var recommended = await database.Recommender(new BktTracer(), Start).RecommendAsync(student);

        // Skill 5's only unsolved problem left is the five-skill one.
        Assert.Equal("Five skills", recommended.Single(r => r.SkillId == 5).Title);
    }

    [Fact]
    public async Task A_mastered_skill_that_has_faded_is_recommended_for_review_first()
    {
        using var tracer = OnnxKnowledgeTracer.For(KtModel.Load(Path.Combine(KtTestPaths.Fixtures, "tiny-psikt-forgetting.card.json")));
        var student = await database.NewStudentAsync();
        await MasterAsync(tracer, student, 4, answers: 3);

        var sameDay = await database.Recommender(tracer, Start.AddHours(2)).RecommendAsync(student);
        var monthLater = await database.Recommender(tracer, Start.AddDays(30)).RecommendAsync(student);

        Assert.DoesNotContain(sameDay, r => r.SkillId == 4);
        var review = monthLater[0];
        Assert.Equal((4, RecommendationKind.Review), (review.SkillId, review.Kind));
        Assert.StartsWith("Review: skill 4 — mastered on 1 Sep, predicted mastery has faded to ", review.Reason);
        Assert.True(review.Mastery < 0.7);
    }
}
