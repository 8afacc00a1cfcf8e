using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace TutorApp.Web.Markdown;

/// <summary>
/// Turns problem statements (Markdown with <c>$...$</c> LaTeX) into HTML that is safe to put on the page:
/// raw HTML is escaped, links may only point to http(s), mailto or this site, and math is left in
/// <c>class="math"</c> elements for KaTeX to typeset in the browser (wwwroot/js/math.js).
/// </summary>
public sealed class MarkdownRenderer
{
    private static readonly string[] SafeSchemes = ["http", "https", "mailto"];

    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseMathematics()
        .UseEmphasisExtras()
        .UsePipeTables()
        .Build();

    public string ToHtml(string markdown)
    {
        var document = Markdig.Markdown.Parse(markdown, _pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!IsSafeUrl(link.Url))
            {
                link.Url = "#";
            }
        }
        // <javascript:...> autolinks bypass LinkInline; an unsafe one is left as plain text.
        foreach (var autolink in document.Descendants<AutolinkInline>().Where(a => !a.IsEmail && !IsSafeUrl(a.Url)).ToList())
        {
            autolink.ReplaceBy(new LiteralInline(autolink.Url));
        }
        return document.ToHtml(_pipeline);
    }

    internal static bool IsSafeUrl(string? url)
    {
        var trimmed = url?.Trim() ?? "";
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        var pathStart = trimmed.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (pathStart >= 0 && pathStart < colon))
        {
            return true; // relative: no scheme
        }
        return SafeSchemes.Contains(trimmed[..colon], StringComparer.OrdinalIgnoreCase);
    }
}
