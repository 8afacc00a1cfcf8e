using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TutorApp.Web.Components.Shared;

namespace TutorApp.UnitTests;

/// <summary>Static rendering with the framework's HtmlRenderer (bunit cannot be installed here).</summary>
public sealed class StatusMessageTests
{
    [Theory]
    [InlineData(400, "Bad request (400)", "security token")]
    [InlineData(403, "Access denied (403)", "may not open this page")]
    [InlineData(404, "Page not found (404)", "no page at this address")]
    [InlineData(500, "Something went wrong (500)", "could not complete")]
    public async Task Says_in_words_what_the_status_means(int status, string title, string explanation)
    {
        await using var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());

        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<StatusMessage>(
                ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(StatusMessage.StatusCode)] = status }));
            return output.ToHtmlString();
        });

        Assert.Contains($"<h1>{title}</h1>", html);
        Assert.Contains(explanation, html);
        Assert.Contains($"data-status=\"{status}\"", html);
    }
}
