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

    public SimulatedStudent Create(StudentKnowledge knowledge, StudentBehaviour behaviour, int seed) =>
        new(knowledge, behaviour, Parameters, seed);

    /// <summary>
    /// The next attempt of a student who answered <paramref name="wrongValue"/> to the question of <paramref name="stepKey"/>,
    /// after reading the tutor's <paramref name="tutorMessage"/> followed by the step's question again, as the tutor asks it
    /// (null: no help, the question is only repeated). Same arguments, same reply. The student knows the problem only
    /// through the bank's steps here (a real student's session has no worked solution to give it).
    /// <see cref="SimulatedReply.Corrected"/> tells whether the message got the student to the right value.
    /// </summary>
    /// <exception cref="ArgumentException">The step is not in the problem or has no number value.</exception>
    public SimulatedReply NextAttempt(BankProblemVersion problem, string stepKey, decimal wrongValue, string? tutorMessage, int seed)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var step = problem.Steps.FirstOrDefault(s => s.Key == stepKey) ?? throw new ArgumentException($"step \"{stepKey}\" is not in the problem", nameof(stepKey));
        var knowledge = StudentKnowledge.FromBank(problem);
        var quantity = knowledge.Quantities.FirstOrDefault(q => StudentKnowledge.ValueOf(step.Expected) == q.Value)
            ?? throw new ArgumentException($"step \"{stepKey}\" has no number value", nameof(stepKey));
        var student = Create(knowledge.WithMisconception(wrongValue == quantity.Value ? null : new StudentMisconception(quantity.Index, wrongValue, null)),
            StudentBehaviour.Honest, seed);
        student.AlreadyAttempted(quantity.Index, step.Prompt);
        var text = tutorMessage is null ? step.Prompt
            : tutorMessage.TrimEnd().EndsWith('?') ? tutorMessage : $"{tutorMessage.Trim()} {QuestionReader.LastAsk(step.Prompt).Ask}";
        return student.Reply(new TutorMessage(text), tutorMessage ?? text);
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
