using TutorApp.Domain.Answers;
using TutorApp.Domain.Content;
using TutorApp.Domain.Content.Bank;

namespace TutorApp.UnitTests.Tutoring;

/// <summary>Problems with complete question trees, built in the shape of the Development sample content.</summary>
internal static class SampleProblems
{
    private static readonly DateTimeOffset _created = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The Development sample: 2 pizzas × 8 slices = 16, shared by 3 = 5 1/3. A telling node (s1.q3), a misconception node (s2.q2).</summary>
    public static BankProblemVersion Pizzas { get; } = new(1, "published", "Sharing pizzas",
        "Three friends share $2$ pizzas equally, and each pizza is cut into $8$ slices.\n\nHow many slices does each friend get? Write it as a mixed number such as $2\\frac{1}{2}$.",
        new FractionAnswer(16, 3), 2, "TutorApp sample", "CC0", ["sample"], ["Division with remainders", "Multiplication"], _created, _created,
        [
            new BankStep("s1", "How many slices are there in total?", new NumberAnswer(16), ["Multiplication"], [], []),
            new BankStep("s2", "How many slices does each friend get?", new FractionAnswer(16, 3), ["Division with remainders"], ["s1"],
            [
                new BankMisconception("m1", "Divides the number of pizzas instead of the number of slices.", [0.67m, 2m / 3m],
                    [@"2\s*/\s*3"], "Is the question asking how much pizza, or how many slices, each friend gets?"),
            ]),
        ],
        [
            Node("s1.q1", "s1", null, "root", null, "focus", "Guiding student focus",
                "Let's count the slices first. How many slices are there altogether?", new NumberAnswer(16),
                "Each pizza is cut into the same number of slices.", "There are 2 pizzas with 8 slices each.", ("2 × 8 = 16 slices.", true)),
            Node("s1.q2", "s1", "s1.q1", "wrong-answer", null, "probing", "Seeking self-correction",
                "How many slices are in one pizza, and how many pizzas are there?", new TextAnswer(["8 and 2", "8, 2", "2 and 8"]),
                "Read the first sentence again."),
            Node("s1.q3", "s1", "s1.q2", "wrong-answer", null, "telling", "Revealing strategy",
                "When each of several groups has the same size, multiply the size by the number of groups. What is 2 × 8?", new NumberAnswer(16),
                "Two groups of eight."),
            Node("s2.q1", "s2", null, "root", null, "focus", "Seek strategy",
                "Now share all the slices equally among the three friends. How many does each get?", new FractionAnswer(16, 3),
                "Sharing equally means dividing.", "Divide the total number of slices by the number of friends.", ("16 ÷ 3 = 5 1/3 slices.", true)),
            Node("s2.q2", "s2", "s2.q1", "misconception", "m1", "probing", "Seeking self-correction",
                "Is the question asking how much pizza, or how many slices, each friend gets?", null,
                "Look at the last sentence of the problem."),
            Node("s2.q3", "s2", "s2.q1", "wrong-answer", null, "probing", "Seeking self-correction",
                "If there were 15 slices, how many would each friend get?", new NumberAnswer(5),
                "15 shares evenly among 3."),
            Node("s2.q4", "s2", "s2.q1", "incomplete", null, "probing", "Asking for explanation",
                "What does the fraction part of your answer mean for the last slice?", null,
                "Think about what happens to the one slice left over."),
        ]);

    /// <summary>
    /// Three steps listed out of dependency order (the total first): pens 5 × $3 = 15, notebooks 3 × $4 = 12, total 27.
    /// Step s1 has a misconception (adding 5 + 3 = 8) without a node of its own, so its remediation question is used.
    /// </summary>
    public static BankProblemVersion Shopping { get; } = new(3, "published", "Pens and notebooks",
        "Maya buys 5 pens at $3 each and 3 notebooks at $4 each. How much does she spend altogether?",
        new NumberAnswer(27), 2, "TutorApp tests", "CC0", [], ["Multiplication", "Addition"], _created, _created,
        [
            new BankStep("s3", "How much does she spend altogether?", new NumberAnswer(27), ["Addition"], ["s1", "s2"], []),
            new BankStep("s1", "How much do the pens cost?", new NumberAnswer(15), ["Multiplication"], [],
            [
                new BankMisconception("m1", "Adds the count and the price instead of multiplying.", [8m], [@"5\s*\+\s*3"],
                    "Does each pen cost $3, or do all the pens together cost $3?"),
            ]),
            new BankStep("s2", "How much do the notebooks cost?", new NumberAnswer(12), ["Multiplication"], [], []),
        ],
        [
            Node("s1.q1", "s1", null, "root", null, "focus", "Guiding student focus",
                "Start with the pens. How much do the pens cost altogether?", new NumberAnswer(15),
                "Each pen costs the same.", "Five pens at three dollars each.", ("5 × 3 = 15 dollars.", true)),
            Node("s2.q1", "s2", null, "root", null, "focus", "Guiding student focus",
                "Now the notebooks. How much do they cost altogether?", new NumberAnswer(12),
                "Each notebook costs the same.", ("3 × 4 = 12 dollars.", true)),
            Node("s2.q2", "s2", "s2.q1", "wrong-answer", null, "probing", "Seeking self-correction",
                "How much would 2 notebooks cost?", new NumberAnswer(8), "Two notebooks at four dollars."),
            Node("s3.q1", "s3", null, "root", null, "focus", "Seek strategy",
                "You know what the pens cost and what the notebooks cost. How much does she spend altogether?", new NumberAnswer(27),
                "Altogether means adding the two amounts."),
        ]);

