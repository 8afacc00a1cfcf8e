using TutorApp.Web.Markdown;

namespace TutorApp.UnitTests;

public sealed class MarkdownRendererTests
{
    private readonly MarkdownRenderer _renderer = new();

    [Fact]
    public void Leaves_inline_and_display_math_for_KaTeX()
    {
        var html = _renderer.ToHtml("Share $\\frac{16}{3}$ slices.\n\n$$\nx^2 + 1\n$$\n");

        Assert.Contains("<span class=\"math\">\\(\\frac{16}{3}\\)</span>", html);
        Assert.Contains("<div class=\"math\">", html);
        Assert.Contains("x^2 + 1", html);
    }

    [Fact]
    public void Escapes_raw_html_so_it_is_never_executed()
    {
        var html = _renderer.ToHtml("Hello <script>alert(1)</script> <img src=x onerror=alert(1)>");

        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JavaScript:alert(1)")]
    [InlineData("data:text/html,<b>x</b>")]
    [InlineData("vbscript:msgbox")]
    public void Neutralises_links_with_unsafe_schemes(string url)
    {
        var html = _renderer.ToHtml($"[click]({url})");

        Assert.Contains("href=\"#\"", html);
        Assert.DoesNotContain(url.Split(':')[0] + ":", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("<javascript:alert(document.cookie)>")]
    [InlineData("<JavaScript:alert(1)>")]
    [InlineData("<data:text/html,hi>")]
    public void Neutralises_autolinks_with_unsafe_schemes(string markdown)
    {
        var html = _renderer.ToHtml(markdown);

        Assert.DoesNotContain("href", html);
        Assert.DoesNotContain("<a", html);
    }

    [Fact]
    public void Keeps_safe_autolinks()
    {
        Assert.Contains("href=\"https://example.org/\"", _renderer.ToHtml("<https://example.org/>"));
    }

    [Theory]
    [InlineData("https://example.org/a")]
    [InlineData("mailto:teacher@example.org")]
    [InlineData("/student/problems/3")]
    [InlineData("notes/page?x=1:2")]
    public void Keeps_safe_links(string url)
    {
        Assert.True(MarkdownRenderer.IsSafeUrl(url));
        Assert.Contains($"href=\"{url}\"", _renderer.ToHtml($"[ok]({url})"));
    }
}
