using System.Text.Json;
using TutorApp.Domain.Answers;
using TutorApp.Domain.Content.Import;

namespace TutorApp.UnitTests.Import;

public sealed class Gsm8kParserTests
{
    private static readonly DateTimeOffset ImportedAt = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private const string NataliaQuestion =
        "Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May. How many clips did Natalia sell altogether in April and May?";

    private const string NataliaAnswer =
        "Natalia sold 48/2 = <<48/2=24>>24 clips in May.\nNatalia sold 48+24 = <<48+24=72>>72 clips altogether in April and May.\n#### 72";

    [Fact]
    public void Natalia_example_has_two_steps_with_values_dependencies_and_final_answer()
    {
        var bank = Parse(Line(NataliaQuestion, NataliaAnswer));

        Assert.Empty(bank.Issues);
        Assert.Equal(1, bank.RecordsRead);
        var problem = Assert.Single(bank.Document.Problems);
        Assert.Equal("gsm8k-train-00001", problem.Key);
        var version = Assert.Single(problem.Versions);
        Assert.Equal(new NumberAnswer(72), version.FinalAnswer);
        Assert.Collection(version.Steps,
            first =>
            {
                Assert.Equal("s1", first.Key);
                Assert.Equal(new NumberAnswer(24), first.Expected);
                Assert.Empty(first.DependsOn);
                Assert.Contains(SkillTaxonomy.Division, first.Skills);
            },
            second =>
            {
                Assert.Equal("s2", second.Key);
                Assert.Equal(new NumberAnswer(72), second.Expected);
                Assert.Equal(["s1"], second.DependsOn);
                Assert.Contains(SkillTaxonomy.Addition, second.Skills);
                Assert.Contains(SkillTaxonomy.MultiStepReasoning, second.Skills);
            });
    }

    [Fact]
    public void Natalia_example_prompts_ask_for_the_quantity_in_the_solution_sentence()
    {
        var version = Parse(Line(NataliaQuestion, NataliaAnswer)).Document.Problems[0].Versions[0];

        Assert.Equal("How many clips did Natalia sell in May?", version.Steps[0].Prompt);
        Assert.Equal("How many clips did Natalia sell altogether in April and May?", version.Steps[1].Prompt);
    }

    [Fact]
    public void Version_is_a_draft_carrying_source_licence_tags_dates_title_and_difficulty()
    {
        var version = Parse(Line(NataliaQuestion, NataliaAnswer), fileName: "train.jsonl").Document.Problems[0].Versions[0];

        Assert.Equal(1, version.Number);
        Assert.Equal("draft", version.Status); // generated questions wait for an admin's review
        Assert.Equal("GSM8K train.jsonl line 1", version.Source);
        Assert.Equal("MIT (OpenAI grade-school-math)", version.Licence);
        Assert.Equal(["gsm8k"], version.Tags);
        Assert.Equal(ImportedAt, version.CreatedAt);
        Assert.Null(version.PublishedAt);
        Assert.Equal("Natalia sold clips to 48 of her friends in April, and then…", version.Title);
        Assert.True(version.Title.Length <= 60);
        Assert.Equal(1, version.Difficulty);
        Assert.Equal(version.Steps.SelectMany(s => s.Skills).Distinct().Order(StringComparer.Ordinal), version.Skills);
    }

    [Fact]
    public void Keys_use_the_prefix_and_the_line_number()
    {
        var bank = Parse(Line(NataliaQuestion, NataliaAnswer) + "\n\n" + Line(NataliaQuestion, NataliaAnswer), keyPrefix: "gsm8k-test");

        Assert.Equal(["gsm8k-test-00001", "gsm8k-test-00003"], bank.Document.Problems.Select(p => p.Key));
        Assert.Equal(2, bank.RecordsRead);
    }

    [Fact]
    public void Document_lists_the_skills_used_with_their_prerequisites_sorted_by_name()
    {
        var document = Parse(Line(NataliaQuestion, NataliaAnswer)).Document;

        var names = document.Skills.Select(s => s.Name).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Contains(SkillTaxonomy.Division, names);
        Assert.Contains(SkillTaxonomy.Multiplication, names); // a prerequisite of Division
        Assert.DoesNotContain(SkillTaxonomy.Percentages, names);
        Assert.All(document.Skills.SelectMany(s => s.Prerequisites), p => Assert.Contains(p, names));
    }

