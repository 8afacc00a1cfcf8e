using System.Globalization;
using TutorApp.Domain.Answers;
using TutorApp.Domain.Content;
using TutorApp.Domain.Content.Bank;

namespace TutorApp.Tutoring.Simulation;

/// <summary>A student's misconception: on this step it believes the wrong value, and carries it into the final answer.</summary>
public sealed record StudentProfile(string StepKey, decimal WrongValue);

/// <summary>A tutor turn as the simulated student sees it.</summary>
/// <param name="Move">The MathDial move when the tutor labels it; otherwise it is read from the words.</param>
/// <param name="StepKey">The step the turn asks about; null for the final question or when unknown (then: the step it has wrong).</param>
/// <param name="NodeKey">The sub-question asked, if any; its expected answer is what the student then answers.</param>
/// <param name="Closing">The tutor closes the dialogue; nothing is asked.</param>
public sealed record TutorMessage(string Text, TeacherMove? Move = null, string? StepKey = null, string? NodeKey = null, bool Closing = false);

/// <summary>What a reply did: the text, and whether the student now holds the right value of its misconception step.</summary>
public sealed record SimulatedReply(string Text, bool Corrected, SimulatedReplyKind Kind);

public enum SimulatedReplyKind
{
    /// <summary>A right answer to what was asked.</summary>
    Correct,
    /// <summary>The misconception's wrong value (or the wrong final answer it leads to).</summary>
    RestatesWrongValue,
    DontKnow,
    AsksForAnswer,
    /// <summary>Working without an answer.</summary>
    PartialReasoning,
    /// <summary>A reply to a closing turn.</summary>
    Thanks,
}

/// <summary>
/// An offline student with one misconception, seeded and reproducible. It answers every question right except those
/// about its misconception step (and the final answer, which depends on it), where it first gives its wrong value, and
/// keeps it until a tutor turn moves it: a turn that states the right value is repeated with <see cref="SimulatorParameters.CopyRevealedRate"/>;
/// otherwise the turn's MathDial move gives the chance to correct (a BKT-style transit), and a turn that only repeats the
/// question just asked (with at most a short acknowledgement and no number) counts as generic. A reply that does not correct says "I don't know", asks for the answer,
/// restates the wrong value or gives partial reasoning, in the proportions measured on MathDial.
/// </summary>
public sealed class SimulatedStudent
{
    private readonly BankProblemVersion _problem;
    private readonly SimulatorParameters _parameters;
    private readonly Random _random;
    private readonly BankStep? _misconceptionStep;
    private readonly HashSet<decimal> _rightValues;
    private string? _lastQuestion;
    private bool _attempted;

    /// <param name="alreadyAttempted">The student has already given its wrong value once (a hint validator's case).</param>
    public SimulatedStudent(BankProblemVersion problem, StudentProfile profile, SimulatorParameters parameters, int seed, bool alreadyAttempted = false)
    {
        _attempted = alreadyAttempted;
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(profile);
        _problem = problem;
        Profile = profile;
        _parameters = parameters;
        _random = new Random(seed);
        _misconceptionStep = problem.Steps.FirstOrDefault(s => s.Key == profile.StepKey);
        _rightValues = [.. (_misconceptionStep?.Expected?.RevealingNumbers() ?? []), .. problem.FinalAnswer.RevealingNumbers()];
    }

    public StudentProfile Profile { get; }

    /// <summary>The student now knows the right value of its misconception step.</summary>
    public bool Corrected { get; private set; }

    public SimulatedReply Reply(TutorMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Closing)
        {
            return new SimulatedReply(Pick("Thanks!", "Thank you!", "Great, thanks."), Corrected, SimulatedReplyKind.Thanks);
        }
        var question = LastQuestion(message.Text);
        var repeated = question is not null && question == _lastQuestion && OnlyAcknowledges(message.Text.Replace(question, "", StringComparison.Ordinal));
        _lastQuestion = question;

