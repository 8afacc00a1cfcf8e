using TutorApp.Data.Seeding;
using TutorApp.Domain.Answers;
using TutorApp.Domain.Content;
using TutorApp.Domain.Content.Bank;
using TutorApp.Web.Components.Admin.Editor;

namespace TutorApp.UnitTests.Admin;

public sealed class ProblemEditorModelTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 9, 26, 53, TimeSpan.Zero);

    // Records with list members compare lists by reference, so content is compared as the bank format writes it.
    private static string Json(BankProblemVersion version) => System.Text.Json.JsonSerializer.Serialize(version, BankJson.Options);

    [Fact]
    public void The_sample_problem_survives_the_round_trip_unchanged()
    {
        var sample = SampleContent.Create(Now).Problems[0].Versions[0];

        var roundTripped = ProblemEditorModel.FromBank(sample).ToBank();

        Assert.Equal(Json(sample), Json(roundTripped));
    }

    [Fact]
    public void Every_answer_kind_and_every_field_survives_the_round_trip()
    {
        var version = new BankProblemVersion(3, "retired", "All kinds", "Statement $x$", new ExpressionAnswer("2*(x + 3)", ["x"]), 4,
            "GSM8K train #17", "MIT", ["algebra", "word problem"], ["A", "B"], Now, Now.AddDays(1),
            [
                new BankStep("s1", "Pick one", new ChoiceAnswer(["red", "green", "blue"], 2), ["A"], [], []),
                new BankStep("s2", "Say it", new TextAnswer(["eight and two", "8 and 2"]), ["B"], ["s1"],
                [
                    new BankMisconception("m1", "Adds instead", [10m, 0.5m], ["plus", @"\badd"], "Add or multiply?"),
                    new BankMisconception("m2", "Swaps", [], [], "Which comes first?"),
                ]),
                new BankStep("s3", "How far?", new NumberAnswer(12.5m, 0.1m, "km"), ["A", "B"], ["s1", "s2"], []),
                new BankStep("s4", "Not finished", null, [], [], []),
                new BankStep("s5", "Share", new FractionAnswer(6, 8, RequireSimplest: true), ["A"], [], []),
            ],
            [
                new BankQuestionNode("s2.q1", "s2", null, "root", null, "focus", "Seek strategy", "What is asked?", new TextAnswer(["x"]),
                    [new Hint(1, "Read again"), new Hint(2, "Look at the end"), new Hint(3, "It is x", true)]),
                new BankQuestionNode("s2.q2", "s2", "s2.q1", "misconception", "m1", "probing", "Seeking self-correction", "Add?", null, []),
                new BankQuestionNode("s2.q4", "s2", "s2.q2", "incomplete", null, "telling", "", "And then?", new NumberAnswer(3), [new Hint(1, "Go on")]),
                new BankQuestionNode("s2.q3", "s2", "s2.q1", "wrong-answer", null, "generic", "General inquiry", "Try again?", null, []),
                new BankQuestionNode("s3.q1", "s3", null, "root", null, "focus", "", "How far?", null, []),
            ]);

        var model = ProblemEditorModel.FromBank(version);

        Assert.Equal(Json(version), Json(model.ToBank()));
        Assert.Equal(AnswerKind.Expression, model.FinalAnswer.Kind);
        Assert.Null(model.Steps[3].Expected);
        Assert.Equal(["s2.q2", "s2.q3"], model.Steps[1].Roots[0].Children.Select(c => c.Key));
        Assert.Equal(2, model.Nodes.Single(n => n.Key == "s2.q4").Depth);
    }

    [Fact]
    public void A_parent_listed_after_its_children_is_linked_and_written_first()
    {
        var version = Minimal() with
        {
            Tree =
            [
                new BankQuestionNode("s1.q2", "s1", "s1.q1", "wrong-answer", null, "probing", "", "Child", null, []),
                new BankQuestionNode("s1.q1", "s1", null, "root", null, "focus", "", "Root", null, []),
            ],
        };

        var written = ProblemEditorModel.FromBank(version).ToBank();

        Assert.Equal(["s1.q1", "s1.q2"], written.Tree.Select(n => n.Key));
        Assert.Equal("s1.q1", written.Tree[1].Parent);
    }

    [Fact]
    public void Hint_levels_are_written_from_their_positions()
    {
        var model = ProblemEditorModel.FromBank(Minimal());
        var root = model.AddRoot(model.Steps[0]);
        root.Hints.Add(new HintModel { Text = "second" });
        root.Hints.Insert(0, new HintModel { Text = "first" });
        root.Hints.Add(new HintModel { Text = "the answer", IsBottomOut = true });

        var hints = model.ToBank().Tree.Single().Hints;

        Assert.Equal([new Hint(1, "first"), new Hint(2, "second"), new Hint(3, "the answer", true)], hints);
    }

    [Fact]
    public void New_steps_misconceptions_and_questions_get_unused_keys()
    {
        var model = ProblemEditorModel.FromBank(Minimal());
        var s2 = model.AddStep();
        var m1 = model.AddMisconception(s2);
        var m2 = model.AddMisconception(s2);
        var root = model.AddRoot(s2);
        var child = model.AddChild(root);
        var grandchild = model.AddChild(child);
        var firstRoot = model.AddRoot(model.Steps[0]);

        Assert.Equal("s2", s2.Key);
        Assert.Equal(["m1", "m2"], [m1.Key, m2.Key]);
        Assert.Equal(["s2.q1", "s2.q2", "s2.q3", "s1.q1"], [root.Key, child.Key, grandchild.Key, firstRoot.Key]);
        Assert.Equal(NodeTrigger.Root, root.Trigger);
        Assert.Equal(NodeTrigger.WrongAnswer, child.Trigger);

        ProblemEditorModel.Delete(child);
        Assert.Equal("s2.q2", model.AddChild(root).Key);
    }

    [Fact]
    public void Removing_a_step_removes_its_questions_and_the_dependencies_on_it()
    {
        var model = ProblemEditorModel.FromBank(Minimal());
        var s2 = model.AddStep();
        var s3 = model.AddStep();
        s3.DependsOn.AddRange(["s1", "s2"]);
        model.AddRoot(s2);

        model.RemoveStep(s2);

        var bank = model.ToBank();
        Assert.Equal(["s1", "s3"], bank.Steps.Select(s => s.Key));
        Assert.Equal(["s1"], bank.Steps[1].DependsOn);
        Assert.Empty(bank.Tree);
    }

    [Fact]
    public void Steps_move_up_and_down_and_stop_at_the_ends()
    {
        var model = ProblemEditorModel.FromBank(Minimal());
        var s2 = model.AddStep();
        model.AddStep();

        model.MoveStep(s2, -1);
        model.MoveStep(s2, -1);

        Assert.Equal(["s2", "s1", "s3"], model.Steps.Select(s => s.Key));
    }

    [Fact]
    public void Deleting_a_question_deletes_its_subtree()
    {
        var (model, root, child, grandchild) = ThreeLevels();
        var sibling = model.AddChild(root);

        ProblemEditorModel.Delete(child);

        Assert.Equal([root, sibling], model.Nodes);
        Assert.DoesNotContain(model.ToBank().Tree, n => n.Key == grandchild.Key);
    }

    [Fact]
    public void Questions_move_among_their_siblings_with_their_subtrees()
    {
        var (model, root, child, grandchild) = ThreeLevels();
        var sibling = model.AddChild(root);

        ProblemEditorModel.MoveAmongSiblings(sibling, -1);

        Assert.Equal([sibling, child], root.Children);
        Assert.Equal([root.Key, sibling.Key, child.Key, grandchild.Key], model.ToBank().Tree.Select(n => n.Key));
    }

    [Fact]
    public void A_question_moves_under_another_parent_but_never_under_itself_or_its_descendants()
    {
        var (model, root, child, grandchild) = ThreeLevels();
        var sibling = model.AddChild(root);

        Assert.Equal([root, sibling], ProblemEditorModel.PossibleParents(grandchild));
        Assert.DoesNotContain(grandchild, ProblemEditorModel.PossibleParents(child));
        Assert.Throws<InvalidOperationException>(() => ProblemEditorModel.MoveUnder(child, grandchild));

        ProblemEditorModel.MoveUnder(child, sibling);

        Assert.Equal(sibling, child.Parent);
        Assert.Equal([sibling], root.Children);
        var written = model.ToBank().Tree.ToDictionary(n => n.Key);
        Assert.Equal(sibling.Key, written[child.Key].Parent);
        Assert.Equal(child.Key, written[grandchild.Key].Parent);
    }

    [Fact]
    public void A_root_moved_under_a_question_is_no_longer_a_root()
    {
        var model = ProblemEditorModel.FromBank(Minimal());
        var first = model.AddRoot(model.Steps[0]);
        var second = model.AddRoot(model.Steps[0]);

        ProblemEditorModel.MoveUnder(second, first);

        Assert.Equal(NodeTrigger.WrongAnswer, second.Trigger);
        Assert.Equal([first], model.Steps[0].Roots);
    }

    [Fact]
    public void A_misconception_in_use_by_a_question_cannot_be_removed()
    {
        var model = ProblemEditorModel.FromBank(Minimal());
        var step = model.Steps[0];
        var misconception = model.AddMisconception(step);
        var question = model.AddChild(model.AddRoot(step));
        question.Trigger = NodeTrigger.Misconception;
        question.Misconception = misconception.Key;

        Assert.Throws<InvalidOperationException>(() => model.RemoveMisconception(step, misconception));

        question.Trigger = NodeTrigger.WrongAnswer;
        model.RemoveMisconception(step, misconception);
        Assert.Empty(step.Misconceptions);
    }

    [Fact]
    public void A_misconception_key_is_written_only_for_a_misconception_trigger()
    {
        var model = ProblemEditorModel.FromBank(Minimal());
        var question = model.AddChild(model.AddRoot(model.Steps[0]));
        question.Misconception = "m1";

        Assert.Null(model.ToBank().Tree[1].Misconception);
    }

    [Fact]
    public void Edited_content_is_judged_by_the_content_validator()
    {
        var model = ProblemEditorModel.FromBank(Minimal());
        var known = new HashSet<string> { "A" };

        var issues = ContentValidator.Validate(model.ToBank(), known);
        Assert.Contains(issues, i => i.Path == "steps[0]" && i.Message.Contains("no root question", StringComparison.Ordinal));

        var root = model.AddRoot(model.Steps[0]);
        root.Text = "What do you notice?";
        Assert.DoesNotContain(ContentValidator.Validate(model.ToBank(), known), i => i.Severity == IssueSeverity.Error);
    }

    private static (ProblemEditorModel Model, QuestionNodeModel Root, QuestionNodeModel Child, QuestionNodeModel Grandchild) ThreeLevels()
    {
        var model = ProblemEditorModel.FromBank(Minimal());
        var root = model.AddRoot(model.Steps[0]);
        var child = model.AddChild(root);
        var grandchild = model.AddChild(child);
        return (model, root, child, grandchild);
    }

    private static BankProblemVersion Minimal() => new(1, "draft", "Minimal", "Say 4.", new NumberAnswer(4), 1, "", "", [], ["A"], Now, null,
        [new BankStep("s1", "What number?", new NumberAnswer(4), ["A"], [], [])], []);
}
