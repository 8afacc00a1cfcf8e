using TutorApp.Domain.Answers;
using TutorApp.Domain.Content.Bank;

namespace TutorApp.Domain.Content.Import;

/// <summary>
/// Writes a step's Socratic question tree (TreeInstruct-style) as a ladder that gives away a little more at each rung,
/// the same shape for every step:
/// <code>
/// s1.q1  root          Focus    "Guiding student focus"     the step's question; expects its value
///   s1.q2  wrong-answer  Focus    "Guiding student focus"     what is the step about? (open: the quantity, its meaning)
///     s1.q3  wrong-answer  Probing  "Seeking self-correction"   how are the amounts related? (the operation, no operands)
///       s1.q4  wrong-answer  Telling  "Revealing strategy"      says the operation and its numbers, asks for the value
///   s1.q5  incomplete    Probing  "Asking for explanation"   asks how the student got it (open answer)
///   s1.q6… misconception Probing  "Seeking self-correction"   one per known misconception (MathDial)
/// </code>
/// The operands are named only on the Telling rung, the end of the ladder: a student who has not found them gets the
/// meaning and the relationship first. Every node has a hint ladder from a gentle nudge to a bottom-out hint that states
/// the calculation. Only the bottom-out hints and the Telling node may show the step's result; every other text is
/// checked not to.
/// </summary>
internal static class QuestionTreeWriter
{
    public const string Root = "root";
    public const string WrongAnswer = "wrong-answer";
    public const string Incomplete = "incomplete";
    public const string MisconceptionTrigger = "misconception";

    private const string GenericNudge = "Reread the problem and find the numbers this question depends on.";

    public static IReadOnlyList<BankQuestionNode> ForStep(string stepKey, StepTexts texts)
    {
        var rootKey = NodeKey(stepKey, 1);
        var meaningKey = NodeKey(stepKey, 2);
        var relationKey = NodeKey(stepKey, 3);
        return
        [
            new BankQuestionNode(rootKey, stepKey, null, Root, null, "focus", "Guiding student focus",
                texts.Prompt, texts.Expected, RootHints(texts)),
            MeaningQuestion(meaningKey, stepKey, rootKey, texts),
            RelationQuestion(relationKey, stepKey, meaningKey, texts),
            Telling(NodeKey(stepKey, 4), stepKey, relationKey, texts),
            new BankQuestionNode(NodeKey(stepKey, 5), stepKey, rootKey, Incomplete, null, "probing", "Asking for explanation",
                "How did you get it? Explain which numbers you used and what you did with them.", null,
                Ladder(texts,
                    ["Say which quantities from the problem you used, and which operation you applied to them."],
                    texts.Calculation is null
                        ? $"A full answer says where the value comes from in the problem: {ResultSentence(texts)}"
                        : $"A full answer names the numbers and the operation: {texts.CalculationWithResult}.")),
        ];
    }

    /// <summary>The first rung after a wrong answer: what the step is about, in the student's words; no numbers, no operation.</summary>
    private static BankQuestionNode MeaningQuestion(string key, string stepKey, string parentKey, StepTexts texts) =>
        new(key, stepKey, parentKey, WrongAnswer, null, "focus", "Guiding student focus",
            "Let's slow down. In your own words, what is this step asking you to find, and which facts in the problem is it about?", null,
            Ladder(texts,
                [
                    GenericNudge,
                    texts.Cue is null ? null : texts.Cue.Contains(' ', StringComparison.Ordinal)
                        ? $"Look at the words \"{texts.Cue}\" in the problem."
                        : $"Look at the word \"{texts.Cue}\" in the problem.",
                ],
                ResultSentence(texts)));

    /// <summary>The node that addresses a known misconception of the step, asked right after the wrong answer.</summary>
    public static BankQuestionNode ForMisconception(string stepKey, int nodeNumber, string misconceptionKey, string remediationQuestion,
        decimal wrongValue, StepTexts texts) =>
        new(NodeKey(stepKey, nodeNumber), stepKey, NodeKey(stepKey, 1), MisconceptionTrigger, misconceptionKey, "probing",
            "Seeking self-correction", remediationQuestion, texts.Expected,
            Ladder(texts,
                [
                    $"Where does {MathText.Format(wrongValue)} come from? Compare each number you used with what the problem says.",
                    texts.Instruction is null ? null : Capitalize(texts.Instruction) + ".",
                ],
                texts.CalculationWithResult + "."));

