using TutorApp.Domain.Content;
using TutorApp.Tutoring.Evaluation;

namespace TutorApp.Tutoring;

/// <summary>What kind of thing a tutor turn does.</summary>
public enum TurnKind
{
    /// <summary>Asks a question from the tree, a step's prompt or the final question.</summary>
    Question,
    Hint,
    /// <summary>A hint that gives the value away; only when the policy allows it.</summary>
    BottomOutHint,
    /// <summary>A short explanation of the strategy after repeated failure (never the value).</summary>
    Teaching,
    /// <summary>A misconception's remediation question.</summary>
    Remediation,
    /// <summary>Answers the student's question about a word or a step's reason, then asks again.</summary>
    Explanation,
    /// <summary>Declines to give the answer and asks a focusing question.</summary>
    Refusal,
    /// <summary>Answers a greeting or an off-topic message and steers back to the problem.</summary>
    Redirect,
    Closing,
}

/// <summary>One thing the tutor says.</summary>
/// <param name="Move">The MathDial teacher move.</param>
/// <param name="SubMove">The finer intent, e.g. "Seeking self-correction", "Revealing strategy", "Revealing answer".</param>
/// <param name="StepKey">The step the turn is about; null for the final question and closing turns.</param>
/// <param name="NodeKey">The question node asked (or the node the hint or teaching text comes from); null for a step's own prompt.</param>
/// <param name="HintLevel">For a hint, its level on the node's ladder.</param>
/// <param name="RevealedAnswer">A bottom-out hint the policy allowed, which may state an unresolved value.</param>
/// <param name="GuardIntervened">The leak guard blocked the planned text; <paramref name="Text"/> is a safe focusing question instead.</param>
/// <param name="Diagnostics">Why the engine did what it did, for logs and teachers; never shown to the student.</param>
public sealed record TutorTurn(
    string Text,
    TeacherMove Move,
    string SubMove,
    TurnKind Kind,
    string? StepKey,
    string? NodeKey,
    int? HintLevel,
    bool RevealedAnswer,
    bool GuardIntervened,
    IReadOnlyList<string> Diagnostics);

/// <summary>The tutor's first turn on a problem and the state to store with it.</summary>
public sealed record OpeningTurn(TutorTurn Turn, DialogueState State);

/// <summary>One step attempt to record as an interaction for knowledge tracing.</summary>
/// <param name="StepKey">The step; null for the final question asked once every step was resolved.</param>
/// <param name="NodeKey">The sub-question answered, when the answer was judged against a node rather than the step.</param>
/// <param name="JudgedAgainstStep">True when the answer was compared with the step's value (or resolved it); false for a sub-question.</param>
/// <param name="Skills">The step's skills (the problem's skills for the final question).</param>
/// <param name="HintsUsedOnStep">Hints given on the step's nodes before this attempt.</param>
/// <param name="Answer">The answer as the student wrote it.</param>
/// <param name="Skipped">
/// The step was resolved without the student producing its value (the final answer came first): no evidence either way, so
/// it is reported but never recorded as an interaction for knowledge tracing.
/// </param>
public sealed record StepAttempt(
    string? StepKey,
    string? NodeKey,
    bool Correct,
    bool JudgedAgainstStep,
    IReadOnlyList<string> Skills,
    int HintsUsedOnStep,
    string? Answer,
    bool Skipped = false);

/// <summary>The result of one student message: how it was read, the new state, what the tutor says, and what to record.</summary>
public sealed record TurnOutcome(
    MessageEvaluation Evaluation,
    DialogueState State,
    IReadOnlyList<TutorTurn> Turns,
    IReadOnlyList<StepAttempt> Attempts);