    /// <summary>Large numbers with commas and a percentage: 40% of $1,250 = $500; $1,250 + $500 = $1,750.</summary>
    public static BankProblemVersion Fundraiser { get; } = new(1, "published", "School fundraiser",
        "A school raised $1,250 in the autumn. In the spring it raised 40% more than in the autumn. How much did it raise in the spring?",
        new NumberAnswer(1750), 3, "TutorApp tests", "CC0", [], ["Percentages", "Addition"], _created, _created,
        [
            new BankStep("s1", "How much more did the school raise in the spring than in the autumn?", new NumberAnswer(500), ["Percentages"], [],
            [
                new BankMisconception("m1", "Adds the percentage as if it were dollars.", [40m, 1290m], [@"1,?250\s*\+\s*40\b"],
                    "Is 40% an amount of money, or a part of the autumn amount?"),
            ]),
            new BankStep("s2", "How much did it raise in the spring?", new NumberAnswer(1750), ["Addition"], ["s1"], []),
        ],
        [
            Node("s1.q1", "s1", null, "root", null, "focus", "Guiding student focus",
                "First find the increase. What is 40% of the autumn amount?", new NumberAnswer(500),
                "A percentage is a number of hundredths.", "Find 10% first, then multiply by four.", ("40% of $1,250 is $500.", true)),
            Node("s1.q2", "s1", "s1.q1", "misconception", "m1", "probing", "Seeking self-correction",
                "Is 40% an amount of money, or a part of the autumn amount?", null, "Percent means per hundred."),
            Node("s1.q3", "s1", "s1.q1", "wrong-answer", null, "probing", "Seeking self-correction",
                "What is 10% of $1,250?", new NumberAnswer(125), "Divide by ten."),
            Node("s1.q4", "s1", "s1.q3", "wrong-answer", null, "focus", "Guiding student focus",
                "What is 1,250 divided by 10?", new NumberAnswer(125), "Move the decimal point one place."),
            Node("s2.q1", "s2", null, "root", null, "focus", "Seek strategy",
                "Now add the increase to the autumn amount. How much was raised in the spring?", new NumberAnswer(1750),
                "More than means adding.", ("$1,250 + $500 = $1,750.", true)),
        ]);

    /// <summary>Expression answers: the two lengths 2(x + 3), then the perimeter 4x + 6.</summary>
    public static BankProblemVersion Rectangle { get; } = new(1, "published", "Perimeter of a rectangle",
        "A rectangle is x + 3 cm long and x cm wide. Write an expression for its perimeter.",
        new ExpressionAnswer("4x + 6", ["x"]), 3, "TutorApp tests", "CC0", [], ["Expressions"], _created, _created,
        [
            new BankStep("s1", "Write an expression for the two lengths together.", new ExpressionAnswer("2*(x + 3)", ["x"]), ["Expressions"], [], []),
            new BankStep("s2", "Now add the two widths. What is the perimeter?", new ExpressionAnswer("4x + 6", ["x"]), ["Expressions"], ["s1"], []),
        ],
        [
            Node("s1.q1", "s1", null, "root", null, "focus", "Guiding student focus",
                "A rectangle has two lengths. What do the two lengths add up to?", new ExpressionAnswer("2*(x + 3)", ["x"]),
                "Each length is x + 3.", "Two lots of the same length."),
            Node("s1.q2", "s1", "s1.q1", "wrong-answer", null, "probing", "Seeking self-correction",
                "Each length has a 3 in it. What do the 3s of the two lengths add up to?", new NumberAnswer(6), "Three and three."),
            Node("s2.q1", "s2", null, "root", null, "focus", "Seek strategy",
                "Now add the two widths to the two lengths. What is the perimeter?", new ExpressionAnswer("4x + 6", ["x"]),
                "Each width is x."),
        ]);

    public static IEnumerable<BankProblemVersion> All => [Pizzas, Shopping, Fundraiser, Rectangle];

    public static BankProblemVersion ByName(string name) => name switch
    {
        "pizza" => Pizzas,
        "shop" => Shopping,
        "school" => Fundraiser,
        "rect" => Rectangle,
        _ => throw new ArgumentException($"no sample problem \"{name}\"", nameof(name)),
    };

    /// <summary>What a student types to answer a spec correctly.</summary>
    public static string RightAnswer(AnswerSpec spec) => spec switch
    {
        NumberAnswer number => number.Display(),
        FractionAnswer fraction => fraction.Display(),
        ExpressionAnswer expression => expression.Expression,
        TextAnswer text => text.Accepted[0],
        ChoiceAnswer choice => choice.Options[choice.Correct],
        _ => throw new ArgumentException("unknown spec", nameof(spec)),
    };

    private static BankQuestionNode Node(string key, string step, string? parent, string trigger, string? misconception, string move,
        string subMove, string text, AnswerSpec? expected, string firstHint, string? secondHint = null, (string Text, bool BottomOut)? lastHint = null)
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
        return new BankQuestionNode(key, step, parent, trigger, misconception, move, subMove, text, expected, hints);
    }

    private static BankQuestionNode Node(string key, string step, string? parent, string trigger, string? misconception, string move,
        string subMove, string text, AnswerSpec? expected, string firstHint, (string Text, bool BottomOut) lastHint) =>
        Node(key, step, parent, trigger, misconception, move, subMove, text, expected, firstHint, null, lastHint);
}
