using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using TutorApp.Data.Identity;
using TutorApp.Web.Security;

namespace TutorApp.Web.Auth;

public sealed record TokenRequest([property: Required, EmailAddress, StringLength(256)] string Email, [property: Required, StringLength(200)] string Password);

public sealed record RefreshRequest([property: Required, StringLength(4096)] string RefreshToken);

public static class ApiTokenEndpoints
{
    /// <summary>
    /// <c>POST /api/v1/auth/token</c>: email and password in, a bearer token out (the Identity bearer format:
    /// accessToken, expiresIn, refreshToken). The same lockout rules, refusal message and per-address rate limit as the login page apply.
    /// </summary>
    public static IEndpointRouteBuilder MapApiTokenEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/auth/token", async (TokenRequest request, UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn) =>
            {
                var user = await users.FindByEmailAsync(request.Email ?? "");
                var check = user is null ? SignInResult.Failed
                    : await signIn.CheckPasswordSignInAsync(user, request.Password ?? "", lockoutOnFailure: true);
                if (user is null || !check.Succeeded)
                {
                    // Unknown email, wrong password and locked account all get the same answer.
                    return Results.Problem(AuthExtensions.SignInRefusedMessage, statusCode: StatusCodes.Status401Unauthorized);
                }
                var principal = await signIn.CreateUserPrincipalAsync(user);
                return Results.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
            })
            .AllowAnonymous()
            .DisableAntiforgery()
            .RequireRateLimiting(SignInRateLimiting.Policy);

        // POST /api/v1/auth/refresh: a refresh token in, a new bearer token out, without the password. Refused once the
        // refresh token has expired, when the account is locked out, or when its security stamp has changed since.
        endpoints.MapPost("/api/v1/auth/refresh", async (RefreshRequest request, IOptionsMonitor<BearerTokenOptions> bearer,
                UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, TimeProvider clock) =>
            {
                var ticket = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken ?? "");
                var user = ticket?.Properties.ExpiresUtc is { } expires && clock.GetUtcNow() < expires
                    ? await signIn.ValidateSecurityStampAsync(ticket.Principal)
                    : null;
                if (user is null || await users.IsLockedOutAsync(user))
                {
                    return Results.Problem("The refresh token is not valid any more. Ask for a new token with your email and password.",
                        statusCode: StatusCodes.Status401Unauthorized);
                }
                return Results.SignIn(await signIn.CreateUserPrincipalAsync(user), authenticationScheme: IdentityConstants.BearerScheme);
            })
            .AllowAnonymous()
            .DisableAntiforgery()
            .RequireRateLimiting(SignInRateLimiting.Policy);
        return endpoints;
    }
}
