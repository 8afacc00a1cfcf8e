namespace TutorApp.Web.Auth;

/// <summary>
/// The JSON API takes the browser's sign-in cookie as well as bearer tokens, and runs without antiforgery tokens (a
/// script or load test has no form to take one from). SameSite=Lax already keeps the cookie off cross-site POSTs; this
/// filter also refuses a write that the browser marks, with Fetch Metadata's Sec-Fetch-Site, as made by another
/// origin's page. That covers a page on a sibling subdomain, which Lax counts as the same site, and matters most for
/// the roster upload, which reads a plain-text body that any form can post. Browsers without Fetch Metadata (before
/// 2023) get SameSite's protection only: comparing the Origin header with the Host instead would refuse legitimate
/// calls behind a proxy that rewrites the Host. A call with a bearer token is never refused: no browser adds one to
/// another origin's request by itself (unlike Basic or Negotiate credentials, which it may, so those do not count).
/// </summary>
public static class CrossSiteCookieWrites
{
    public const string RefusedMessage =
        "Requests from another site's pages cannot use the TutorApp sign-in cookie. Call the API from TutorApp's own pages, or with a bearer token (POST /api/v1/auth/token).";

    public static TBuilder RefuseCrossSiteCookieWrites<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
            IsCrossSiteCookieWrite(context.HttpContext.Request)
                ? Results.Problem(RefusedMessage, statusCode: StatusCodes.Status403Forbidden)
                : await next(context));

    internal static bool IsCrossSiteCookieWrite(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) ||
            request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        // "none" is a request the user made directly (typed address, bookmark), never one a page made.
        return request.Headers["Sec-Fetch-Site"].ToString() is { Length: > 0 } site && site is not ("same-origin" or "none");
    }
}
