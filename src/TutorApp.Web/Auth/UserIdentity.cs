using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using TutorApp.Data.Audit;

namespace TutorApp.Web.Auth;

public static class UserIdentity
{
    /// <summary>The signed-in user's id; pages and endpoints that reach here are authorized, so it is always present.</summary>
    public static string RequireUserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier)
        ?? throw new InvalidOperationException("An authenticated user has no user id claim.");

    public static async Task<string> RequireUserIdAsync(this Task<AuthenticationState> state) => (await state).User.RequireUserId();

    /// <summary>The signed-in admin as the audit log names them: id and email (the user name).</summary>
    public static AuditActor AuditActor(this ClaimsPrincipal user) => new(user.RequireUserId(), user.Identity?.Name ?? user.RequireUserId());

    public static async Task<AuditActor> AuditActorAsync(this Task<AuthenticationState> state) => (await state).User.AuditActor();
}
