namespace TutorApp.Web.Auth;

/// <summary>
/// The JSON API takes the browser's sign-in cookie as well as bearer tokens, and runs without antiforgery tokens (a
/// script or load test has no form to take one from). SameSite=Lax already keeps the cookie off cross-site POSTs; this
/// filter also refuses a write that a browser marks as coming from another origin (Fetch Metadata's Sec-Fetch-Site,
/// or an Origin header naming another host where a browser sends no Sec-Fetch-Site), which covers pages on a sibling
/// subdomain that Lax counts as the same site. Calls with an Authorization header are not affected: no browser adds one
/// to a cross-origin request without the API's consent.
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
            request.Headers.Authorization.Count > 0)
        {
            return false;
        }
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
        {
            // "none" is a request the user made directly (typed address, bookmark), never one a page made.
            return site is not ("same-origin" or "none");
        }
        var origin = request.Headers.Origin.ToString();
        return origin.Length > 0 && !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
    }
}
