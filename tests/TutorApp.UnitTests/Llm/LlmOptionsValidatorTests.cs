using TutorApp.Llm;

namespace TutorApp.UnitTests.Llm;

public sealed class LlmOptionsValidatorTests
{
    private readonly LlmOptionsValidator _validator = new();

    [Fact]
    public void Without_an_endpoint_nothing_is_required()
    {
        Assert.True(_validator.Validate(null, new LlmOptions()).Succeeded);
    }

    [Fact]
    public void An_endpoint_needs_a_model_and_an_http_address()
    {
        var result = _validator.Validate(null, new LlmOptions { Endpoint = "ftp://example.test" });
        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Llm:Endpoint", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Llm:Model", StringComparison.Ordinal));
        Assert.True(_validator.Validate(null, new LlmOptions { Endpoint = "http://127.0.0.1:11434/v1", Model = "llama3.1:8b" }).Succeeded);
    }
}
