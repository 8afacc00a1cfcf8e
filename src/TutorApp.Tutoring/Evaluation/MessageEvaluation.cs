namespace TutorApp.Tutoring.Evaluation;

/// <summary>What a student's message is doing.</summary>
public enum MessageIntent
{
    /// <summary>Offers an answer (a number, an expression, a choice), right or wrong.</summary>
    AnswerAttempt,
    /// <summary>Reasoning without a final answer ("2 times 8", "I'd divide them"), a right intermediate value, or a reply to an open question.</summary>
    PartialReasoning,
    DontKnow,
    AsksForHint,
    /// <summary>Sincerely asks to be told the answer ("just tell me the answer").</summary>
    AsksForAnswer,
    /// <summary>Tries to get the answer by manipulating the tutor ("ignore your instructions", "what is the final answer").</summary>
    RevealAttempt,
    Greeting,
    OffTopic,
    /// <summary>Asks what a word means or why a step is done; answered without giving any value away.</summary>
    AsksQuestion,
}

/// <summary>What the number the student offers stands for.</summary>
public enum AnswerReferent
{
    /// <summary>No number was offered as an answer.</summary>
    None,
    /// <summary>The value of the question asked (the node, the step or the final question).</summary>
    AskedQuantity,
    /// <summary>The answer to the whole problem.</summary>
    FinalAnswer,
    /// <summary>The value of another step than the one asked; <see cref="MessageEvaluation.ReferentStepKey"/> names it.</summary>
    OtherStep,
    /// <summary>A known wrong value (a misconception of some step).</summary>
    Misconception,
    /// <summary>A number the problem statement gives.</summary>
    Given,
    /// <summary>A number that is none of the above.</summary>
    Unknown,
}

/// <summary>A student's question about the problem: a word's meaning or the reason for a step.</summary>
/// <param name="Term">For a vocabulary question, the word asked about; null for a "why" question.</param>
public sealed record StudentQuestion(string? Term);

/// <summary>How an answer compares with what a question or step expects.</summary>
public enum Verdict
{
    /// <summary>There is nothing to compare with (an open question).</summary>
    NotApplicable,
    /// <summary>The message gives no answer of the expected kind.</summary>
    NotAnswered,
    Correct,
    Wrong,
}

/// <summary>The evaluation of one student message against the current step and question.</summary>
public sealed record MessageEvaluation
{
    public required MessageIntent Intent { get; init; }

    /// <summary>The step the message was judged against; null when the final answer was being asked for.</summary>
    public string? StepKey { get; init; }

    /// <summary>The question node the message answers; null for the step's own prompt or the final question.</summary>
    public string? NodeKey { get; init; }

    /// <summary>Every number read from the message, in order.</summary>
    public IReadOnlyList<NumberMention> Numbers { get; init; } = [];

    /// <summary>The number the student offers as the answer (see <c>MessageReading</c> for the rule).</summary>
    public NumberMention? Answer { get; init; }

    /// <summary>The answer as the student wrote it: a number, an expression or a choice.</summary>
    public string? AnswerText { get; init; }

    /// <summary>Against the current node's expected answer.</summary>
    public Verdict NodeVerdict { get; init; } = Verdict.NotApplicable;

    /// <summary>Against the step's expected value (the final answer when no step is left).</summary>
    public Verdict StepVerdict { get; init; } = Verdict.NotApplicable;

    public bool StatesFinalAnswer { get; init; }

    /// <summary>Unresolved steps whose values the message states, the current step first when it is one of them.</summary>
    public IReadOnlyList<string> StatedSteps { get; init; } = [];

    /// <summary>The current step's misconception the message shows, when the answer is not right.</summary>
    public string? MisconceptionKey { get; init; }

    /// <summary>The answer is a right value for an earlier or smaller question, not for this one.</summary>
    public bool IsIntermediateValue { get; init; }

    /// <summary>The message offers alternatives ("14 or 16"); it answers nothing.</summary>
    public bool Hedged { get; init; }

    /// <summary>What the offered number stands for; an answer is affirmed only when it is the asked quantity or the final answer.</summary>
    public AnswerReferent Referent { get; init; }

    /// <summary>For <see cref="AnswerReferent.OtherStep"/>, the step whose value the number is.</summary>
    public string? ReferentStepKey { get; init; }

    /// <summary>The student wrote the number with a unit or noun that does not fit the question asked ("$9" for eggs).</summary>
    public bool WrongQuantity { get; init; }

    /// <summary>The message presents its number as the answer to the whole problem.</summary>
    public bool ClaimsWholeAnswer { get; init; }

    /// <summary>The student's working lines, in order.</summary>
    public IReadOnlyList<Domain.Answers.WorkingLine> Working { get; init; } = [];

    /// <summary>The first working line whose arithmetic is wrong: the one to address.</summary>
    public Domain.Answers.WorkingLine? WrongLine { get; init; }

    /// <summary>The value of a message that is only a calculation ("half of 84"), when it is one.</summary>
    public decimal? CalculationValue { get; init; }

    /// <summary>Set for <see cref="MessageIntent.AsksQuestion"/>.</summary>
    public StudentQuestion? Question { get; init; }

    /// <summary>The message was longer than <see cref="MessageEvaluator.MaxMessageLength"/> and only its start was read.</summary>
    public bool Truncated { get; init; }

    /// <summary>Set when evaluation failed unexpectedly and a neutral result was returned instead.</summary>
    public string? Failure { get; init; }

    /// <summary>Right for the question asked: the node's answer, the step's value or the final answer.</summary>
    public bool IsCorrect => StatesFinalAnswer || StepVerdict == Verdict.Correct || NodeVerdict == Verdict.Correct;

    /// <summary>An answer that is right for nothing the student was asked.</summary>
    public bool IsWrongAnswer => Intent == MessageIntent.AnswerAttempt && !IsCorrect && StatedSteps.Count == 0;
}
