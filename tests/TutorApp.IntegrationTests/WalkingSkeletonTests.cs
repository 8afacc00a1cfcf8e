using Microsoft.Extensions.DependencyInjection;
using TutorApp.Data.Content;
using TutorApp.Domain.Answers;
using TutorApp.Domain.Content;
using TutorApp.Domain.Content.Bank;

namespace TutorApp.IntegrationTests;

/// <summary>Author, version and publish a problem: the bank's services on the real database.</summary>
public sealed class WalkingSkeletonTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Editing_a_published_problem_makes_a_new_version_and_the_old_one_is_unchanged()
    {
        using var scope = app.Factory.Services.CreateScope();
        var bank = scope.ServiceProvider.GetRequiredService<ProblemBank>();
        var firstId = await PublishedProblemAsync(scope.ServiceProvider, "versioned");
        var problemId = (await bank.LoadVersionAsync(firstId))!.ProblemId;

        var draftId = await bank.StartNewVersionAsync(problemId, authorId: null);
        var draft = (await bank.LoadBankVersionAsync(draftId))!;
        await bank.SaveDraftAsync(draftId, draft with { Title = "Rectangle, second edition" });

        var published = await Assert.ThrowsAsync<ContentValidationException>(() => bank.SaveDraftAsync(firstId, draft));
        Assert.Contains("cannot be changed", published.Message);
        Assert.Equal(firstId, await bank.PublishedVersionIdAsync(problemId));

        await bank.PublishAsync(draftId);

        Assert.Equal(draftId, await bank.PublishedVersionIdAsync(problemId));
        var first = (await bank.LoadVersionAsync(firstId))!;
        Assert.Equal(VersionStatus.Retired, first.Status);
        Assert.Equal("Area of a rectangle", first.Title);
        Assert.Equal(2, (await bank.LoadVersionAsync(draftId))!.Number);
    }

    [Fact]
    public async Task Publishing_is_refused_while_the_validator_finds_errors()
    {
        using var scope = app.Factory.Services.CreateScope();
        var bank = scope.ServiceProvider.GetRequiredService<ProblemBank>();
        await scope.ServiceProvider.GetRequiredService<BankImporter>().ImportAsync(BankDocument.Create([Skill("Area"), Skill("Perimeter")], []));
        var content = Rectangle() with { Status = "draft", Tree = [] };
        var (_, versionId) = await bank.CreateDraftAsync("no-tree", content, authorId: null);

        var error = await Assert.ThrowsAsync<ContentValidationException>(() => bank.PublishAsync(versionId));

        Assert.Contains(error.Issues, i => i.Message.Contains("unreachable step \"s1\""));
        Assert.Equal(VersionStatus.Draft, (await bank.LoadVersionAsync(versionId))!.Status);
    }

    private static async Task<int> PublishedProblemAsync(IServiceProvider services, string key)
    {
        var document = BankDocument.Create([Skill("Area"), Skill("Perimeter")], [new BankProblem(key, [Rectangle()])]);
        await services.GetRequiredService<BankImporter>().ImportAsync(document);
        var bank = services.GetRequiredService<ProblemBank>();
        var problem = (await bank.SearchAsync(new BankFilter(Text: key))).Single(p => p.Key == key);
        return problem.LatestVersionId;
    }

    private static BankSkill Skill(string name) => new(name, "", null, []);

    private static BankProblemVersion Rectangle() => new(1, "published", "Area of a rectangle", "A rectangle is $3$ by $4.5$ metres.",
        new NumberAnswer(15), 1, "test", "CC0", [], ["Area", "Perimeter"], DateTimeOffset.UtcNow, DateTimeOffset.UtcNow,
        [
            new BankStep("s1", "What is its area in square metres?", new NumberAnswer(13.5m, 0.01m), ["Area"], [], []),
            new BankStep("s2", "What is its perimeter in metres?", new NumberAnswer(15), ["Perimeter"], [], []),
        ],
        [
            new BankQuestionNode("s1.q1", "s1", null, "root", null, "focus", "", "What is the area?", new NumberAnswer(13.5m, 0.01m), [new Hint(1, "Length times width.")]),
            new BankQuestionNode("s2.q1", "s2", null, "root", null, "focus", "", "What is the perimeter?", new NumberAnswer(15), [new Hint(1, "Go all the way round.")]),
        ]);
}
