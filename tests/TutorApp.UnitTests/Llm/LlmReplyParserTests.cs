using TutorApp.Llm;

namespace TutorApp.UnitTests.Llm;

public sealed class LlmReplyParserTests
{
    [Theory]
    [InlineData("{\"move\": \"Focus\", \"text\": \"How many?\"}")]
    [InlineData("```json\n{\"move\": \"Focus\", \"text\": \"How many?\"}\n```")]
    public void Reads_the_object_with_or_without_a_fence(string reply)
    {
        var (root, error) = LlmReplyParser.Object(reply);
        Assert.Null(error);
        Assert.Equal("How many?", LlmReplyParser.String(root!.Value, "text"));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("{\"move\": \"Focus\", \"text\": ", "not JSON")]
    [InlineData("[1, 2]", "Array")]
    [InlineData("Sure! Here is the question: how many?", "not JSON")]
    public void Says_what_is_wrong_with_a_malformed_reply(string reply, string expected)
    {
        var (root, error) = LlmReplyParser.Object(reply);
        Assert.Null(root);
        Assert.Contains(expected, error);
    }
}
