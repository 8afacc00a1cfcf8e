using Microsoft.Extensions.DependencyInjection;
using TutorApp.Data.Content;
using TutorApp.Domain.Answers;
using TutorApp.Domain.Content.Bank;

namespace TutorApp.E2ETests.Admin;

/// <summary>Content made fresh for one test (unique keys and titles), so no test depends on another's data.</summary>
internal static class AdminTestContent
{
    /// <summary>A bank file with one published problem: one step, a misconception, and a root with a misconception follow-up.</summary>
    public static BankDocument PublishedProblem(string key, string title) => BankDocument.Create(
        [new BankSkill("Multiplication", "Repeated addition of equal groups.", null, [])],
        [
            new BankProblem(key,
            [
                new BankProblemVersion(1, "published", title, "What is $6 \\times 7$?", new NumberAnswer(42), 1, "E2E import", "CC0", [], ["Multiplication"],
                    DateTimeOffset.UtcNow, DateTimeOffset.UtcNow,
                    [
                        new BankStep("s1", "Multiply.", new NumberAnswer(42), ["Multiplication"], [],
                            [new BankMisconception("m1", "Adds instead of multiplying.", [13m], [], "Is this adding or multiplying?")]),
                    ],
                    [
                        new BankQuestionNode("s1.q1", "s1", null, "root", null, "focus", "", "How many are six groups of seven?", null, []),
                        new BankQuestionNode("s1.q2", "s1", "s1.q1", "misconception", "m1", "probing", "", "Did you add or multiply?", null, []),
                    ]),
            ]),
        ]);

    public static async Task ImportAsync(IServiceProvider services, BankDocument document)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<BankImporter>().ImportAsync(document);
    }
}
