using TutorApp.Domain.Answers;
using TutorApp.Domain.Content;
using TutorApp.Domain.Content.Bank;

namespace TutorApp.UnitTests.Content;

public sealed class ContentValidatorTests
{
    private static readonly HashSet<string> Skills = ["Multiplication", "Division"];

    [Fact]
    public void A_complete_version_has_no_errors()
    {
        var issues = ContentValidator.Validate(Valid(), Skills);

        Assert.DoesNotContain(issues, i => i.Severity == IssueSeverity.Error);
    }

    [Fact]
    public void A_step_without_an_expected_answer_is_an_error_that_does_not_break_references()
    {
        var version = Valid() with { Steps = [Valid().Steps[0] with { Expected = null }, Valid().Steps[1]] };

        var issue = Assert.Single(ContentValidator.Validate(version, Skills), i => i.Path == "steps[0].expected");
        Assert.Equal(IssueSeverity.Error, issue.Severity);
        Assert.False(issue.BreaksReferences);
    }

    [Fact]
    public void An_orphan_node_and_a_node_on_a_missing_step_break_references()
    {
        var version = Valid() with
        {
            Tree = [.. Valid().Tree, Node("s1.q9", "s1", "s1.nope", "wrong-answer"), Node("s7.q1", "s7", null, "root")],
        };

        var issues = ContentValidator.Validate(version, Skills);

        Assert.Contains(issues, i => i.Path == "tree[3].parent" && i.Message.Contains("orphan node") && i.BreaksReferences);
        Assert.Contains(issues, i => i.Path == "tree[4].step" && i.Message.Contains("\"s7\", which does not exist") && i.BreaksReferences);
    }

    [Fact]
    public void A_step_without_a_root_question_is_unreachable()
    {
        var version = Valid() with { Tree = Valid().Tree.Where(n => n.Step != "s2").ToList() };

        Assert.Contains(ContentValidator.Validate(version, Skills), i => i.Path == "steps[1]" && i.Message.Contains("unreachable step \"s2\""));
    }

    [Fact]
    public void A_dependency_cycle_is_named()
    {
        var version = Valid() with { Steps = [Valid().Steps[0] with { DependsOn = ["s2"] }, Valid().Steps[1]] };

        Assert.Contains(ContentValidator.Validate(version, Skills), i => i.Message.Contains("cycle: s1 → s2 → s1") || i.Message.Contains("cycle: s2 → s1 → s2"));
    }

    [Fact]
    public void Giving_the_answer_away_before_the_bottom_out_hint_is_a_warning()
    {
        var root = Valid().Tree[0] with
        {
            Text = "Is it 16?",
            Hints = [new Hint(1, "It is 16."), new Hint(2, "2 × 8 = 16.", IsBottomOut: true)],
        };
        var version = Valid() with { Tree = [root, .. Valid().Tree.Skip(1)] };

        var warnings = ContentValidator.Validate(version, Skills).Where(i => i.Severity == IssueSeverity.Warning).ToList();

        Assert.Contains(warnings, w => w.Path == "tree[0].text" && w.Message.Contains("16"));
        Assert.Contains(warnings, w => w.Path == "tree[0].hints[0]");
        Assert.DoesNotContain(warnings, w => w.Path == "tree[0].hints[1]");
    }

    [Fact]
    public void A_step_with_no_remediation_is_a_warning()
    {
        var version = Valid() with { Tree = Valid().Tree.Where(n => n.Trigger == "root").ToList() };

        Assert.Contains(ContentValidator.Validate(version, Skills),
            i => i.Severity == IssueSeverity.Warning && i.Path == "steps[0]" && i.Message.Contains("no remediation"));
    }

    [Fact]
    public void Bottom_out_must_be_the_last_hint_and_levels_count_up()
    {
        var root = Valid().Tree[0] with { Hints = [new Hint(1, "x", IsBottomOut: true), new Hint(3, "y")] };
        var version = Valid() with { Tree = [root, .. Valid().Tree.Skip(1)] };

        var issues = ContentValidator.Validate(version, Skills);

        Assert.Contains(issues, i => i.Path == "tree[0].hints[0].isBottomOut");
        Assert.Contains(issues, i => i.Path == "tree[0].hints[1].level");
    }

    [Fact]
    public void Unknown_skills_moves_and_triggers_are_named()
    {
        var version = Valid() with
        {
            Skills = ["Astrology"],
            Tree = [Valid().Tree[0] with { Move = "lecturing", Trigger = "whenever" }, .. Valid().Tree.Skip(1)],
        };

        var issues = ContentValidator.Validate(version, Skills);

        Assert.Contains(issues, i => i.Path == "skills[0]" && i.Message.Contains("Astrology"));
        Assert.Contains(issues, i => i.Path == "tree[0].move" && i.Message.Contains("\"lecturing\""));
        Assert.Contains(issues, i => i.Path == "tree[0].trigger" && i.Message.Contains("\"whenever\""));
    }

    [Fact]
    public void A_bank_with_a_prerequisite_cycle_is_refused_naming_it()
    {
        var document = BankDocument.Create(
            [new BankSkill("Multiplication", "", null, ["Division"]), new BankSkill("Division", "", null, ["Multiplication"])], []);

        Assert.Contains(BankValidator.Validate(document), i => i.Path == "skills" && i.Message.Contains("Multiplication → Division → Multiplication"));
    }

    [Fact]
    public void A_cycle_through_skills_already_stored_is_found_too()
    {
        var document = BankDocument.Create([new BankSkill("Division", "", null, ["Multiplication"])], []);

        var issues = BankValidator.Validate(document, new HashSet<string> { "Multiplication" }, [("Multiplication", "Division")]);

        Assert.Contains(issues, i => i.Message.Contains("cycle"));
    }

    private static BankProblemVersion Valid() => new(1, "draft", "Pizzas", "Share $2$ pizzas.", new NumberAnswer(5.33m, 0.01m), 2, "", "", [], ["Division"],
        DateTimeOffset.UnixEpoch, null,
        [
            new BankStep("s1", "How many slices?", new NumberAnswer(16), ["Multiplication"], [], []),
            new BankStep("s2", "How many each?", new NumberAnswer(5.33m, 0.01m), ["Division"], ["s1"], []),
        ],
        [
            Node("s1.q1", "s1", null, "root"),
            Node("s1.q2", "s1", "s1.q1", "wrong-answer"),
            Node("s2.q1", "s2", null, "root"),
        ]);

    private static BankQuestionNode Node(string key, string step, string? parent, string trigger) =>
        new(key, step, parent, trigger, null, "focus", "", $"Question {key}?", null, [new Hint(1, "Look again.")]);
}
