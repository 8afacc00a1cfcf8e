using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using TutorApp.Domain.Answers;
using TutorApp.Domain.Content.Bank;
using TutorApp.Domain.Content.Import;

namespace TutorApp.UnitTests.Import;

public sealed class MathDialParserTests
{
    private static readonly DateTimeOffset ImportedAt = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private const string Question =
        "Julia bought a package of spoons. Her husband gave her a package of 5 spoons. She used 3 spoons to taste her stew and then had 12 spoons. How many spoons were in Julia's package?";

    private const string GroundTruth =
        "The total number of spoons from Julia and her husband was 12+3=15 spoons.\nSince the husband bought a package of five spoons, then Julia's package contained 15-5=10 spoons.\n 10";

    // Subtracts the 3 spoons instead of adding them back: never reaches 15.
    private const string SubtractsInsteadOfAdding =
        "Let's call the number of spoons Julia bought \"x\".\nJulia used 3 spoons, so she had 12 - 3 = 9 spoons left.\n\nx + 5 = 9\n\nx = 4\n 4";

    // Gets 15, then adds the husband's spoons instead of taking them away: never reaches 10.
    private const string AddsTheHusbandsSpoons = "They had 12+3=15 spoons in all.\nJulia's package had 15+5=20 spoons.\n 20";

    // Reaches every step, then does one step too many.
    private const string OneStepTooMany = "12+3=15 spoons in all.\n15-5=10 spoons in her package.\nShe used 3 more, so 10-3=7.\n 7";

    [Fact]
    public void Problem_comes_from_the_ground_truth_with_its_steps_and_final_answer()
    {
        var bank = ParseJsonl(Dialogue(6000025, SubtractsInsteadOfAdding));

        Assert.Empty(bank.Issues);
        var problem = Assert.Single(bank.Document.Problems);
        Assert.Equal("mathdial-6000025", problem.Key);
        var version = problem.Versions[0];
        Assert.Equal("MathDial dev qid 6000025", version.Source);
        Assert.Equal("CC BY-SA 4.0 (Macina et al. 2023)", version.Licence);
        Assert.Equal(["mathdial"], version.Tags);
        Assert.Equal(new NumberAnswer(10), version.FinalAnswer);
        Assert.Equal([15m, 10m], version.Steps.Select(s => ((NumberAnswer)s.Expected!).Value));
        Assert.Equal(["s1"], version.Steps[1].DependsOn);
        Assert.Equal("What was the total number of spoons from Julia and her husband?", version.Steps[0].Prompt);
    }

    [Fact]
    public void Misconception_goes_on_the_first_step_the_student_never_reaches_with_their_value_there()
    {
        var version = ParseJsonl(Dialogue(6000025, SubtractsInsteadOfAdding, "subtracting instead of adding")).Document.Problems[0].Versions[0];

        var misconception = Assert.Single(version.Steps[0].Misconceptions);
        Assert.Empty(version.Steps[1].Misconceptions);
        Assert.Equal("m1", misconception.Key);
        Assert.Equal("subtracting instead of adding", misconception.Description);
        Assert.Equal([9m], misconception.WrongValues);
        Assert.False(Gsm8kParserTests.ShowsNumber(misconception.RemediationQuestion, new NumberAnswer(15)), misconception.RemediationQuestion);
        Assert.Contains("subtraction", misconception.RemediationQuestion);
        var pattern = Assert.Single(misconception.Patterns);
        Assert.Matches(new Regex(pattern, RegexOptions.IgnoreCase), "so she had 12 - 3 = 9 spoons");
        Assert.DoesNotMatch(new Regex(pattern, RegexOptions.IgnoreCase), "12 + 3 = 15");
    }

    [Fact]
    public void Misconception_has_a_probing_node_under_the_step_root()
    {
        var version = ParseJsonl(Dialogue(6000025, SubtractsInsteadOfAdding)).Document.Problems[0].Versions[0];

        var node = Assert.Single(version.Tree, n => n.Trigger == "misconception");
        Assert.Equal(("s1.q6", "s1", "s1.q1", "m1"), (node.Key, node.Step, node.Parent, node.Misconception));
        Assert.Equal(("probing", "Seeking self-correction"), (node.Move, node.SubMove));
        Assert.Equal(version.Steps[0].Misconceptions[0].RemediationQuestion, node.Text);
        Assert.Equal(new NumberAnswer(15), node.Expected);
        Assert.True(node.Hints[^1].IsBottomOut);
        Assert.All(node.Hints.SkipLast(1), h => Assert.False(Gsm8kParserTests.ShowsNumber(h.Text, new NumberAnswer(15)), h.Text));
    }

