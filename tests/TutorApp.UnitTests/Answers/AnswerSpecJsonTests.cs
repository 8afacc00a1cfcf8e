using System.Text.Json;
using TutorApp.Domain.Answers;

namespace TutorApp.UnitTests.Answers;

public sealed class AnswerSpecJsonTests
{
    public static TheoryData<AnswerSpec, string> Specs => new()
    {
        { new NumberAnswer(12.5m, 0.1m, "cm"), "number" },
        { new NumberAnswer(3), "number" },
        { new FractionAnswer(3, 4, RequireSimplest: true), "fraction" },
        { new ExpressionAnswer("2(x + 3)", ["x"]), "expression" },
        { new ExpressionAnswer("rate * time", ["rate", "time"]), "expression" },
        { new ChoiceAnswer(["Paris", "London", "Rome"], 1), "choice" },
        { new TextAnswer(["New York", "NYC"]), "text" },
    };

    [Theory]
    [MemberData(nameof(Specs))]
    public void Round_trips_through_the_base_type_with_its_kind(AnswerSpec spec, string kind)
    {
        foreach (var options in new[] { JsonSerializerOptions.Default, JsonSerializerOptions.Web })
        {
            var json = JsonSerializer.Serialize(spec, options);
            var back = JsonSerializer.Deserialize<AnswerSpec>(json, options);

            Assert.StartsWith($$"""{"kind":"{{kind}}",""", json);
            Assert.NotNull(back);
            Assert.Equal(spec.GetType(), back.GetType());
            Assert.Equal(spec, back);
            Assert.Equal(spec.Display(), back.Display());
        }
    }

    [Fact]
    public void Reads_an_expression_answer_an_author_wrote_and_checks_with_it()
    {
        const string json = """{ "kind": "expression", "expression": "2x + 3", "variables": ["x"] }""";

        var spec = JsonSerializer.Deserialize<AnswerSpec>(json, JsonSerializerOptions.Web);

        var expression = Assert.IsType<ExpressionAnswer>(spec);
        Assert.Equal(["x"], expression.Variables);
        Assert.Empty(expression.Validate());
        Assert.True(expression.Check("y = 3 + 2x").Correct);
    }

    [Fact]
    public void Leaves_out_optional_values_it_was_not_given()
    {
        var spec = JsonSerializer.Deserialize<AnswerSpec>("""{ "kind": "number", "value": 7 }""", JsonSerializerOptions.Web);

        Assert.Equal(new NumberAnswer(7), spec);
    }

    [Fact]
    public void An_unknown_kind_is_refused()
    {
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<AnswerSpec>("""{ "kind": "essay" }""", JsonSerializerOptions.Web));
    }
}
