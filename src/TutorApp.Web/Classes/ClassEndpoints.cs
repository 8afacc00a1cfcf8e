using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using TutorApp.Data.Classes;
using TutorApp.Data.Dashboard;
using TutorApp.Web.Auth;

namespace TutorApp.Web.Classes;

public sealed record CreateClassRequest(string? Name);

public sealed record JoinClassRequest(string? Code);

public sealed record CreateAssignmentRequest(string? Title, DateTimeOffset DueAt, IReadOnlyList<int>? ProblemIds);

/// <summary>
/// Classes and the teacher's dashboard as JSON (/api/v1/classes/...), the students' side (join, assignments), and the
/// dashboard's CSV downloads. Every class-scoped route goes through the class policy: the class's teacher or an admin.
/// </summary>
public static class ClassEndpoints
{
    /// <summary>Roster uploads larger than this are refused before parsing (a class of thousands fits easily).</summary>
    public const int MaxRosterBytes = 1_000_000;

    public static string HeatmapCsvPath(int classId) => $"/teacher/classes/{classId}/heatmap.csv";

    public static string HistoryCsvPath(int classId, string studentId) => $"/teacher/classes/{classId}/students/{Uri.EscapeDataString(studentId)}/history.csv";

    public static IEndpointRouteBuilder MapClassEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/classes").DisableAntiforgery().RefuseCrossSiteCookieWrites()
            .AddEndpointFilter(async (context, next) =>
            {
                try
                {
                    return await next(context);
                }
                catch (ClassRequestException refused)
                {
                    return Results.Problem(refused.Message, statusCode: StatusCodes.Status400BadRequest);
                }
            });

        api.MapGet("/", async (ClaimsPrincipal user, SchoolClasses classes, CancellationToken cancellationToken) =>
                Results.Ok(await classes.ListAsync(user.Viewer(), cancellationToken)))
            .RequireAuthorization(ClassAuthorization.TeacherApiPolicy);
        api.MapPost("/", async (CreateClassRequest request, ClaimsPrincipal user, SchoolClasses classes, CancellationToken cancellationToken) =>
            {
                var created = await classes.CreateAsync(user.RequireUserId(), request.Name ?? "", cancellationToken);
                return Results.Created($"/api/v1/classes/{created.Id}", created);
            })
            .RequireAuthorization(ClassAuthorization.TeacherApiPolicy);

        var oneClass = api.MapGroup("/{classId:int}").RequireAuthorization(ClassAuthorization.ClassApiPolicy);
        oneClass.MapGet("/", async (int classId, SchoolClasses classes, CancellationToken cancellationToken) =>
            Results.Ok(new { Class = await classes.GetAsync(classId, cancellationToken), Students = await classes.StudentsAsync(classId, cancellationToken) }));
        oneClass.MapGet("/heatmap", async (int classId, ClassDashboard dashboard, CancellationToken cancellationToken) =>
            Results.Ok(await dashboard.HeatmapAsync(classId, cancellationToken)));
        oneClass.MapGet("/at-risk", async (int classId, ClassDashboard dashboard, CancellationToken cancellationToken) =>
            Results.Ok(await dashboard.AtRiskAsync(classId, cancellationToken)));
        oneClass.MapGet("/skills/{skillId:int}", async (int classId, int skillId, ClassDashboard dashboard, CancellationToken cancellationToken) =>
            await dashboard.SkillAsync(classId, skillId, cancellationToken) is { } view ? Results.Ok(view) : Results.NotFound());
        oneClass.MapGet("/students/{studentId}", async (string studentId, ClassDashboard dashboard, CancellationToken cancellationToken) =>
            await dashboard.StudentAsync(studentId, cancellationToken) is { } detail ? Results.Ok(detail) : Results.NotFound());
        oneClass.MapGet("/students/{studentId}/sessions/{sessionId:long}",
            async (string studentId, long sessionId, ClassDashboard dashboard, CancellationToken cancellationToken) =>
                await dashboard.TranscriptAsync(studentId, sessionId, cancellationToken) is { } transcript ? Results.Ok(transcript) : Results.NotFound());
        oneClass.MapGet("/assignments", async (int classId, SchoolClasses classes, CancellationToken cancellationToken) =>
            Results.Ok(await classes.AssignmentsAsync(classId, cancellationToken)));
        oneClass.MapPost("/assignments", async (int classId, CreateAssignmentRequest request, SchoolClasses classes, CancellationToken cancellationToken) =>
        {
            var created = await classes.AssignAsync(classId, request.Title ?? "", request.DueAt, request.ProblemIds ?? [], cancellationToken);
            return Results.Created($"/api/v1/classes/{classId}/assignments", created);
        });
        // The roster is the request body as text/csv; all or nothing, with every problem named by line.
        oneClass.MapPost("/roster", async (int classId, HttpRequest request, SchoolClasses classes, CancellationToken cancellationToken) =>
        {
            if (request.ContentLength > MaxRosterBytes)
            {
                return Results.Problem($"Rosters can be at most {MaxRosterBytes:N0} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
            }
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var result = await classes.ImportRosterAsync(classId, new StringReader(await reader.ReadToEndAsync(cancellationToken)), "roster.csv", cancellationToken);
            return result.Succeeded
                ? Results.Ok(result)
                : Results.Problem(string.Join("\n", result.Issues), statusCode: StatusCodes.Status400BadRequest, title: "The roster was not imported");
        });

        endpoints.MapPost("/api/v1/class-memberships", async (JoinClassRequest request, ClaimsPrincipal user, SchoolClasses classes, CancellationToken cancellationToken) =>
            {
                try
                {
                    return Results.Ok(await classes.JoinAsync(user.RequireUserId(), request.Code ?? "", cancellationToken));
                }
                catch (ClassRequestException refused)
                {
                    return Results.Problem(refused.Message, statusCode: StatusCodes.Status404NotFound);
                }
            })
            .RequireAuthorization(AuthExtensions.StudentApiPolicy)
            .DisableAntiforgery()
            .RefuseCrossSiteCookieWrites();
        endpoints.MapGet("/api/v1/assignments", async (ClaimsPrincipal user, SchoolClasses classes, CancellationToken cancellationToken) =>
                Results.Ok(await classes.ForStudentAsync(user.RequireUserId(), cancellationToken)))
            .RequireAuthorization(AuthExtensions.StudentApiPolicy);

        // Downloads for the dashboard's links (a file is not something a Blazor circuit hands out well).
        endpoints.MapGet("/teacher/classes/{classId:int}/heatmap.csv", async (int classId, ClassDashboard dashboard, TimeProvider clock, CancellationToken cancellationToken) =>
                Results.File(Encoding.UTF8.GetBytes(DashboardCsv.Heatmap(await dashboard.HeatmapAsync(classId, cancellationToken))), "text/csv",
                    $"class-{classId}-mastery-{clock.GetUtcNow():yyyy-MM-dd}.csv"))
            .RequireAuthorization(ClassAuthorization.ClassPagePolicy);
        endpoints.MapGet("/teacher/classes/{classId:int}/students/{studentId}/history.csv",
                async (string studentId, ClassDashboard dashboard, TimeProvider clock, CancellationToken cancellationToken) =>
                    Results.File(Encoding.UTF8.GetBytes(DashboardCsv.History(await dashboard.HistoryAsync(studentId, cancellationToken))), "text/csv",
                        $"student-history-{clock.GetUtcNow():yyyy-MM-dd}.csv"))
            .RequireAuthorization(ClassAuthorization.ClassPagePolicy);
        return endpoints;
    }
}
