using System.Diagnostics;
using System.Security.Claims;
using TutorApp.Data.Tutoring;
using TutorApp.Web.Auth;

namespace TutorApp.Web.Tutoring;

/// <summary>
/// The tutoring JSON API (simulator, load tests, integrations): the same service and checks as the tutoring page.
/// Authenticated by bearer token (POST /api/v1/auth/token) or the browser's cookie; students only.
/// </summary>
public static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var sessions = endpoints.MapGroup("/api/v1/sessions")
            .RequireAuthorization(AuthExtensions.StudentApiPolicy)
            .DisableAntiforgery()
            .RefuseCrossSiteCookieWrites()
            .AddEndpointFilter(async (context, next) =>
            {
                try
                {
                    return await next(context);
                }
                catch (TutoringRequestException refused)
                {
                    return Results.Problem(refused.Message, statusCode: refused.StatusCode);
                }
                catch (Exception failure) when (DatabaseFailures.IsUnavailable(failure))
                {
                    // The database is restarting or unreachable: nothing of the request was saved; the caller should retry.
                    context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SessionEndpoints))
                        .LogWarning(failure, "Session request {Path} failed: database unavailable", context.HttpContext.Request.Path);
                    context.HttpContext.Response.Headers.RetryAfter = "2";
                    return Results.Problem(DatabaseFailures.RetryMessage, statusCode: StatusCodes.Status503ServiceUnavailable);
                }
            });

        sessions.MapPost("/", async (StartSessionRequest request, ClaimsPrincipal user, TutoringSessions tutoring, CancellationToken cancellationToken) =>
        {
            var view = await tutoring.StartAsync(user.RequireUserId(), request.ProblemId, cancellationToken);
            return Results.Created($"/api/v1/sessions/{view.Id}", view);
        });
        sessions.MapPost("/{sessionId:long}/messages", async (long sessionId, SendMessageRequest request, ClaimsPrincipal user,
            TutoringSessions tutoring, HttpContext http, CancellationToken cancellationToken) =>
        {
            var started = Stopwatch.GetTimestamp();
            var view = await tutoring.SendAsync(user.RequireUserId(), sessionId, request.Text, cancellationToken);
            // The turn's time inside the server (evaluate, plan, persist, update mastery), so a load test can tell it
            // apart from queueing and network time (W3C Server-Timing).
            http.Response.Headers["Server-Timing"] = FormattableString.Invariant($"turn;dur={Stopwatch.GetElapsedTime(started).TotalMilliseconds:0.###}");
            return Results.Ok(view);
        });
        sessions.MapGet("/{sessionId:long}", async (long sessionId, ClaimsPrincipal user, TutoringSessions tutoring, CancellationToken cancellationToken) =>
            Results.Ok(await tutoring.GetAsync(user.RequireUserId(), sessionId, cancellationToken)));
        sessions.MapGet("/", async (ClaimsPrincipal user, TutoringSessions tutoring, CancellationToken cancellationToken) =>
            Results.Ok(await tutoring.ListAsync(user.RequireUserId(), cancellationToken)));
        return endpoints;
    }
}
