using TutorApp.Domain.Answers;
using TutorApp.Domain.Content;
using TutorApp.Domain.Content.Bank;

namespace TutorApp.Data.Seeding;

/// <summary>The Development sample: a small skill graph and one fully authored problem with question trees.</summary>
public static class SampleContent
{
    public const string ProblemTitle = "Sharing pizzas";

    public static BankDocument Create(DateTimeOffset now) => BankDocument.Create(
        [
            new BankSkill("Division with remainders", "Sharing a quantity equally when it does not divide exactly.", null, ["Multiplication"]),
            new BankSkill("Multiplication", "Repeated addition of equal groups.", null, []),
        ],
        [
            new BankProblem("sample-sharing-pizzas",
            [
                new BankProblemVersion(1, "published", ProblemTitle,
                    """
                    Three friends share $2$ pizzas equally, and each pizza is cut into $8$ slices.

                    How many slices does each friend get? Write it as a mixed number such as $2\frac{1}{2}$.
                    """,
                    new FractionAnswer(16, 3), 2, "TutorApp sample", "CC0", ["sample", "fractions"],
                    ["Division with remainders", "Multiplication"], now, now,
                    [
                        new BankStep("s1", "How many slices are there in total?", new NumberAnswer(16), ["Multiplication"], [], []),
                        new BankStep("s2", "How many slices does each friend get?", new FractionAnswer(16, 3), ["Division with remainders"], ["s1"],
                        [
                            new BankMisconception("m1", "Divides the number of pizzas instead of the number of slices.", [0.67m, 2m / 3m],
                                [@"2\s*/\s*3"], "Is the question asking how much pizza, or how many slices, each friend gets?"),
                        ]),
                    ],
                    [
                        Node("s1.q1", "s1", null, NodeTrigger.Root, TeacherMove.Focus, "Guiding student focus",
                            "Let's count the slices first. How many slices are there altogether?", new NumberAnswer(16),
                            "Each pizza is cut into the same number of slices.", "There are 2 pizzas with 8 slices each.", ("2 × 8 = 16 slices.", true)),
                        Node("s1.q2", "s1", "s1.q1", NodeTrigger.WrongAnswer, TeacherMove.Probing, "Seeking self-correction",
                            "How many slices are in one pizza, and how many pizzas are there?", new TextAnswer(["8 and 2", "8, 2", "2 and 8"]),
                            "Read the first sentence again."),
                        Node("s1.q3", "s1", "s1.q2", NodeTrigger.WrongAnswer, TeacherMove.Telling, "Revealing strategy",
                            "When each of several groups has the same size, multiply the size by the number of groups. What is 2 × 8?", new NumberAnswer(16),
                            "Two groups of eight."),
                        Node("s2.q1", "s2", null, NodeTrigger.Root, TeacherMove.Focus, "Seek strategy",
                            "Now share all the slices equally among the three friends. How many does each get?", new FractionAnswer(16, 3),
                            "Sharing equally means dividing.", "Divide the total number of slices by the number of friends.", ("16 ÷ 3 = 5 1/3 slices.", true)),
                        Node("s2.q2", "s2", "s2.q1", NodeTrigger.Misconception, TeacherMove.Probing, "Seeking self-correction",
                            "Is the question asking how much pizza, or how many slices, each friend gets?", null,
                            "Look at the last sentence of the problem."),
                        Node("s2.q3", "s2", "s2.q1", NodeTrigger.WrongAnswer, TeacherMove.Probing, "Seeking self-correction",
                            "If there were 15 slices, how many would each friend get?", new NumberAnswer(5),
                            "15 shares evenly among 3."),
                        Node("s2.q4", "s2", "s2.q1", NodeTrigger.Incomplete, TeacherMove.Probing, "Asking for explanation",
                            "What does the fraction part of your answer mean for the last slice?", null,
                            "Think about what happens to the one slice left over."),
                    ]),
            ]),
        ]);

    private static BankQuestionNode Node(string key, string step, string? parent, NodeTrigger trigger, TeacherMove move, string subMove,
        string text, AnswerSpec? expected, string firstHint, string? secondHint = null, (string Text, bool BottomOut)? lastHint = null)
    {
        var hints = new List<Hint> { new(1, firstHint) };
        if (secondHint is not null)
        {
            hints.Add(new Hint(2, secondHint));
        }
        if (lastHint is { } last)
        {
            hints.Add(new Hint(hints.Count + 1, last.Text, last.BottomOut));
        }
        return new BankQuestionNode(key, step, parent, BankVocabulary.Word(trigger),
            trigger == NodeTrigger.Misconception ? "m1" : null, BankVocabulary.Word(move), subMove, text, expected, hints);
    }
}
