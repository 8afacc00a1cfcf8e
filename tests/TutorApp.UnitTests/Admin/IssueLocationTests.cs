using TutorApp.Domain.Answers;
using TutorApp.Domain.Content;
using TutorApp.Domain.Content.Bank;
using TutorApp.Web.Components.Admin.Editor;

namespace TutorApp.UnitTests.Admin;

public sealed class IssueLocationTests
{
    private static readonly BankProblemVersion Content = new(1, "draft", "T", "S", new NumberAnswer(1), 1, "", "", [], ["Fractions", "Ratios"],
        DateTimeOffset.UnixEpoch, null,
        [
            new BankStep("s1", "P", new NumberAnswer(1), ["Ratios"], [], []),
            new BankStep("s2", "P", null, ["Fractions"], ["s1"], [new BankMisconception("m7", "D", [], ["("], "Q")]),
        ],
        [
            new BankQuestionNode("s1.q1", "s1", null, "root", null, "focus", "", "Q", null, []),
            new BankQuestionNode("s2.q4", "s2", null, "root", null, "focus", "", "Q", null, [new Hint(1, "")]),
        ]);

    [Theory]
    [InlineData("title", "Title")]
    [InlineData("finalAnswer", "Final answer")]
    [InlineData("skills[1]", "Skill \"Ratios\"")]
    [InlineData("steps", "Steps")]
    [InlineData("steps[1]", "Step 2 (s2)")]
    [InlineData("steps[1].expected", "Step 2 (s2) › expected answer")]
    [InlineData("steps[1].skills[0]", "Step 2 (s2) › skill \"Fractions\"")]
    [InlineData("steps[1].dependsOn[0]", "Step 2 (s2) › dependency on s1")]
    [InlineData("steps[1].misconceptions[0].remediationQuestion", "Step 2 (s2) › misconception m7 › remediation question")]
    [InlineData("steps[1].misconceptions[0].patterns[0]", "Step 2 (s2) › misconception m7 › pattern 1")]
    [InlineData("tree[1].text", "Question s2.q4 (step s2) › question text")]
    [InlineData("tree[1].hints[0].text", "Question s2.q4 (step s2) › hint level 1 › text")]
    [InlineData("tree[1].move", "Question s2.q4 (step s2) › teacher move")]
    [InlineData("steps[9].prompt", "Step 10 › prompt")]
    [InlineData("", "Problem")]
    public void Says_where_an_issue_is_in_words(string path, string expected)
    {
        Assert.Equal(expected, IssueLocation.Describe(path, Content));
    }

    [Theory]
    [InlineData("tree[1].hints[0].text", "s2.q4", "s2")]
    [InlineData("tree[0]", "s1.q1", "s1")]
    [InlineData("steps[1].expected", null, "s2")]
    [InlineData("title", null, null)]
    [InlineData("tree[5].text", null, null)]
    public void Finds_the_question_and_step_an_issue_is_about(string path, string? node, string? step)
    {
        Assert.Equal(node, IssueLocation.NodeKey(path, Content));
        Assert.Equal(step, IssueLocation.StepKey(path, Content));
    }
}
