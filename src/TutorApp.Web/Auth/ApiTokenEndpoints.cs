using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using TutorApp.Data.Identity;

namespace TutorApp.Web.Auth;

public sealed record TokenRequest([property: Required, EmailAddress, StringLength(256)] string Email, [property: Required, StringLength(200)] string Password);

public static class ApiTokenEndpoints
{
    /// <summary>
    /// <c>POST /api/v1/auth/token</c>: email and password in, a bearer token out (the Identity bearer format:
    /// accessToken, expiresIn, refreshToken). The same lockout rules as the login page apply.
    /// </summary>
    public static IEndpointRouteBuilder MapApiTokenEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/auth/token", async (TokenRequest request, UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn) =>
            {
                var user = await users.FindByEmailAsync(request.Email ?? "");
                if (user is null)
                {
                    return Results.Problem("The email or password is not correct.", statusCode: StatusCodes.Status401Unauthorized);
                }
                var check = await signIn.CheckPasswordSignInAsync(user, request.Password ?? "", lockoutOnFailure: true);
                if (check.IsLockedOut)
                {
                    return Results.Problem("This account is locked after too many failed attempts. Try again in a few minutes.",
                        statusCode: StatusCodes.Status423Locked);
                }
                if (!check.Succeeded)
                {
                    return Results.Problem("The email or password is not correct.", statusCode: StatusCodes.Status401Unauthorized);
                }
                var principal = await signIn.CreateUserPrincipalAsync(user);
                return Results.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
            })
            .AllowAnonymous()
            .DisableAntiforgery();
        return endpoints;
    }
}