    [Fact]
    public void A_student_who_reaches_the_first_step_gets_the_misconception_on_the_second()
    {
        var version = ParseJsonl(Dialogue(6000025, AddsTheHusbandsSpoons)).Document.Problems[0].Versions[0];

        Assert.Empty(version.Steps[0].Misconceptions);
        Assert.Equal([20m], Assert.Single(version.Steps[1].Misconceptions).WrongValues);
    }

    [Fact]
    public void A_student_who_reaches_every_step_gets_the_misconception_on_the_last_with_their_final_answer()
    {
        var version = ParseJsonl(Dialogue(6000025, OneStepTooMany)).Document.Problems[0].Versions[0];

        Assert.Empty(version.Steps[0].Misconceptions);
        Assert.Equal([7m], Assert.Single(version.Steps[1].Misconceptions).WrongValues);
    }

    [Fact]
    public void Dialogues_about_the_same_problem_share_it_and_identical_misconceptions_are_kept_once()
    {
        var import = MathDialParser.ImportJsonl(new StringReader(string.Join('\n',
            Dialogue(6000025, SubtractsInsteadOfAdding),
            Dialogue(6000025, SubtractsInsteadOfAdding, "did not read the question"),
            Dialogue(6000025, AddsTheHusbandsSpoons),
            Dialogue(6000025, "12 x 3 = 36 spoons.\n36 - 5 = 31\n 31"))), "dev.jsonl", ImportedAt);

        var version = Assert.Single(import.Bank.Document.Problems).Versions[0];
        Assert.Equal([[9m], [36m]], version.Steps[0].Misconceptions.Select(m => m.WrongValues));
        Assert.Equal(["m1", "m2"], version.Steps[0].Misconceptions.Select(m => m.Key));
        Assert.Equal([[20m]], version.Steps[1].Misconceptions.Select(m => m.WrongValues));
        Assert.Equal(["s1.q6", "s1.q7", "s2.q6"], version.Tree.Where(n => n.Trigger == "misconception").Select(n => n.Key));
        Assert.Equal(new MathDialCoverage(Dialogues: 4, WrongStudentAnswers: 4, WithMisconception: 4), import.Coverage);
    }

    [Fact]
    public void A_student_with_the_right_answer_adds_no_misconception()
    {
        var import = MathDialParser.ImportJsonl(new StringReader(Dialogue(6000025, "12+3=15\n15-5=10\n 10")), "dev.jsonl", ImportedAt);

        Assert.Empty(import.Bank.Document.Problems[0].Versions[0].Steps.SelectMany(s => s.Misconceptions));
        Assert.Equal(new MathDialCoverage(1, 0, 0), import.Coverage);
    }

    [Fact]
    public void Without_a_teacher_description_the_misconception_gets_a_generic_one()
    {
        var version = ParseJsonl(Dialogue(6000025, SubtractsInsteadOfAdding, confusion: null)).Document.Problems[0].Versions[0];

        Assert.StartsWith("Reached 9 at this step", version.Steps[0].Misconceptions[0].Description);
    }

    [Fact]
    public void Bad_jsonl_records_become_issues_and_the_rest_still_parse()
    {
        var input = string.Join('\n',
            Dialogue(6000025, SubtractsInsteadOfAdding),
            JsonSerializer.Serialize(new { qid = "6000026", question = Question, ground_truth = GroundTruth, student_incorrect_solution = "1\n 4" }),
            JsonSerializer.Serialize(new { qid = 6000027, question = Question, student_incorrect_solution = "1\n 4" }),
            JsonSerializer.Serialize(new { qid = 6000028, question = Question, ground_truth = "12+3=15\nso about ten", student_incorrect_solution = "1\n 4" }),
            "{\"qid\": 6000029, \"question\": ",
            Dialogue(6000030, AddsTheHusbandsSpoons));

        var bank = ParseJsonl(input);

        Assert.Equal(6, bank.RecordsRead);
        Assert.Equal(["mathdial-6000025", "mathdial-6000030"], bank.Document.Problems.Select(p => p.Key));
        Assert.Equal([(2, "qid"), (3, "ground_truth"), (4, "ground_truth"), (5, "(json)")], bank.Issues.Select(i => (i.Line, i.Field)));
    }