    [Fact]
    public void Each_step_has_a_ladder_of_meaning_relationship_and_telling_under_its_root_and_an_explanation_question()
    {
        var version = Parse(Line(NataliaQuestion, NataliaAnswer)).Document.Problems[0].Versions[0];

        var tree = version.Tree.Where(n => n.Step == "s1").ToList();
        Assert.Equal(["s1.q1", "s1.q2", "s1.q3", "s1.q4", "s1.q5"], tree.Select(n => n.Key));

        var root = tree[0];
        Assert.Equal(("root", "focus", (string?)null), (root.Trigger, root.Move, root.Parent));
        Assert.Equal(new NumberAnswer(24), root.Expected);

        // The rungs before Telling name no operand: the student finds the numbers (48 and 2) first.
        var meaning = tree[1];
        Assert.Equal(("wrong-answer", "focus", "s1.q1"), (meaning.Trigger, meaning.Move, meaning.Parent));
        Assert.Null(meaning.Expected);
        Assert.DoesNotContain("48", meaning.Text, StringComparison.Ordinal);

        var relation = tree[2];
        Assert.Equal(("wrong-answer", "probing", "Seeking self-correction", "s1.q2"), (relation.Trigger, relation.Move, relation.SubMove, relation.Parent));
        var operation = Assert.IsType<TextAnswer>(relation.Expected);
        Assert.True(operation.Check("division").Correct);
        Assert.True(operation.Check("Divide").Correct);
        Assert.False(operation.Check("multiply").Correct);
        Assert.DoesNotContain("48", relation.Text, StringComparison.Ordinal);

        var telling = tree[3];
        Assert.Equal(("wrong-answer", "telling", "Revealing strategy", "s1.q3"), (telling.Trigger, telling.Move, telling.SubMove, telling.Parent));
        Assert.Equal(new NumberAnswer(24), telling.Expected);

        var explanation = tree[4];
        Assert.Equal(("incomplete", "probing", "Asking for explanation", "s1.q1"), (explanation.Trigger, explanation.Move, explanation.SubMove, explanation.Parent));
        Assert.Null(explanation.Expected);
        Assert.DoesNotContain("right", explanation.Text, StringComparison.OrdinalIgnoreCase);

        Assert.Contains(version.Tree, n => n.Key == "s2.q3" && n.Expected is TextAnswer text && text.Check("add").Correct);
    }

    [Fact]
    public void Hint_ladders_are_numbered_from_one_and_end_with_a_bottom_out_that_states_the_calculation()
    {
        var version = Parse(Line(NataliaQuestion, NataliaAnswer)).Document.Problems[0].Versions[0];

        foreach (var node in version.Tree)
        {
            Assert.True(node.Hints.Count >= 2, node.Key);
            Assert.Equal(Enumerable.Range(1, node.Hints.Count), node.Hints.Select(h => h.Level));
            Assert.True(node.Hints[^1].IsBottomOut, node.Key);
            Assert.All(node.Hints.SkipLast(1), h => Assert.False(h.IsBottomOut));
        }
        var rootHints = version.Tree.Single(n => n.Key == "s1.q1").Hints;
        Assert.Equal("48 ÷ 2 = 24.", rootHints[^1].Text);
    }

    [Fact]
    public void Prompts_questions_and_gentle_hints_never_show_the_step_result()
    {
        // Results that also appear elsewhere in the sentence (60 x 1 = 60, "weighs 200 pounds because 600 / 3 = 200").
        var input = string.Join('\n',
            Line(NataliaQuestion, NataliaAnswer),
            Line("Felix lifts 600 pounds, three times his brother's weight. How much does his brother weigh?",
                "Felix's brother weighs 200 pounds because 600 / 3 = <<600/3=200>>200\n#### 200"),
            Line("Jen jumps rope 60 times a minute for 1 minute. How many jumps is that?",
                "She can jump her rope 60 times a minute because 60 x 1 = <<60*1=60>>60\n#### 60"),
            Line("Sam has 1/3 of a pizza. What decimal is that?", "Sam has 1/3 = <<1/3=.3333>>.3333 of a pizza.\n#### .3333"));

        var bank = Parse(input);

        Assert.Empty(bank.Issues);
        foreach (var version in bank.Document.Problems.Select(p => p.Versions[0]))
        {
            foreach (var step in version.Steps)
            {
                var expected = Assert.IsType<NumberAnswer>(step.Expected);
                var texts = new List<string> { step.Prompt };
                foreach (var node in version.Tree.Where(n => n.Step == step.Key && n.Move != "telling"))
                {
                    texts.Add(node.Text);
                    texts.AddRange(node.Hints.Where(h => !h.IsBottomOut).Select(h => h.Text));
                }
                Assert.All(texts, text => Assert.False(ShowsNumber(text, expected), $"'{text}' shows {expected.Value}"));
                Assert.Contains(version.Tree, n => n.Step == step.Key && n.Hints.Any(h => h.IsBottomOut && ShowsNumber(h.Text, expected)));
            }
        }
    }

