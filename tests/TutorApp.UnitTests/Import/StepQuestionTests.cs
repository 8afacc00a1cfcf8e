using System.Text.RegularExpressions;
using TutorApp.Domain.Content.Import;
using static TutorApp.UnitTests.Import.Gsm8kParserTests;

namespace TutorApp.UnitTests.Import;

/// <summary>The step questions the importer writes from solution sentences: grammar, and the flags on what it is unsure of.</summary>
public sealed class StepQuestionTests
{
    private static readonly DateTimeOffset ImportedAt = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    // Each line is a GSM8K solution sentence (real ones, or shortened) and the question the first step must get.
    [Theory]
    [InlineData("It takes 2/2=<<2/2=1>>1 bolt of white fiber", "How many bolts of white fiber does it take?")]
    [InlineData("Thus, she needs to buy 40/10 = <<40/10=4>>4 packs of 10 cupcakes.", "How many packs of 10 cupcakes does she need to buy?")]
    [InlineData("The three youngest sisters combined have 27 pieces because 10 + 5 + 12 = <<10+5+12=27>>27",
        "How many pieces do the three youngest sisters combined have?")]
    [InlineData("During the first 3 weeks the factory made 320 caps + 400 caps + 300 caps = <<320+400+300=1020>>1020 caps total.",
        "During the first 3 weeks, how many caps did the factory make total?")]
    [InlineData("The girls have 5 - 3 = <<5-3=2>>2 parts more than the boys.", "How many more parts do the girls have than the boys?")]
    [InlineData("Max can deliver a maximum of 35 * 7 = <<35*7=245>>245 packages in one week.", "How many packages can Max deliver at most in one week?")]
    [InlineData("Therefore I saved a total of 3*$13 = $<<3*13=39>>39 in total", "How much money did I save in total?")]
    [InlineData("So he would start exercising again in 15+3=<<15+3=18>>18 days", "In how many days would he start exercising again?")]
    [InlineData("Twice their Friday's earnings is $147 x 2 = $<<147*2=294>>294.", "What is twice their Friday's earnings?")]
    [InlineData("Four times as many bacon bits as pickles is 24*4=<<24*4=96>>96 bacon bits.", "How many bacon bits are four times as many as pickles?")]
    [InlineData("So the smartphone from store A will only cost $125 - $10 = $<<125-10=115>>115.", "How much money will the smartphone from store A cost?")]
    [InlineData("Each gallery must have 10 / 5 = <<10/5=2>>2 pictures per gallery.", "How many pictures must each gallery have?")]
    [InlineData("In another two years, the number of swans in the pond will double to 2*30=<<2*30=60>>60 swans",
        "In another two years, what will the number of swans in the pond double to?")]
    [InlineData("For the next hour, 6 * 4 = <<6*4=24>>24 cups of water came out.", "For the next hour, how many cups of water came out?")]
    [InlineData("The first two plants bore 8 + 12 = <<8+12=20>>20 fruit combined.", "How many fruit did the first two plants bear combined?")]
    [InlineData("There was 5-4=<<5-4=1>>1 cookie left.", "How many cookies were there left?")]
    [InlineData("There was 2-1=<<2-1=1>>1 person left.", "How many people were there left?")]
    [InlineData("The coat cost 20*5=<<20*5=100>>100.", "How much did the coat cost?")]
    [InlineData("He adds 3-2=<<3-2=1>>1 cup of water", "How many cups of water does he add?")]
    [InlineData("She spent 2*3=<<2*3=6>>6 hours on the bus", "How many hours did she spend on the bus?")]
    public void A_step_question_agrees_in_number_and_is_built_from_the_step_sentence(string sentence, string question)
    {
        var step = FirstStep(sentence);

        Assert.Equal(question, step.Question);
        Assert.Empty(step.Flags);
    }

    [Fact]
    public void A_mass_noun_is_asked_with_how_much()
    {
        Assert.Equal("How much white fiber does it take?", FirstStep("It takes 2/2=<<2/2=1>>1 white fiber").Question);
    }

    [Fact]
    public void The_problem_question_keeps_a_title_with_its_point()
    {
        var bank = Gsm8kParser.Parse(new StringReader(Line("A shirt costs $20 and a coat five times as much. How much did Mr. Zubir pay for his coat?",
            "20*5=<<20*5=100>>100\n#### 100")), "train.jsonl", "gsm8k-train", ImportedAt);

        Assert.Equal("How much did Mr. Zubir pay for his coat?", bank.Document.Problems[0].Versions[0].Steps[0].Prompt);
    }

