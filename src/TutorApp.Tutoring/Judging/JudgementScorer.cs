using System.Text.RegularExpressions;
using TutorApp.Domain.Content.Bank;

namespace TutorApp.Tutoring.Judging;

/// <summary>How one labelled message was judged.</summary>
public sealed record JudgementOutcome(JudgementCase Case, string Reply, bool Affirmed, bool Closed, IReadOnlyList<string> Credited)
{
    /// <summary>The reply affirmed an answer it may not affirm.</summary>
    public bool FalseAffirmation => Affirmed && !Case.MayAffirm;

    /// <summary>A step credited that the message does not produce, or the problem closed when it may not be.</summary>
    public bool FalseCredit => (Closed && !Case.MayClose) || Credited.Any(step => !Case.MayCredit.Contains(step));

    /// <summary>The step (or the final answer) that had to be credited was.</summary>
    public bool Accepted => Case.MustCredit is null
        || (Case.MustCredit == DialogueState.FinalAnswerKey ? Closed : Credited.Contains(Case.MustCredit) || Closed);
}

/// <summary>One category's counts.</summary>
public sealed record JudgementRow(JudgementCategory Category, int Messages, int Problems, int FalseAffirmations, int FalseCredits, int MustAccept, int Accepted)
{
    public double AcceptedRate => MustAccept == 0 ? 1 : (double)Accepted / MustAccept;
}

/// <summary>
/// Runs each labelled message through the offline engine the way a student would meet it: a new dialogue, the steps
/// before the asked one answered with their plain values, then the message. Affirmation is read from the words the
/// student sees, the way a person would read them; credit from the step attempts the engine records.
/// </summary>
public static partial class JudgementScorer
{
    public static JudgementOutcome Score(SocraticEngine engine, BankProblemVersion problem, JudgementCase labelled)
    {
        var mastery = new Dictionary<string, double>();
        var state = engine.Start(problem, mastery).State;
        foreach (var step in problem.Steps.Take(labelled.AskedStep))
        {
            var value = step.Expected!.RevealingNumbers()[0].ToString("0.##########", System.Globalization.CultureInfo.InvariantCulture);
            state = engine.Respond(problem, state, value, mastery).State;
        }
        var outcome = engine.Respond(problem, state, labelled.Message, mastery);
        var reply = string.Join(" ", outcome.Turns.Select(t => t.Text));
        var credited = outcome.Attempts.Where(a => a.Correct && !a.Skipped && a.StepKey is not null).Select(a => a.StepKey!).Distinct().ToList();
        var affirmed = outcome.State.Solved || Affirms(reply);
        return new JudgementOutcome(labelled, reply, affirmed, outcome.State.Solved, credited);
    }

    public static IReadOnlyList<JudgementRow> Tally(IEnumerable<JudgementOutcome> outcomes) =>
        outcomes.GroupBy(o => o.Case.Category).OrderBy(g => g.Key).Select(g => new JudgementRow(g.Key, g.Count(),
            g.Select(o => o.Case.ProblemKey).Distinct().Count(), g.Count(o => o.FalseAffirmation), g.Count(o => o.FalseCredit),
            g.Count(o => o.Case.MustCredit is not null), g.Count(o => o.Case.MustCredit is not null && o.Accepted))).ToList();

    /// <summary>The reply opens by saying the student is right ("That's right", "Yes, 14 is correct", "Exactly").</summary>
    public static bool Affirms(string reply) => AffirmingOpening().IsMatch(reply);

    [GeneratedRegex(@"^\s*(that'?s (right|correct)|yes\b|exactly|correct\b|right[,.!]|good[,.!]|well done|excellent|great[,.!]|perfect)|\bis (right|correct)\b(?! so far)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AffirmingOpening();
}
