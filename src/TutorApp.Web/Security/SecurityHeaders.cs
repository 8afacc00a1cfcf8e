namespace TutorApp.Web.Security;

/// <summary>The headers every response carries, whatever produced it (pages, API, static files, error pages).</summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Scripts only from this site: blazor.web.js, Radzen's, KaTeX's and MathLive's copies in wwwroot, our own js/.
    /// Styles likewise, plus inline style attributes and elements, which KaTeX's typeset math, Radzen's components and
    /// MathLive's shadow DOM all write at run time (a style cannot run code). The Blazor circuit's WebSocket is
    /// same-origin, which 'self' covers. No page may be framed (clickjacking), no plugins, forms post only here.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; " +
        "script-src 'self'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; " +
        "font-src 'self' data:; " +
        "connect-src 'self'; " +
        "media-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            // Set before the response starts, so that even a response written by a later middleware carries them.
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY"; // for browsers that predate frame-ancestors
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return next(context);
        });
}