        var step = message.StepKey is null ? null : _problem.Steps.FirstOrDefault(s => s.Key == message.StepKey);
        var node = message.NodeKey is null ? null : _problem.Tree.FirstOrDefault(n => n.Key == message.NodeKey);
        // The final question (no step), an unlabelled turn and a turn on the misconception step all involve the wrong value.
        var aboutMisconception = step is null || step.Key == Profile.StepKey;
        if (aboutMisconception && !Corrected && !_attempted)
        {
            // Like a MathDial student presenting its solution, the first answer on the step is the wrong value: the
            // misconception is what the student believes until a turn works on it.
            _attempted = true;
            return WrongValue();
        }
        if (aboutMisconception && !Corrected)
        {
            var chance = InteractiveMetrics.ContainsAnswer(message.Text, _rightValues)
                ? _parameters.CopyRevealedRate
                : _parameters.FixRate(repeated ? TeacherMove.Generic : message.Move ?? MoveReader.Read(message.Text));
            Corrected = _random.NextDouble() < chance;
            if (!Corrected)
            {
                return NotCorrected(node);
            }
        }
        return Answer(step, node);
    }

    /// <summary>The right answer to what was asked: the node's expected answer, else the step's value, else the final answer.</summary>
    private SimulatedReply Answer(BankStep? step, BankQuestionNode? node)
    {
        if (node is not null && node.Expected is null)
        {
            return new SimulatedReply(Pick("I looked at what the question asks and used the numbers it gives.",
                "I worked out each part from what the problem says, one at a time."), Corrected, SimulatedReplyKind.PartialReasoning);
        }
        var spec = node?.Expected ?? step?.Expected ?? _problem.FinalAnswer;
        return new SimulatedReply(Phrase(spec), Corrected, SimulatedReplyKind.Correct);
    }

    private SimulatedReply NotCorrected(BankQuestionNode? node)
    {
        var draw = _random.NextDouble();
        if (draw < _parameters.DontKnowRate)
        {
            return new SimulatedReply(Pick("I don't know.", "I'm not sure.", "I'm confused, I don't know what to do."), false, SimulatedReplyKind.DontKnow);
        }
        draw -= _parameters.DontKnowRate;
        if (draw < _parameters.AsksForAnswerRate)
        {
            return new SimulatedReply(Pick("Can you just tell me the answer?", "What is the right answer?"), false, SimulatedReplyKind.AsksForAnswer);
        }
        draw -= _parameters.AsksForAnswerRate;
        // A sub-question asking for something other than a number: the wrong value is what the student holds on to.
        if (draw < _parameters.RestateRate || node?.Expected is NumberAnswer)
        {
            return WrongValue();
        }
        return new SimulatedReply(Pick("I used the numbers from the problem, but I'm not sure how they go together.",
            "I think I have to combine the numbers in the question somehow.", "Hmm, I have to look at what the question asks first."),
            false, SimulatedReplyKind.PartialReasoning);
    }

    private SimulatedReply WrongValue()
    {
        var wrong = Number(Profile.WrongValue, null);
        return new SimulatedReply(Pick($"I still think it is {wrong}.", $"I got {wrong}.", $"It's {wrong}.", $"{wrong}"), false,
            SimulatedReplyKind.RestatesWrongValue);
    }

    private string Phrase(AnswerSpec spec) => spec switch
    {
        NumberAnswer number => Pick($"{Number(number.Value, number.Unit)}", $"It's {Number(number.Value, number.Unit)}.",
            $"I think it is {Number(number.Value, number.Unit)}.", $"I got {Number(number.Value, number.Unit)}."),
        _ => Pick($"{spec.Display()}", $"It's {spec.Display()}."),
    };

    /// <summary>The number as students write it: plain digits mostly, sometimes with thousands commas or a currency sign.</summary>
    private string Number(decimal value, string? unit)
    {
        var plain = value.ToString("0.##########", CultureInfo.InvariantCulture);
        var dollars = unit is "$" or "dollars" or "dollar" or "USD";
        var draw = _random.NextDouble();
        if (dollars && draw < 0.5)
        {
            return "$" + (Math.Abs(value) >= 1000 ? value.ToString("#,0.##", CultureInfo.InvariantCulture) : plain);
        }
        if (Math.Abs(value) >= 1000 && draw < 0.3)
        {
            return value.ToString("#,0.##########", CultureInfo.InvariantCulture);
        }
        return plain;
    }

    private string Pick(params string[] choices) => choices[_random.Next(choices.Length)];

    private static string? LastQuestion(string text)
    {
        var end = text.LastIndexOf('?');
        if (end < 0)
        {
            return null;
        }
        var start = text.LastIndexOfAny(['.', '!', '?', '\n'], Math.Max(0, end - 1));
        return text[(start + 1)..(end + 1)].Trim();
    }

    /// <summary>What surrounds a repeated question adds nothing: one sentence at most and no number ("Not quite.").</summary>
    private static bool OnlyAcknowledges(string rest) =>
        !rest.Any(char.IsDigit) && rest.Split(['.', '!', '?'], StringSplitOptions.RemoveEmptyEntries).Count(s => s.Trim().Length > 0) <= 1;
}
