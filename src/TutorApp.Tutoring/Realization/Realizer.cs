using TutorApp.Tutoring.Evaluation;
using TutorApp.Tutoring.Guarding;
using TutorApp.Tutoring.Planning;

namespace TutorApp.Tutoring.Realization;

/// <summary>The words of one planned move, before the leak guard sees them.</summary>
internal sealed record RealizedTurn(string Text, PlannedMove Plan);

/// <summary>
/// Words a planned move offline: the authored text from the tree (a question, hint, telling node or remediation question),
/// with short templated acknowledgements. An acknowledgement repeats the student's own value only when the value gives
/// nothing away that is still unresolved; otherwise it stays general ("That's right.").
/// </summary>
internal sealed class Realizer(LeakGuard guard)
{
    public const string FinalQuestion = "You have worked out every part. So what is the answer to the whole problem?";

    public const string GenericStrategy =
        "Break the problem into parts: what do you know, what are you asked to find, and which operation links them?";

    /// <summary>What the tutor says when the guard blocks a text: a focusing question with no numbers in it.</summary>
    public const string SafeFocusingQuestion =
        "Let's slow down and look at the problem again. What is the question asking you to find, and what information do you have?";

    private const int MaxEchoedLength = 40;

    /// <param name="toldOnTheWay">The tutor has told the student something (a strategy, a value) in this dialogue: the closing praise says less.</param>
    public RealizedTurn Realize(ProblemTree tree, PlannedMove move, IReadOnlyList<ProtectedValue> protectedValues, int variant, bool toldOnTheWay = false)
    {
        if (move.Kind == TurnKind.Closing)
        {
            return new RealizedTurn(move.Acknowledgement == Acknowledgement.AlreadySolved
                ? Acknowledge(move.Acknowledgement, null, variant)
                : Closing(move.AcknowledgedValue, protectedValues, variant, toldOnTheWay), move);
        }
        var question = QuestionText(tree, move);
        var body = move.Kind switch
        {
            TurnKind.Hint or TurnKind.BottomOutHint => WithQuestion(move.Text ?? "", question, move.AsksAgain),
            // A telling node that asks its own question is said as it is written.
            TurnKind.Teaching when move.Text is null && move.SourceNodeKey is null && move.NodeKey is not null => question,
            TurnKind.Teaching when move.Text is null => "Here's a way to think about it: " + GenericStrategy,
            TurnKind.Teaching when tree.Node(move.SourceNodeKey) is { } source && source.Text == move.Text => move.Text,
            TurnKind.Teaching => "Here's a way to think about it: " + move.Text,
            TurnKind.Remediation => move.Text ?? question,
            TurnKind.Explanation => WithQuestion(move.Text ?? "", question, move.AsksAgain),
            _ => question,
        };
        var acknowledgement = move.Acknowledgement switch
        {
            Acknowledgement.OtherQuantity => OtherQuantity(tree, move, protectedValues),
            Acknowledgement.PartNotWhole => PartNotWhole(tree, move, protectedValues),
            Acknowledgement.WrongQuantity => $"Look again at what the question asks for: {QuantityReading.Describe(QuestionText(tree, move))}.",
            Acknowledgement.WrongLine => WrongLine(move.AcknowledgedValue, protectedValues),
            _ => Acknowledge(move.Acknowledgement, Echo(move.AcknowledgedValue, protectedValues), variant),
        };
        var text = string.IsNullOrEmpty(acknowledgement) ? body : acknowledgement + " " + body;
        return new RealizedTurn(text.Trim(), move);
    }

    /// <summary>"3 is how many people go in total, not what this question asks." Never "right": it answers another question.</summary>
    private string OtherQuantity(ProblemTree tree, PlannedMove move, IReadOnlyList<ProtectedValue> protectedValues)
    {
        var quantity = tree.Step(move.AcknowledgedStepKey) is { } other ? QuantityReading.Describe(other.Prompt) : "another part of the problem";
        var value = Echo(move.AcknowledgedValue, protectedValues);
        return value is null
            ? $"That number is {quantity}, but this question asks something else."
            : $"{value} is {quantity}, but this question asks something else.";
    }

    /// <summary>"16 is how many slices there are in total: one part of the problem, not the answer to the whole question yet."</summary>
    private string PartNotWhole(ProblemTree tree, PlannedMove move, IReadOnlyList<ProtectedValue> protectedValues)
    {
        var quantity = tree.Step(move.AcknowledgedStepKey) is { } part ? QuantityReading.Describe(part.Prompt) : "one part of the problem";
        var value = Echo(move.AcknowledgedValue, protectedValues) ?? "That";
        return $"{value} is {quantity}: one part of the problem, not the answer to the whole question yet. Let's go on from there.";
    }

    /// <summary>Points at the first wrong line of the student's working; its value is the student's own, and the right one is never said.</summary>
    private string WrongLine(string? line, IReadOnlyList<ProtectedValue> protectedValues)
    {
        var shown = Echo(line, protectedValues);
        return shown is null ? "Check your calculation again: one of the lines does not work out." : $"Check this line again: {shown}.";
    }

