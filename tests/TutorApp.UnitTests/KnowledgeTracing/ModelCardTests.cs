using TutorApp.KnowledgeTracing;

namespace TutorApp.UnitTests.KnowledgeTracing;

public sealed class ModelCardTests
{
    private static readonly string ValidSha256 = new('0', 64);

    private static string Card(string skills = """{"first_id": 1, "count": 110}""", string model = "cakt", string format = "tutorapp-kt-card/1",
        string name = "cakt-assist2009", string? sha256 = null) => $$"""
        {
          "format": "{{format}}", "name": "{{name}}", "model": "{{model}}", "onnx": "cakt-assist2009.onnx",
          "sha256": "{{sha256 ?? ValidSha256}}", "opset": 17, "window": 200,
          "dataset": {"name": "assist2009", "num_skills": {{(skills.Contains("ids") ? 3 : 110)}}, "skills": {{skills}}, "time_unit": "steps"},
          "inputs": [{"name": "hist_skill", "dtype": "int64", "shape": ["batch", "length"]}],
          "outputs": [{"name": "logits", "dtype": "float32", "shape": ["batch", "length", 110]}]
        }
        """;

    [Fact]
    public void Consecutive_skill_ids_map_from_the_first_id()
    {
        var card = ModelCard.Parse(Card(), "/models");

        Assert.True(card.TryGetSkillIndex(1, out var first));
        Assert.True(card.TryGetSkillIndex(110, out var last));
        Assert.Equal((0, 109), (first, last));
        Assert.False(card.TryGetSkillIndex(0, out _));
        Assert.False(card.TryGetSkillIndex(111, out _));
        Assert.Equal("1..110", card.SkillRange);
        Assert.Equal(Path.Combine("/models", "cakt-assist2009.onnx"), card.OnnxPath);
        Assert.Equal("batch, length, 110", card.Outputs[0].ShapeText);
    }

    [Fact]
    public void Listed_skill_ids_map_by_position()
    {
        var card = ModelCard.Parse(Card("""{"ids": [12, 40, 7]}"""), "/models");

        Assert.True(card.TryGetSkillIndex(7, out var index));
        Assert.Equal(2, index);
        Assert.Equal(40, card.SkillId(1));
        Assert.False(card.TryGetSkillIndex(8, out _));
    }

    [Theory]
    [InlineData("lstm", "tutorapp-kt-card/1", "model 'lstm'")]
    [InlineData("cakt", "other/2", "format")]
    public void A_card_for_something_else_is_refused_with_the_reason(string model, string format, string expected)
    {
        var e = Assert.Throws<ModelCardException>(() => ModelCard.Parse(Card(model: model, format: format), "/m", "x.card.json"));

        Assert.Contains(expected, e.Message);
        Assert.Contains("x.card.json", e.Message);
    }

    [Fact]
    public void A_name_too_long_to_store_and_a_malformed_checksum_are_both_reported()
    {
        var e = Assert.Throws<ModelCardException>(() =>
            ModelCard.Parse(Card(name: new string('m', ModelCard.MaxNameLength + 1), sha256: "00"), "/m", "long.card.json"));

        Assert.Contains($"name must have 1 to {ModelCard.MaxNameLength} characters, not {ModelCard.MaxNameLength + 1}", e.Message);
        Assert.Contains("sha256 must be 64 hexadecimal digits", e.Message);
    }

    [Fact]
    public void Broken_json_is_a_card_error()
    {
        var e = Assert.Throws<ModelCardException>(() => ModelCard.Parse("{ not json", "/m", "broken.card.json"));

        Assert.Contains("broken.card.json", e.Message);
    }
}
