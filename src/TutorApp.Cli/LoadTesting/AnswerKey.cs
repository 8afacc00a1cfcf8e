using TutorApp.Data.Content;
using TutorApp.Domain.Answers;

namespace TutorApp.Cli.LoadTesting;

/// <summary>What a simulated student knows about one published problem: each step's value and the final answer, as text.</summary>
internal sealed record ProblemAnswers(int ProblemId, string Title, IReadOnlyList<string> StepValues, string FinalAnswer);

/// <summary>
/// The load test's students answer from the problems' own solutions, read from the database the server uses (the JSON
/// API never reveals them, as it must not).
/// </summary>
internal static class AnswerKey
{
    public static async Task<IReadOnlyList<ProblemAnswers>> LoadAsync(ProblemBank bank, int maxProblems, CancellationToken cancellationToken)
    {
        var published = await bank.ListPublishedAsync(cancellationToken);
        var answers = new List<ProblemAnswers>();
        foreach (var problem in published.Take(maxProblems))
        {
            var version = await bank.LoadBankVersionAsync(problem.VersionId, cancellationToken);
            if (version is null)
            {
                continue;
            }
            var steps = version.Steps.Where(s => s.Expected is not null).Select(s => Spoken(s.Expected!)).ToList();
            answers.Add(new ProblemAnswers(problem.ProblemId, problem.Title, steps, Spoken(version.FinalAnswer)));
        }
        return answers;
    }

    private static string Spoken(AnswerSpec answer) => answer switch
    {
        NumberAnswer number => number.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => answer.Display(),
    };
}
