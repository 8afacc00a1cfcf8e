using Microsoft.AspNetCore.Identity;
using TutorApp.Data;
using TutorApp.Data.Identity;

namespace TutorApp.Web.Auth;

public static class AuthExtensions
{
    public const string LoginPath = "/account/login";

    /// <summary>The one answer to a refused sign-in (page and API): a wrong password and a locked account look alike.</summary>
    public const string SignInRefusedMessage =
        "The email or password is not correct, or the account is locked for a few minutes after too many failed attempts.";

    /// <summary>The JSON API (simulator, load tests, integrations) takes a bearer token or the browser's cookie.</summary>
    public const string StudentApiPolicy = "student-api";

    public static WebApplicationBuilder AddTutorAuth(this WebApplicationBuilder builder)
    {
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddAuthorizationBuilder().AddPolicy(StudentApiPolicy, policy => policy
            .AddAuthenticationSchemes(IdentityConstants.BearerScheme, IdentityConstants.ApplicationScheme)
            .RequireRole(Roles.Student));
        var authentication = builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme);
        authentication.AddIdentityCookies();
        // Bearer tokens are not sent by browsers on their own, so API calls made with them need no antiforgery token.
        authentication.AddBearerToken(IdentityConstants.BearerScheme, options => options.BearerTokenExpiration = TimeSpan.FromHours(1));
        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = LoginPath;
            cookie.Cookie.Name = "tutor.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            // Secure whenever the request came over HTTPS (always, behind a TLS-terminating proxy that forwards the scheme).
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
            cookie.Events.OnRedirectToAccessDenied = context =>
            {
                // A signed-in user without the role gets a plain 403 (rendered by the status code page), not a redirect.
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
            cookie.Events.OnRedirectToLogin = context =>
            {
                if (context.Request.Path.StartsWithSegments("/api"))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                }
                else
                {
                    context.Response.Redirect(context.RedirectUri);
                }
                return Task.CompletedTask;
            };
        });

        builder.Services.AddAntiforgery(antiforgery => antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);

        builder.Services.AddIdentityCore<ApplicationUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 10;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<TutorDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        return builder;
    }

    /// <summary>Where a user lands after signing in: the home of their most privileged role.</summary>
    public static string HomePathFor(IList<string> roles) =>
        roles.Contains(Roles.Admin) ? "/admin"
        : roles.Contains(Roles.Teacher) ? "/teacher"
        : roles.Contains(Roles.Student) ? "/student"
        : "/";

    /// <summary>Only same-site paths are followed after login, so a crafted link cannot bounce a user elsewhere.</summary>
    public static bool IsLocalPath(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
