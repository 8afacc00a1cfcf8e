using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using TutorApp.Data.Identity;

namespace TutorApp.Web.Auth;

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A form post (with its antiforgery token, checked because the endpoint binds form data), never a GET link,
        // so another site cannot sign a user out.
        endpoints.MapPost("/account/logout", async ([FromForm] string? returnUrl, SignInManager<ApplicationUser> signInManager) =>
            {
                await signInManager.SignOutAsync();
                return TypedResults.LocalRedirect(AuthExtensions.IsLocalPath(returnUrl) ? returnUrl! : AuthExtensions.LoginPath);
            })
            .RequireAuthorization();
        return endpoints;
    }
}