    [Fact]
    public void Falls_back_to_plain_equations_when_the_answer_has_no_annotations()
    {
        var bank = Parse(Line(
            "Weng earns $12 an hour for babysitting. Yesterday, she just did 50 minutes of babysitting. How much did she earn?",
            "Weng earns 12/60 = $0.2 per minute.\nWorking 50 minutes, she earned 0.2 x 50 = $10.\n#### 10"));

        Assert.Empty(bank.Issues);
        var steps = bank.Document.Problems[0].Versions[0].Steps;
        Assert.Equal([0.2m, 10m], steps.Select(s => ((NumberAnswer)s.Expected!).Value));
        Assert.Equal(["s1"], steps[1].DependsOn);
        Assert.Contains(SkillTaxonomy.Money, steps[1].Skills);
    }

    [Fact]
    public void Plain_equations_with_x_for_times_and_units_between_numbers_are_found()
    {
        var bank = Parse(Line(
            "A van carries 4 boxes of 6 cans. Each can costs $3. How much do the cans cost?",
            "There are 4 x 6 = 24 cans.\nThey cost 24 cans * $3 per can = $72.\n#### 72"));

        var steps = bank.Document.Problems[0].Versions[0].Steps;
        Assert.Equal([24m, 72m], steps.Select(s => ((NumberAnswer)s.Expected!).Value));
        Assert.Equal(["s1"], steps[1].DependsOn);
    }

    [Fact]
    public void Without_any_checkable_equation_the_lines_that_state_a_new_value_become_steps()
    {
        var bank = Parse(Line(
            "Brenda has 21 pets, twice as many dogs as cats. How many cats?",
            "Let c be the number of cats and d the number of dogs. We know that c + d = 21 and d = 2c.\nCombining like terms, we get 3c = 21\nDividing both sides by 3, we get c = 7\n#### 7"));

        Assert.Empty(bank.Issues);
        var step = Assert.Single(bank.Document.Problems[0].Versions[0].Steps);
        Assert.Equal(new NumberAnswer(7), step.Expected);
        Assert.Equal([SkillTaxonomy.Equations], step.Skills);
        Assert.Equal("How many cats?", step.Prompt); // the step gives the final answer: the problem's own question
    }

    [Fact]
    public void An_unannotated_last_calculation_still_becomes_the_last_step()
    {
        var bank = Parse(Line(
            "Sam memorized six more digits of pi than Carlos. Mina memorized 24, six times as many as Carlos. How many digits did Sam memorize?",
            "Carlos memorized 24/6=<<24/6=4>>4 digits of pi.\nSam memorized 4+6=10 digits of pi.\n#### 10"));

        var steps = bank.Document.Problems[0].Versions[0].Steps;
        Assert.Equal([4m, 10m], steps.Select(s => ((NumberAnswer)s.Expected!).Value));
        Assert.Equal(["s1"], steps[1].DependsOn);
        Assert.Contains(SkillTaxonomy.Addition, steps[1].Skills);
    }

    [Fact]
    public void An_annotation_that_only_restates_a_value_takes_the_calculation_written_before_it()
    {
        var bank = Parse(Line(
            "Tom lost 60% of his marbles and has 40 left; before, he had twice what he has after finding 20. How many did he start with?",
            "He had 40 before losing them because 20 x 2 =<<40=40>>40\nHe started with 100 because 40/.4=<<100=100>>100\n#### 100"));

        var steps = bank.Document.Problems[0].Versions[0].Steps;
        Assert.Equal([SkillTaxonomy.Multiplication], steps[0].Skills);
        Assert.Contains(SkillTaxonomy.Division, steps[1].Skills);
        Assert.Equal("20 × 2 = 40.", bank.Document.Problems[0].Versions[0].Tree.Single(n => n.Key == "s1.q1").Hints[^1].Text);
    }

    [Fact]
    public void A_rounded_result_accepts_the_value_rounded_to_two_decimals()
    {
        var bank = Parse(Line("Sam has 1/3 of a pizza. What decimal is that?", "Sam has 1/3 = <<1/3=.3333>>.3333 of a pizza.\n#### .3333"));

        var expected = bank.Document.Problems[0].Versions[0].Steps[0].Expected!;
        Assert.True(expected.Check("0.33").Correct);
        Assert.True(expected.Check(".3333").Correct);
        Assert.False(expected.Check("0.3").Correct);
    }