    [Fact]
    public void A_confident_question_has_no_flag()
    {
        var bank = Gsm8kParser.Parse(new StringReader(Line("Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May. How many clips did Natalia sell altogether in April and May?",
            "Natalia sold 48/2 = <<48/2=24>>24 clips in May.\nNatalia sold 48+24 = <<48+24=72>>72 clips altogether in April and May.\n#### 72")), "train.jsonl", "gsm8k-train", ImportedAt);

        Assert.Empty(bank.QuestionFlags);
    }

    [Fact]
    public void A_fill_in_the_blank_is_flagged_with_the_sentence_it_quotes()
    {
        var step = FirstStep("The total area is 150 sq.ft + 200 sq.ft = <<150+200=350>>350 of the garden.");

        var flag = Assert.Single(step.Flags);
        Assert.Equal(QuestionFlagReason.FillInTheBlank, flag.Reason);
        Assert.StartsWith("Fill in the blank:", step.Question);
        Assert.Contains("The total area is", flag.Detail);
    }

    [Fact]
    public void A_sentence_fragment_falls_back_to_the_calculation_not_to_a_broken_blank()
    {
        var step = FirstStep("wheels, bringing the total to 12+6=<<12+6=18>>18.");

        Assert.Equal("What is the result of this step: 12 + 6?", step.Question);
        Assert.Equal(QuestionFlagReason.GenericTemplate, Assert.Single(step.Flags).Reason);
    }

    [Fact]
    public void A_bare_label_a_missing_unit_and_a_guessed_plural_are_flagged()
    {
        Assert.Equal(QuestionFlagReason.LabelOnly, Assert.Single(FirstStep("Lev: 5*3=<<5*3=15>>15").Flags).Reason);
        var noUnit = FirstStep("Tom can buy 1000/2=<<1000/2=500>>500 for half price.");
        Assert.Equal("How many can Tom buy for half price?", noUnit.Question);
        Assert.Equal(QuestionFlagReason.NoUnit, Assert.Single(noUnit.Flags).Reason);
        var guessed = FirstStep("She planted 2-1=<<2-1=1>>1 hibiscus in the yard.");
        Assert.Equal("How many hibiscuses did she plant in the yard?", guessed.Question);
        var flag = Assert.Single(guessed.Flags);
        Assert.Equal((QuestionFlagReason.UnknownPlural, "\"hibiscus\" made plural as \"hibiscuses\""), (flag.Reason, flag.Detail));
    }

    [Fact]
    public void Two_steps_asking_the_same_question_are_both_flagged()
    {
        var bank = Gsm8kParser.Parse(new StringReader(Line("A store has 6 cats and some birds. How many pets?",
            "They have 6 x 2 = <<6*2=12>>12 birds for sale.\nThey have 6 x 3 = <<6*3=18>>18 birds for sale.\nSo 6+12+18=<<6+12+18=36>>36 pets.\n#### 36")),
            "train.jsonl", "gsm8k-train", ImportedAt);

        var flagged = bank.QuestionFlags.Where(f => f.Flags.Any(x => x.Reason == QuestionFlagReason.SameAsOtherStep)).ToList();
        Assert.Equal(["s1", "s2"], flagged.Select(f => f.StepKey));
        Assert.Contains("same as step s2", flagged[0].Flags.Single(f => f.Reason == QuestionFlagReason.SameAsOtherStep).Detail);
    }

    [Fact]
    public void Every_flag_reason_reads_as_words_for_the_reviewer()
    {
        Assert.All(Enum.GetValues<QuestionFlagReason>(), reason => Assert.NotEqual(reason.ToString(), QuestionFlag.Explain(reason)));
    }

    private sealed record Written(string Question, IReadOnlyList<QuestionFlag> Flags);

    // The sentence as a one-line solution of a problem whose final answer is not this step's, so the step gets its own question.
    private static Written FirstStep(string sentence)
    {
        var answer = $"{sentence}\nIn the end 1000+1=<<1000+1=1001>>1001.\n#### 1001";
        var bank = Gsm8kParser.Parse(new StringReader(Line("A word problem. What is it?", answer)), "train.jsonl", "gsm8k-train", ImportedAt);
        Assert.Empty(bank.Issues);
        var step = bank.Document.Problems[0].Versions[0].Steps[0];
        var flags = bank.QuestionFlags.SingleOrDefault(f => f.StepKey == step.Key)?.Flags ?? [];
        return new Written(step.Prompt, flags.Where(f => f.Reason != QuestionFlagReason.SameAsOtherStep).ToList());
    }
}