    public static string NodeKey(string stepKey, int number) => $"{stepKey}.q{number}";

    private static IReadOnlyList<Hint> RootHints(StepTexts texts) => Ladder(texts,
        [
            texts.Cue is null ? GenericNudge : texts.Cue.Contains(' ', StringComparison.Ordinal)
                ? $"Look at the words \"{texts.Cue}\": they tell you how the numbers are related."
                : $"Look at the word \"{texts.Cue}\": it tells you how the numbers are related.",
            // The meaning before the numbers: the operands are named only after the student has had a chance to find them.
            GenericNudge,
            texts.OperandList is null ? null : $"You need {texts.OperandList}.",
            texts.Instruction is null ? null : Capitalize(texts.Instruction) + ".",
        ],
        texts.CalculationWithResult + ".");

    /// <summary>
    /// The second rung: how the amounts are related, answered by naming the operation. The numbers stay unnamed: the
    /// student finds them (the Telling rung below names them if it cannot).
    /// </summary>
    private static BankQuestionNode RelationQuestion(string key, string stepKey, string parentKey, StepTexts texts)
    {
        if (texts.Focus is null)
        {
            // A stated value has no operation to ask about: ask where it comes from instead.
            return new BankQuestionNode(key, stepKey, parentKey, WrongAnswer, null, "probing", "Seeking self-correction",
                "Which fact or equation from the problem gives this value? Explain how you would find it.", null,
                Ladder(texts, ["Reread the part of the problem this step is about, and write it as an equation."], ResultSentence(texts)));
        }

        var focus = texts.Focus;
        var text = focus.IsWholeCalculation
            ? "How are the amounts in this step related: are they put together, taken away, repeated in equal groups, or shared out equally? Which operation is that?"
            : "This step takes more than one operation. Which operation do you do first?";
        return new BankQuestionNode(key, stepKey, parentKey, WrongAnswer, null, "probing", "Seeking self-correction",
            text, new TextAnswer(StepTexts.OperationWordings(focus.Operator)),
            Ladder(texts,
                [
                    texts.Cue is null ? null : texts.Cue.Contains(' ', StringComparison.Ordinal)
                        ? $"The words \"{texts.Cue}\" are a clue."
                        : $"The word \"{texts.Cue}\" is a clue.",
                    texts.OperandList is null ? null : $"You need {texts.OperandList}.",
                ],
                $"It is {StepTexts.OperationNoun(focus.Operator)}: {texts.CalculationWithResult}."));
    }

    private static BankQuestionNode Telling(string key, string stepKey, string parentKey, StepTexts texts)
    {
        string text;
        IReadOnlyList<Hint> hints;
        if (texts.Focus is null)
        {
            text = "The worked solution finds this value directly from what the problem says. Reread that part: what is the value?";
            hints = Ladder(texts, [GenericNudge], ResultSentence(texts));
        }
        else
        {
            var focus = texts.Focus;
            var operands = focus.Operands.Select(ArithmeticExpression.Display).ToList();
            text = focus.IsWholeCalculation
                ? $"Here we {texts.Instruction}: {texts.Calculation}. What do you get?"
                : $"Here we work out {texts.Calculation}, starting with the {StepTexts.OperationNoun(focus.Operator)} of {operands[0]} and {operands[1]}. What do you get?";
            hints = Ladder(texts, [$"Work out {texts.Calculation} one operation at a time, then check your result."],
                texts.CalculationWithResult + ".");
        }
        return new BankQuestionNode(key, stepKey, parentKey, WrongAnswer, null, "telling", "Revealing strategy", text, texts.Expected, hints);
    }

    /// <summary>Gentle hints that do not show the result, numbered from 1, then the bottom-out hint.</summary>
    private static IReadOnlyList<Hint> Ladder(StepTexts texts, IEnumerable<string?> gentle, string bottomOut)
    {
        var hints = new List<Hint>();
        foreach (var text in gentle)
        {
            if (text is not null && !texts.Reveals(text) && hints.All(h => h.Text != text))
            {
                hints.Add(new Hint(hints.Count + 1, text));
            }
        }
        if (hints.Count == 0)
        {
            hints.Add(new Hint(1, GenericNudge));
        }
        hints.Add(new Hint(hints.Count + 1, bottomOut, IsBottomOut: true));
        return hints;
    }

    private static string ResultSentence(StepTexts texts) => $"The value is {texts.ResultText}.";

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
