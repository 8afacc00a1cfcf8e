using System.Text;
using Microsoft.AspNetCore.Mvc;
using System.Security.Claims;
using TutorApp.Data.Content;
using TutorApp.Data.Privacy;
using TutorApp.Web.Auth;
using TutorApp.Data.Identity;
using TutorApp.Domain.Content.Bank;

namespace TutorApp.Web.Components.Admin;

/// <summary>The admin area's plain HTTP endpoints (a file download is not something a Blazor circuit does well).</summary>
public static class AdminEndpoints
{
    public const string ExportPath = "/admin/export";
    public const string StudentExportPath = "/admin/students/{studentId}/export";

    public static string StudentExportUrl(string studentId) => $"admin/students/{Uri.EscapeDataString(studentId)}/export";

    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ExportPath, ExportAsync)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Admin))
            .WithName("ExportBank");
        endpoints.MapGet(StudentExportPath, ExportStudentAsync)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Admin))
            .WithName("ExportStudentData");
        return endpoints;
    }

    /// <summary>Everything stored about one student, as JSON (the right of access); the export is audited.</summary>
    public static async Task<IResult> ExportStudentAsync(string studentId, ClaimsPrincipal user, [FromServices] StudentData students,
        [FromServices] TimeProvider clock, CancellationToken cancellationToken)
    {
        try
        {
            var json = await students.ExportAsync(studentId, user.AuditActor(), cancellationToken);
            return Results.File(Encoding.UTF8.GetBytes(json), "application/json", $"tutorapp-student-{studentId}-{clock.GetUtcNow():yyyy-MM-dd}.json");
        }
        catch (StudentNotFoundException missing)
        {
            return Results.Problem(missing.Message, statusCode: StatusCodes.Status404NotFound);
        }
    }

    /// <summary>The whole bank in the bank format, as a file named after the day, e.g. tutorapp-bank-2025-01-31.json.</summary>
    public static async Task<IResult> ExportAsync([FromServices] BankExporter exporter, [FromServices] TimeProvider clock, CancellationToken cancellationToken)
    {
        var document = await exporter.ExportAsync(cancellationToken);
        var fileName = $"tutorapp-bank-{clock.GetUtcNow():yyyy-MM-dd}.json";
        return Results.File(Encoding.UTF8.GetBytes(BankJson.Write(document)), "application/json", fileName);
    }
}