    [Fact]
    public void A_whole_number_result_must_be_exact()
    {
        var expected = Parse(Line(NataliaQuestion, NataliaAnswer)).Document.Problems[0].Versions[0].Steps[0].Expected!;

        Assert.True(expected.Check("24").Correct);
        Assert.False(expected.Check("24.01").Correct);
    }

    [Fact]
    public void Statement_escapes_markdown_and_math_characters_and_the_title_stays_plain()
    {
        var bank = Parse(Line("Tom pays $5 for *one* pen_cap and $6 for #2 <pencils>.", "He pays 5+6 = <<5+6=11>>11 dollars.\n#### 11"));

        var version = bank.Document.Problems[0].Versions[0];
        Assert.Equal(@"Tom pays \$5 for \*one\* pen\_cap and \$6 for \#2 \<pencils\>.", version.Statement);
        Assert.Equal("Tom pays $5 for *one* pen_cap and $6 for #2 <pencils>.", version.Title);
    }

    [Fact]
    public void Malformed_lines_become_issues_with_line_and_field_while_good_lines_still_parse()
    {
        var input = string.Join('\n',
            Line(NataliaQuestion, NataliaAnswer),
            "{\"question\": \"Truncated", // line 2: invalid JSON
            "{\"question\": 5, \"answer\": \"1+1 = <<1+1=2>>2\\n#### 2\"}", // line 3: question is a number
            Line("How many?", "She has 2+2 = <<2+2=4>>4 apples."), // line 4: no #### line
            "{\"answer\": \"1+1 = <<1+1=2>>2\\n#### 2\"}", // line 5: no question
            Line("How many pens?", "He has 1+2 = <<1+2=3>>3 pens.\n#### three"), // line 6: final answer not a number
            "[1, 2]", // line 7: not an object
            Line(NataliaQuestion, NataliaAnswer)); // line 8

        var bank = Parse(input);

        Assert.Equal(8, bank.RecordsRead);
        Assert.Equal(["gsm8k-train-00001", "gsm8k-train-00008"], bank.Document.Problems.Select(p => p.Key));
        Assert.Equal(
            [(2, "(json)"), (3, "question"), (4, "answer"), (5, "question"), (6, "answer"), (7, "(json)")],
            bank.Issues.Select(i => (i.Line, i.Field)));
        Assert.All(bank.Issues, i => Assert.Equal("train.jsonl", i.File));
        Assert.Contains("expected a string", bank.Issues[1].Message);
        Assert.Contains("####", bank.Issues[2].Message);
        Assert.Equal("missing", bank.Issues[3].Message);
    }

    [Fact]
    public void Absurd_numbers_do_not_stop_the_import()
    {
        var huge = new string('9', 40);
        var bank = Parse(string.Join('\n',
            Line($"Tom has {huge} marbles and 2 more. How many?", $"He has {huge}+2 = <<{huge}+2={huge}>>{huge} marbles.\n#### {huge}"),
            Line(NataliaQuestion, NataliaAnswer)));

        Assert.Equal(2, bank.RecordsRead);
        Assert.Equal(["gsm8k-train-00002"], bank.Document.Problems.Select(p => p.Key));
        Assert.Equal((1, "answer"), (bank.Issues.Single().Line, bank.Issues.Single().Field));
    }

    [Fact]
    public void Issue_prints_as_file_line_field_message()
    {
        Assert.Equal("train.jsonl:12: answer: no final answer line", new ImportIssue("train.jsonl", 12, "answer", "no final answer line").ToString());
    }

    [Fact]
    public void A_solution_without_any_number_result_is_an_issue()
    {
        var bank = Parse(Line("What colour is the sky?", "The sky is blue.\n#### 7"));

        var issue = Assert.Single(bank.Issues);
        Assert.Equal((1, "answer"), (issue.Line, issue.Field));
        Assert.Empty(bank.Document.Problems);
        Assert.Empty(bank.Document.Skills);
    }

    internal static string Line(string question, string answer) =>
        JsonSerializer.Serialize(new { question, answer });

    internal static bool ShowsNumber(string text, NumberAnswer answer) =>
        System.Text.RegularExpressions.Regex.Matches(text, @"\d[\d,]*(?:\.\d+)?|\.\d+")
            .Any(m => decimal.TryParse(m.Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture, out var value)
                && Math.Abs(value - answer.Value) <= answer.Tolerance);

    private static ParsedBank Parse(string input, string fileName = "train.jsonl", string keyPrefix = "gsm8k-train") =>
        Gsm8kParser.Parse(new StringReader(input), fileName, keyPrefix, ImportedAt);
}
