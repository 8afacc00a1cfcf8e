using TutorApp.Domain.Answers;
using TutorApp.Domain.Content;
using TutorApp.Domain.Content.Bank;

namespace TutorApp.IntegrationTests;

/// <summary>A bank that uses every part of the format: every answer kind, a skill tree and DAG, versions, misconceptions, deep trees.</summary>
internal static class RichBank
{
    private static readonly DateTimeOffset Created = new(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);

    public static BankDocument Create() => BankDocument.Create(
        [
            new BankSkill("Arithmetic", "Whole-number operations.", null, []),
            new BankSkill("Fractions", "Parts of a whole.", "Arithmetic", ["Multiplication"]),
            new BankSkill("Linear expressions", "Expressions like 2x + 3.", null, ["Multiplication"]),
            new BankSkill("Multiplication", "Equal groups.", "Arithmetic", []),
            new BankSkill("Reading", "Finding what a question asks.", null, []),
        ],
        [
            new BankProblem("rich-1",
            [
                Version(1, "retired", "Cakes, first edition", Created.AddDays(1)),
                Version(2, "published", "Cakes", Created.AddDays(2)),
                Version(3, "draft", "Cakes, work in progress", null),
            ]),
        ]);

    private static BankProblemVersion Version(int number, string status, string title, DateTimeOffset? publishedAt) => new(
        number, status, title,
        "A baker cuts $3$ cakes into $4$ pieces each and sells $\\frac{5}{12}$ of the pieces. Raw <b>HTML</b> stays text.",
        new FractionAnswer(5, 12, RequireSimplest: true), 3, "TutorApp tests", "CC0", ["baking", "fractions"],
        ["Fractions", "Multiplication"], Created.AddDays(number - 1), publishedAt,
        [
            new BankStep("s1", "How many pieces are there?", new NumberAnswer(12, 0, "pieces"), ["Multiplication"], [],
            [
                new BankMisconception("m1", "Adds instead of multiplying.", [7m], ["\\b3\\s*\\+\\s*4\\b"], "Is it 3 groups of 4, or 3 and 4 more?"),
                new BankMisconception("m2", "Counts cakes, not pieces.", [3m], [], "What did the baker cut the cakes into?"),
            ]),
            new BankStep("s2", "Write the number of pieces sold as an expression in n, the pieces per cake.", new ExpressionAnswer("3n*5/12", ["n"]), ["Linear expressions"], ["s1"], []),
            new BankStep("s3", "Which is bigger: 5/12 or 1/2?", new ChoiceAnswer(["5/12", "1/2", "they are equal"], 1), ["Fractions"], ["s2"], []),
            new BankStep("s4", "What fraction of the pieces was sold?", new FractionAnswer(5, 12), ["Fractions", "Reading"], ["s1", "s3"], []),
        ],
        [
            Node("s1.q1", "s1", null, "root", null, "focus", "Guiding student focus", "How many pieces does one cake give?", new NumberAnswer(4),
                new Hint(1, "Read the first sentence."), new Hint(2, "Each cake is cut the same way."), new Hint(3, "3 × 4 = 12 pieces.", true)),
            Node("s1.q2", "s1", "s1.q1", "misconception", "m1", "probing", "Seeking self-correction", "Is it 3 groups of 4, or 3 and 4 more?", null,
                new Hint(1, "Think of the cakes side by side.")),
            Node("s1.q3", "s1", "s1.q1", "wrong-answer", null, "probing", "Seeking self-correction", "What operation gives the total of equal groups?",
                new TextAnswer(["multiplication", "multiply", "times"]), new Hint(1, "Equal groups.")),
            Node("s1.q4", "s1", "s1.q3", "wrong-answer", null, "telling", "Revealing strategy", "Equal groups are multiplied: 3 groups of 4 is 3 × 4. What is it?",
                new NumberAnswer(12), new Hint(1, "Count 4, 8, ...")),
            Node("s1.q5", "s1", "s1.q1", "incomplete", null, "generic", "General inquiry", "Can you explain how you got that?", null),
            Node("s2.q1", "s2", null, "root", null, "focus", "Seek strategy", "How many pieces are there in terms of n?", new ExpressionAnswer("3n", ["n"]),
                new Hint(1, "Three cakes, n pieces each.")),
            Node("s3.q1", "s3", null, "root", null, "probing", "Perturbing the question", "Which is bigger?", new ChoiceAnswer(["5/12", "1/2", "they are equal"], 1),
                new Hint(1, "Write 1/2 in twelfths.")),
            Node("s4.q1", "s4", null, "root", null, "focus", "Recall relevant information", "What fraction was sold?", new FractionAnswer(5, 12),
                new Hint(1, "The problem says it directly.")),
        ]);

    private static BankQuestionNode Node(string key, string step, string? parent, string trigger, string? misconception, string move, string subMove,
        string text, AnswerSpec? expected, params Hint[] hints) =>
        new(key, step, parent, trigger, misconception, move, subMove, text, expected, hints);
}