    [Fact]
    public void Csv_with_multi_line_quoted_fields_gives_the_same_bank_as_jsonl()
    {
        var jsonl = ParseJsonl(string.Join('\n',
            Dialogue(6000025, SubtractsInsteadOfAdding, "subtracting instead of adding"),
            Dialogue(6000031, AddsTheHusbandsSpoons, "a \"quoted\", confused answer")));
        var csv = MathDialParser.ParseCsv(new StringReader(Csv(
            [6000025, Question, GroundTruth, SubtractsInsteadOfAdding, "subtracting instead of adding"],
            [6000031, Question, GroundTruth, AddsTheHusbandsSpoons, "a \"quoted\", confused answer"])), "dev.csv", ImportedAt);

        Assert.Empty(csv.Issues);
        Assert.Equal(2, csv.RecordsRead);
        Assert.Equal(JsonSerializer.Serialize(jsonl.Document), JsonSerializer.Serialize(csv.Document));
        Assert.Equal("a \"quoted\", confused answer", csv.Document.Problems[1].Versions[0].Steps[1].Misconceptions[0].Description);
    }

    [Fact]
    public void Csv_issues_name_the_first_line_of_their_record()
    {
        // Record 1 spans lines 2-10, record 2 (bad qid) starts on line 11, record 3 (wrong field count) on line 20.
        var text = Csv(
            [6000025, Question, GroundTruth, SubtractsInsteadOfAdding, "x"],
            ["abc", Question, GroundTruth, SubtractsInsteadOfAdding, "x"]) + "\n6000040,1,\"two\nlines\"\n";

        var bank = MathDialParser.ParseCsv(new StringReader(text), "dev.csv", ImportedAt);

        Assert.Equal(3, bank.RecordsRead);
        Assert.Single(bank.Document.Problems);
        Assert.Equal([(11, "qid"), (20, "(record)")], bank.Issues.Select(i => (i.Line, i.Field)));
        Assert.Equal("dev.csv:11: qid: expected an integer, found \"abc\"", bank.Issues[0].ToString());
    }

    [Fact]
    public void Csv_record_with_an_unclosed_quote_is_reported_and_the_records_before_it_still_parse()
    {
        var text = Csv([6000025, Question, GroundTruth, SubtractsInsteadOfAdding, "x"]) + "\n6000041,1,\"never closed,\"a\",\"b\"\n";

        var bank = MathDialParser.ParseCsv(new StringReader(text), "dev.csv", ImportedAt);

        Assert.Equal(["mathdial-6000025"], bank.Document.Problems.Select(p => p.Key));
        var issue = Assert.Single(bank.Issues);
        Assert.Equal((11, "(record)"), (issue.Line, issue.Field));
    }

    [Fact]
    public void Csv_without_a_required_column_reports_it()
    {
        var bank = MathDialParser.ParseCsv(new StringReader("qid,question\n1,What?\n"), "dev.csv", ImportedAt);

        Assert.Empty(bank.Document.Problems);
        Assert.Equal(["ground_truth", "student_incorrect_solution"], bank.Issues.Select(i => i.Field));
    }

    private static ParsedBank ParseJsonl(string input) => MathDialParser.ParseJsonl(new StringReader(input), "dev.jsonl", ImportedAt);

    private static string Dialogue(long qid, string student, string? confusion = "subtracting instead of adding") =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["qid"] = qid,
            ["scenario"] = 1,
            ["question"] = Question,
            ["ground_truth"] = GroundTruth,
            ["student_incorrect_solution"] = student,
            ["student_profile"] = "Mariana is a 7th grade student.",
            ["teacher_described_confusion"] = confusion,
            ["self-correctness"] = "Yes",
            ["self-typical-confusion"] = 4.0,
            ["self-typical-interactions"] = 4.0,
            ["conversation"] = "Teacher: (generic)Hi|EOM|Student: Hello",
        });

    // The columns of MathDial's CSV export; every text field quoted as in the original file, "\n" line ends.
    private static string Csv(params object[][] records)
    {
        static string Quote(object value) => value is string text ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : $"{value}";
        var csv = new StringBuilder(
            "qid,scenario,question,ground_truth,student_incorrect_solution,student_profile,teacher_described_confusion,self-correctness,self-typical-confusion,self-typical-interactions,conversation");
        foreach (var record in records)
        {
            csv.Append('\n').Append(string.Join(',',
                Quote(record[0]), "1", Quote(record[1]), Quote(record[2]), Quote(record[3]), Quote("Mariana is a 7th grade student."),
                Quote(record[4]), Quote("Yes"), "4", "4", Quote("Teacher: (generic)Hi|EOM|Student: Hello")));
        }
        return csv.ToString();
    }
}
