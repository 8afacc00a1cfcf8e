using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using TutorApp.Data.Classes;
using TutorApp.Data.Identity;
using TutorApp.Web.Auth;

namespace TutorApp.Web.Classes;

/// <summary>
/// Pages and endpoints about one class (route value <c>ClassId</c>, and <c>StudentId</c> when about one of its students)
/// are open to the class's teacher and to admins; anyone else gets 403, whether the class exists or not, so that other
/// teachers' class numbers reveal nothing.
/// </summary>
public static class ClassAuthorization
{
    /// <summary>Pages and CSV downloads: the browser's cookie.</summary>
    public const string ClassPagePolicy = "class-page";

    /// <summary>The JSON API: a bearer token or the browser's cookie.</summary>
    public const string ClassApiPolicy = "class-api";

    /// <summary>Teachers' and admins' JSON API calls that are not about one class (the list, creating a class).</summary>
    public const string TeacherApiPolicy = "teacher-api";

    public const string TeacherOrAdmin = Roles.Teacher + "," + Roles.Admin;

    public static IServiceCollection AddClassAuthorization(this IServiceCollection services)
    {
        services.AddScoped<IAuthorizationHandler, ClassAccessHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(ClassPagePolicy, policy => policy
                .RequireRole(Roles.Teacher, Roles.Admin)
                .AddRequirements(new ClassAccessRequirement()))
            .AddPolicy(ClassApiPolicy, policy => policy
                .AddAuthenticationSchemes(IdentityConstants.BearerScheme, IdentityConstants.ApplicationScheme)
                .RequireRole(Roles.Teacher, Roles.Admin)
                .AddRequirements(new ClassAccessRequirement()))
            .AddPolicy(TeacherApiPolicy, policy => policy
                .AddAuthenticationSchemes(IdentityConstants.BearerScheme, IdentityConstants.ApplicationScheme)
                .RequireRole(Roles.Teacher, Roles.Admin));
        return services;
    }

    public static ClassViewer Viewer(this System.Security.Claims.ClaimsPrincipal user) => new(user.RequireUserId(), user.IsInRole(Roles.Admin));
}

public sealed class ClassAccessRequirement : IAuthorizationRequirement;

/// <summary>
/// Reads the class (and student) from the route: an HTTP request's route values when the page or endpoint is requested,
/// the router's <see cref="Microsoft.AspNetCore.Components.RouteData"/> when a page is reached by navigation inside a live Blazor circuit.
/// </summary>
internal sealed class ClassAccessHandler(ClassAccess access) : AuthorizationHandler<ClassAccessRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ClassAccessRequirement requirement)
    {
        IReadOnlyDictionary<string, object?>? values = context.Resource switch
        {
            HttpContext http => http.Request.RouteValues,
            Microsoft.AspNetCore.Components.RouteData route => route.RouteValues,
            _ => null,
        };
        if (values is null || context.User.Identity?.IsAuthenticated != true || !int.TryParse(Value(values, "ClassId"), CultureInfo.InvariantCulture, out var classId))
        {
            return;
        }
        var result = await access.CheckAsync(context.User.Viewer(), classId, Value(values, "StudentId"));
        if (result == ClassAccessResult.Allowed)
        {
            context.Succeed(requirement);
        }
    }

    private static string? Value(IReadOnlyDictionary<string, object?> values, string name) =>
        values.FirstOrDefault(v => v.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value is { } value
            ? Convert.ToString(value, CultureInfo.InvariantCulture)
            : null;
}
