using System.Globalization;
using System.Text.RegularExpressions;
using TutorApp.Domain.Answers;
using TutorApp.Domain.Content.Bank;
using TutorApp.Domain.Content.Import;
using TutorApp.TestSupport;
using TutorApp.Tutoring;
using Xunit.Abstractions;

namespace TutorApp.IntegrationTests;

/// <summary>
/// The offline tutor on every problem of the MathDial dev split: a student who answers each step finishes; a student
/// who repeats the MathDial student's wrong value is asked about that misconception; no tutor turn ever shows the
/// final answer or an unresolved step's value (checked here independently of the engine's own leak guard).
/// </summary>
public sealed partial class MathDialTutoringTests(ITestOutputHelper output)
{
    private static readonly IReadOnlyDictionary<string, double> NoMastery = new Dictionary<string, double>();
    private readonly SocraticEngine _engine = new();

    [Fact]
    public void Every_MathDial_problem_is_finished_by_a_correct_student_targets_misconceptions_and_never_leaks()
    {
        var problems = MathDialParser.ImportJsonl(new StringReader(File.ReadAllText(TestData.File("mathdial", "dev.jsonl"))), "dev.jsonl",
            DateTimeOffset.UtcNow).Bank.Document.Problems.Select(p => p.Versions.Single()).ToList();
        var (tutorTurns, leaks, finished, misconceptions, unreachable, targeted) = (0, new List<string>(), 0, 0, 0, 0);
        var misses = new List<string>();

        foreach (var problem in problems)
        {
            var asked = new HashSet<string>();
            var correct = Run(problem, (state, _) =>
            {
                asked.Add(state.CurrentStepKey ?? DialogueState.FinalAnswerKey);
                return ValueToSay(problem, state);
            }, leaks, ref tutorTurns);
            finished += correct.Solved ? 1 : 0;

            foreach (var step in problem.Steps)
            {
                foreach (var misconception in step.Misconceptions.Where(m => m.WrongValues.Count > 0))
                {
                    misconceptions++;
                    // When an earlier answer also states this step's value (MathDial solutions repeat values), the step is
                    // resolved without ever being asked, and a student never gets the chance to make this mistake on it.
                    if (!asked.Contains(step.Key))
                    {
                        unreachable++;
                        continue;
                    }
                    var said = false;
                    var reachedStep = false;
                    var target = false;
                    var lastTutorText = "";
                    Run(problem, (state, lastTurns) =>
                    {
                        if (said)
                        {
                            lastTutorText = string.Join(" / ", lastTurns.Select(t => $"{t.Kind}:{t.Text}"));
                            target = lastTurns.Any(t => t.Kind == TurnKind.Remediation ||
                                problem.Tree.Any(n => n.Key == t.NodeKey && n.Trigger == "misconception" && n.Misconception == misconception.Key));
                            return null;
                        }
                        if (state.CurrentStepKey == step.Key)
                        {
                            reachedStep = true;
                            said = true;
                            return $"I got {Format(misconception.WrongValues[0])}";
                        }
                        return ValueToSay(problem, state);
                    }, leaks, ref tutorTurns);
                    Assert.True(reachedStep, $"{problem.Source}: the correct student never reached step {step.Key}");
                    targeted += target ? 1 : 0;
                    if (!target)
                    {
                        misses.Add($"{problem.Source} step {step.Key}: wrong value {Format(misconception.WrongValues[0])}; tutor said \"{lastTutorText}\"");
                    }
                }
            }
        }

        output.WriteLine($"{problems.Count} problems, {finished} finished by the correct student; {misconceptions} misconceptions " +
            $"({unreachable} on steps resolved before they are asked), {targeted} answered with a question aimed at them; " +
            $"{tutorTurns} tutor turns checked, {leaks.Count} leaks");
        misses.ForEach(output.WriteLine);
        Assert.Equal(problems.Count, finished);
        Assert.Equal(misconceptions - unreachable, targeted);
        Assert.True(unreachable <= 0.1 * misconceptions, $"{unreachable} of {misconceptions} misconceptions sit on steps that are never asked");
        Assert.True(misconceptions > 200);
        Assert.True(leaks.Count == 0, "Leaks:\n" + string.Join("\n", leaks.Take(20)));
    }

    private delegate string? Script(DialogueState state, IReadOnlyList<TutorTurn> lastTurns);

    /// <summary>Plays the script until it stops, the problem is solved, or 40 turns pass; checks every tutor turn for leaks.</summary>
    private DialogueState Run(BankProblemVersion problem, Script script, List<string> leaks, ref int tutorTurns)
    {
        var opening = _engine.Start(problem, NoMastery);
        var state = opening.State;
        IReadOnlyList<TutorTurn> turns = [opening.Turn];
        for (var turn = 0; turn < 40 && !state.Solved; turn++)
        {
            foreach (var tutorTurn in turns)
            {
                tutorTurns++;
                CheckForLeak(problem, state, tutorTurn, leaks);
            }
            var message = script(state, turns);
            if (message is null)
            {
                break;
            }
            var outcome = _engine.Respond(problem, state, message, NoMastery);
            (state, turns) = (outcome.State, outcome.Turns);
        }
        foreach (var tutorTurn in turns)
        {
            tutorTurns++;
            CheckForLeak(problem, state, tutorTurn, leaks);
        }
        return state;
    }

    private static string ValueToSay(BankProblemVersion problem, DialogueState state)
    {
        var spec = state.CurrentStepKey is { } key ? problem.Steps.Single(s => s.Key == key).Expected : problem.FinalAnswer;
        return $"The answer is {spec!.Display()}";
    }

    /// <summary>A tutor turn leaks when it contains the final answer or an unresolved step's value, unless it is an allowed reveal.</summary>
    private static void CheckForLeak(BankProblemVersion problem, DialogueState state, TutorTurn turn, List<string> leaks)
    {
        if (turn.RevealedAnswer || state.Solved)
        {
            return;
        }
        var hidden = problem.Steps.Where(s => !state.ResolvedSteps.Contains(s.Key)).Select(s => s.Expected).Append(problem.FinalAnswer)
            .OfType<NumberAnswer>().Select(a => a.Value).ToHashSet();
        // Values the problem statement itself gives are not secrets.
        var given = Numbers(problem.Statement).ToHashSet();
        foreach (var number in Numbers(turn.Text).Where(n => hidden.Contains(n) && !given.Contains(n)))
        {
            leaks.Add($"{problem.Source}: \"{turn.Text}\" shows {number}");
        }
    }

    private static IEnumerable<decimal> Numbers(string text) =>
        NumberPattern().Matches(text.Replace(",", "", StringComparison.Ordinal))
            .Select(m => decimal.Parse(m.Value, CultureInfo.InvariantCulture));

    private static string Format(decimal value) => value.ToString("0.##########", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\d+(?:\.\d+)?")]
    private static partial Regex NumberPattern();
}