/// <summary>
/// The step questions over the real GSM8K and MathDial files (../shared/data): shapes that were seen to go wrong never
/// come back, the share of flagged questions stays bounded, and a sample is printed for a person to read.
/// </summary>
public sealed class StepQuestionDataTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly DateTimeOffset ImportedAt = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    // Wordings that read wrong whatever the sentence was; each was seen in generated questions before.
    private static readonly (string Name, Regex Pattern)[] BrokenShapes =
    [
        ("a repeated phrase", new(@"\b(in total|in all|altogether)\b.*\b\1\b|\b((?:\w+ ){1,2}\w+) \2\b", RegexOptions.IgnoreCase)),
        ("a capitalised preposition or adverb after the verb", new(@"\b(did|does|do|is|are|was|were|will|can) (During|On|In|At|For|After|Before|Twice|Half|Each|Every)\b")),
        ("'of' left dangling before the verb", new(@"\bof (does|did|do|is|are|was|were|will|can)\b")),
        ("'How many' with a singular count noun", new(@"^How many (bolt|pack|cup|hour|day|minute|dollar|cookie|apple|page|mile|year|week|box|bag|person|child|foot|piece|slice|ticket|student|book) (of|do|does|did|is|are|was|were|will|can|has|have)\b")),
        ("'How much' with a plural count noun", new(@"How much (bolts|packs|cups|apples|cookies|pages|tickets|scarves|boxes|bags|students|books)\b")),
        ("a question with a blank", new(@"^(?!Fill in the blank).*___")),
    ];

    [Theory]
    [InlineData("gsm8k", 0.25)]
    [InlineData("mathdial", 0.25)]
    public void Generated_questions_never_take_a_broken_shape_and_few_are_flagged(string dataset, double maxFlaggedShare)
    {
        var bank = Parse(dataset);
        var steps = bank.Document.Problems.SelectMany(p => p.Versions[0].Steps.Select(s => (p.Key, Step: s))).ToList();

        foreach (var (name, pattern) in BrokenShapes)
        {
            var broken = steps.Where(s => pattern.IsMatch(s.Step.Prompt)).Select(s => $"{s.Key} {s.Step.Key}: {s.Step.Prompt}").ToList();
            Assert.True(broken.Count == 0, $"{broken.Count} question(s) with {name}:\n" + string.Join("\n", broken.Take(10)));
        }
        var flagged = bank.QuestionFlags.Count / (double)steps.Count;
        output.WriteLine($"{dataset}: {bank.Document.Problems.Count} problems, {steps.Count} step questions, {bank.QuestionFlags.Count} flagged ({flagged:P1})");
        foreach (var reason in bank.QuestionFlags.SelectMany(f => f.Flags).GroupBy(f => f.Reason).OrderByDescending(g => g.Count()))
        {
            output.WriteLine($"  {QuestionFlag.Explain(reason.Key)}: {reason.Count()}");
        }
        Assert.True(flagged <= maxFlaggedShare, $"{flagged:P1} of the questions are flagged");

        // A fixed random sample, printed for reading (the note on issue 16 reports what a person judged of it).
        var random = new Random(16);
        foreach (var (key, step) in steps.OrderBy(_ => random.Next()).Take(40))
        {
            var flags = bank.QuestionFlags.SingleOrDefault(f => f.ProblemKey == key && f.StepKey == step.Key)?.Flags ?? [];
            output.WriteLine($"{key} {step.Key}: {step.Prompt}{(flags.Count == 0 ? "" : "   [" + string.Join("; ", flags.Select(f => f.Describe())) + "]")}");
        }
    }

    private static ParsedBank Parse(string dataset) => dataset == "gsm8k"
        ? Gsm8kParser.Parse(new StreamReader(TutorApp.TestSupport.TestData.File("gsm8k", "train.jsonl")), "train.jsonl", "gsm8k-train", ImportedAt)
        : MathDialParser.ParseCsv(new StreamReader(TutorApp.TestSupport.TestData.File("mathdial", "dev.csv")), "dev.csv", ImportedAt);
}
