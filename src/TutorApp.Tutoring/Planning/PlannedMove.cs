using TutorApp.Domain.Content;

namespace TutorApp.Tutoring.Planning;

/// <summary>The short acknowledgement that opens a turn.</summary>
internal enum Acknowledgement
{
    None,
    Opening,
    StepResolved,
    SubAnswerRight,
    OtherStepResolved,
    Partial,
    Wrong,
    OpenReply,
    Smaller,
    Greeting,
    OffTopic,
    AnswerRequest,
    RevealAttempt,
    AlreadySolved,
    /// <summary>The value belongs to another step: say which quantity it is (never "right").</summary>
    OtherQuantity,
    /// <summary>The unit or noun the student wrote does not fit the question asked.</summary>
    WrongQuantity,
    /// <summary>The asked step's value, presented as the whole problem's answer: named as that part, never "right".</summary>
    PartNotWhole,
    /// <summary>Presented as the whole problem's answer, and it is not.</summary>
    NotWholeAnswer,
    /// <summary>A working line whose arithmetic is wrong: point at it.</summary>
    WrongLine,
    /// <summary>Working whose lines are right, without the asked value yet.</summary>
    RightWorking,
    /// <summary>Some working lines hold, but the answer the message ends with does not.</summary>
    MixedWorking,
    /// <summary>A bare calculation ("10% of 90") that gives the asked value: it only needs working out.</summary>
    RightCalculation,
    /// <summary>A calculation that gives nothing the problem needs.</summary>
    CheckCalculation,
    /// <summary>A student's question, answered.</summary>
    Question,
}

/// <summary>One move the planner chose; the realizer turns it into words.</summary>
/// <param name="StepKey">The step the move is about; null for the final question.</param>
/// <param name="NodeKey">The question asked (or re-asked after a hint); null for the step's prompt or the final question.</param>
/// <param name="Text">Authored text to say (a hint, a strategy, a remediation question); null to say the question itself.</param>
/// <param name="SourceNodeKey">The node the text comes from, when it is not the question (a hint's node, a telling node).</param>
/// <param name="AsksAgain">After <paramref name="Text"/>, repeat the question (unless the text is itself a question).</param>
/// <param name="AllowsReveal">A bottom-out hint the policy allows: the leak guard lets its value through.</param>
internal sealed record PlannedMove(
    TurnKind Kind,
    TeacherMove Move,
    string SubMove,
    string? StepKey,
    string? NodeKey,
    string? Text = null,
    Acknowledgement Acknowledgement = Acknowledgement.None,
    string? AcknowledgedValue = null,
    string? AcknowledgedStepKey = null,
    string? SourceNodeKey = null,
    int? HintLevel = null,
    bool AsksAgain = false,
    bool AllowsReveal = false);

/// <summary>The planner's decision for one turn: the new state and the moves to say, in order.</summary>
internal sealed record Plan(DialogueState State, IReadOnlyList<PlannedMove> Moves, IReadOnlyList<string> Notes);

/// <summary>MathDial intents used as sub-moves (Macina et al. 2023, Table 2).</summary>
internal static class SubMoves
{
    public const string GuidingFocus = "Guiding student focus";
    public const string SeekStrategy = "Seek strategy";
    public const string SelfCorrection = "Seeking self-correction";
    public const string RevealingStrategy = "Revealing strategy";
    public const string RevealingAnswer = "Revealing answer";
    public const string Greeting = "Greeting/farewell";
    public const string GeneralInquiry = "General inquiry";
}