    /// <summary>The question the move asks or returns to.</summary>
    private static string QuestionText(ProblemTree tree, PlannedMove move)
    {
        if (tree.Node(move.NodeKey) is { } node && node.Step == move.StepKey)
        {
            return node.Text.Trim();
        }
        if (tree.Step(move.StepKey) is { } step)
        {
            return step.Prompt.Trim();
        }
        return FinalQuestion;
    }

    /// <summary>A hint followed by the question it helps with, shortened to its last asking sentence.</summary>
    private static string WithQuestion(string text, string question, bool asksAgain)
    {
        var trimmed = text.Trim();
        if (!asksAgain || trimmed.EndsWith('?'))
        {
            return trimmed;
        }
        return trimmed + " " + LastQuestionSentence(question);
    }

    internal static string LastQuestionSentence(string question)
    {
        var end = question.LastIndexOf('?');
        if (end < 0)
        {
            return question;
        }
        var start = question.LastIndexOfAny(['.', '!', '?', '\n'], Math.Max(0, end - 1));
        return question[(start + 1)..(end + 1)].Trim();
    }

    /// <summary>The student's value, when it is short, plain and says nothing still unresolved.</summary>
    private string? Echo(string? value, IReadOnlyList<ProtectedValue> protectedValues)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var trimmed = value.Trim().TrimEnd('.', '!', '?');
        if (trimmed.Length == 0 || trimmed.Length > MaxEchoedLength || !trimmed.All(IsPlain) || guard.Check(trimmed, protectedValues).Leaks)
        {
            return null;
        }
        return trimmed;
    }

    // Student text is echoed only when it is plainly a number or a formula: nothing that could be read as markup.
    private static bool IsPlain(char character) =>
        char.IsLetterOrDigit(character) || character is ' ' or '+' or '-' or '*' or '/' or '^' or '(' or ')' or '.' or ',' or '%' or '$'
            or '€' or '£' or '×' or '÷' or '·' or '=' or '²' or '³' or '\'';

    private static string Acknowledge(Acknowledgement acknowledgement, string? value, int variant)
    {
        string[] choices = acknowledgement switch
        {
            Acknowledgement.Opening => ["Let's work through this problem together."],
            Acknowledgement.StepResolved when value is not null => [$"That's right: {value}.", $"Yes, {value} is correct.", $"Exactly, {value}."],
            Acknowledgement.StepResolved => ["That's right.", "Yes, that's correct.", "Exactly."],
            Acknowledgement.SubAnswerRight when value is not null => [$"Right, {value}.", $"Good, {value} is right."],
            Acknowledgement.SubAnswerRight => ["Right.", "Good."],
            Acknowledgement.OtherStepResolved => ["Your working for another part of the problem checks out. Let's come back to this one."],
            Acknowledgement.MixedWorking => ["Parts of your working hold up, but not all of it. Let's go through it one step at a time."],
            Acknowledgement.Partial => ["Let's keep thinking about it.", "Let's take it one step further."],
            Acknowledgement.RightWorking => ["Your calculation checks out so far.", "That working checks out so far."],
            Acknowledgement.RightCalculation => ["That calculation will get you there: work it out."],
            Acknowledgement.CheckCalculation => ["Let's check that calculation: does it give what the question asks for?"],
            Acknowledgement.NotWholeAnswer => ["That isn't the answer to the whole problem yet.", "That's not the answer to the problem yet."],
            Acknowledgement.Question => ["Good question."],
            Acknowledgement.Wrong => ["Not quite.", "Let's look at that again.", "Hmm, not yet."],
            Acknowledgement.OpenReply => ["Good.", "Thanks, that helps.", "OK."],
            Acknowledgement.Smaller => ["Let's try a smaller question."],
            Acknowledgement.Greeting => ["Hi! Let's keep going with the problem."],
            Acknowledgement.OffTopic => ["Let's stay with the problem for now."],
            Acknowledgement.AnswerRequest => ["I won't just give you the answer, but I'll help you find it yourself."],
            Acknowledgement.RevealAttempt => ["I'm here to help you work it out yourself, so I won't give the answer away."],
            Acknowledgement.AlreadySolved => ["You've already solved this problem. Well done! You can move on to the next one."],
            _ => [],
        };
        return choices.Length == 0 ? "" : choices[Math.Abs(variant % choices.Length)];
    }

    /// <summary>The closing words once the student states the final answer.</summary>
    public string Closing(string? value, IReadOnlyList<ProtectedValue> protectedValues, int variant, bool toldOnTheWay = false)
    {
        var echoed = Echo(value, protectedValues);
        // After the tutor told a strategy or a value, "you solved it yourself" would not be true.
        string[] choices = (echoed is null, toldOnTheWay) switch
        {
            (true, false) => ["Well done, that's the answer, and you worked it out yourself!", "Excellent, you solved it yourself!"],
            (false, false) => [$"Well done: {echoed} is the answer, and you worked it out yourself!", $"Excellent, {echoed} is right. You solved it yourself!"],
            (true, true) => ["That's the answer. Well done for finishing it; next time, try the tricky part on your own first."],
            _ => [$"{echoed} is the answer. Well done for finishing it; next time, try the tricky part on your own first."],
        };
        return choices[Math.Abs(variant % choices.Length)];
    }
}
