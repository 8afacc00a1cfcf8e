using TutorApp.Domain.Answers;
using TutorApp.Web.Components.Admin.Editor;

namespace TutorApp.UnitTests.Admin;

public sealed class AnswerSpecModelTests
{
    public static TheoryData<AnswerSpec> Specs => new()
    {
        new NumberAnswer(16),
        new NumberAnswer(2.5m, 0.01m, "km"),
        new FractionAnswer(16, 3),
        new FractionAnswer(3, 4, RequireSimplest: true),
        new ExpressionAnswer("2*(x + y)", ["x", "y"]),
        new ChoiceAnswer(["A", "B", "C"], 1),
        new TextAnswer(["eight", "8"]),
    };

    [Theory]
    [MemberData(nameof(Specs))]
    public void Each_kind_round_trips(AnswerSpec spec)
    {
        Assert.Equal(spec, AnswerSpecModel.FromSpec(spec).ToSpec());
    }

    [Fact]
    public void Switching_kinds_keeps_what_was_typed_for_the_other_kind()
    {
        var model = AnswerSpecModel.FromSpec(new NumberAnswer(16, 0, "slices"));

        model.Kind = AnswerKind.Fraction;
        model.Numerator = 16;
        model.Denominator = 3;
        Assert.Equal(new FractionAnswer(16, 3), model.ToSpec());

        model.Kind = AnswerKind.Number;
        Assert.Equal(new NumberAnswer(16, 0, "slices"), model.ToSpec());
    }

    [Fact]
    public void Blank_unit_variables_and_wordings_are_left_out()
    {
        var model = new AnswerSpecModel { Kind = AnswerKind.Number, Value = 3, Unit = "  " };
        Assert.Equal(new NumberAnswer(3), model.ToSpec());

        model.Kind = AnswerKind.Expression;
        model.Expression = " x + 1 ";
        model.Variables = ["x", " ", ""];
        Assert.Equal(new ExpressionAnswer("x + 1", ["x"]), model.ToSpec());

        model.Kind = AnswerKind.Text;
        model.Accepted = ["", "four", "  "];
        Assert.Equal(new TextAnswer(["four"]), model.ToSpec());
    }
}
