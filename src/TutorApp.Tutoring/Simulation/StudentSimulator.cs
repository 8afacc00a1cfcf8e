using System.Text.RegularExpressions;
using TutorApp.Domain.Answers;
using TutorApp.Domain.Content;
using TutorApp.Domain.Content.Bank;

namespace TutorApp.Tutoring.Simulation;

/// <summary>
/// The simulated student as a service: students for the evaluation harness, and one reply to a candidate hint for a
/// hint validator that has no second model to play the student.
/// </summary>
public sealed class StudentSimulator(SimulatorParameters parameters)
{
    public SimulatorParameters Parameters { get; } = parameters;

    public SimulatedStudent Create(BankProblemVersion problem, StudentProfile profile, int seed, bool alreadyAttempted = false) =>
        new(problem, profile, Parameters, seed, alreadyAttempted);

    /// <summary>
    /// The next attempt of a student who answered <paramref name="wrongValue"/> on <paramref name="stepKey"/>, after the
    /// tutor's <paramref name="tutorMessage"/> (null: no help, the student just tries again). Same arguments, same reply.
    /// <see cref="SimulatedReply.Corrected"/> tells whether the message got the student to the right value.
    /// </summary>
    public SimulatedReply NextAttempt(BankProblemVersion problem, string stepKey, decimal wrongValue, string? tutorMessage, int seed)
    {
        var student = Create(problem, new StudentProfile(stepKey, wrongValue), seed, alreadyAttempted: true);
        return student.Reply(new TutorMessage(tutorMessage ?? "", tutorMessage is null ? TeacherMove.Generic : null, stepKey));
    }

    /// <summary>
    /// A misconception for a simulated student on this problem: one of the bank's misconceptions (each from a real
    /// student's wrong solution) chosen at random; for a problem without any, a wrong value made the way MathDial students
    /// most often go wrong: a number of the problem combined with the step's right value by the wrong operation.
    /// Null when no step has a numeric value.
    /// </summary>
    public static StudentProfile? SampleProfile(BankProblemVersion problem, Random random)
    {
        var known = problem.Steps.SelectMany(s => s.Misconceptions.Where(m => m.WrongValues.Count > 0).Select(m => new StudentProfile(s.Key, m.WrongValues[0])))
            .ToList();
        if (known.Count > 0)
        {
            return known[random.Next(known.Count)];
        }
        var numeric = problem.Steps.Where(s => s.Expected is NumberAnswer).ToList();
        if (numeric.Count == 0)
        {
            return null;
        }
        var step = numeric[random.Next(numeric.Count)];
        var right = ((NumberAnswer)step.Expected!).Value;
        var taken = problem.Steps.SelectMany(s => s.Expected?.RevealingNumbers() ?? []).Concat(problem.FinalAnswer.RevealingNumbers()).ToHashSet();
        var given = InteractiveMetrics.Numbers(problem.Statement).Select(n => (decimal)n).Where(n => n != 0).Distinct().ToList();
        var candidates = given.SelectMany(g => new[] { right + g, right - g, right * g, decimal.Round(right / g, 2) })
            .Where(v => v > 0 && v != right && !taken.Contains(v) && !given.Contains(v)).Distinct().ToList();
        return new StudentProfile(step.Key, candidates.Count > 0 ? candidates[random.Next(candidates.Count)] : right + 1);
    }
}

/// <summary>Reads a MathDial move from the words of an unlabelled tutor turn (an LLM's candidate hint).</summary>
public static partial class MoveReader
{
    public static TeacherMove Read(string text)
    {
        if (Generic().IsMatch(text))
        {
            return TeacherMove.Generic;
        }
        if (!text.Contains('?', StringComparison.Ordinal))
        {
            // A statement that is not small talk explains something: telling.
            return TeacherMove.Telling;
        }
        return Probing().IsMatch(text) ? TeacherMove.Probing : TeacherMove.Focus;
    }

    [GeneratedRegex(@"^\W*(hi|hello|hey|how are you|walk me through|can you (explain|tell me) (your|how you)|good job|well done|thanks|thank you)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Generic();

    [GeneratedRegex(@"\b(why|how did you|are you sure|what if|check|does (that|this|it) (fit|make sense)|explain|where did you get)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Probing();
}
