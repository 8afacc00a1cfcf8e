using System.Text;
using Microsoft.AspNetCore.Mvc;
using TutorApp.Data.Content;
using TutorApp.Data.Identity;
using TutorApp.Domain.Content.Bank;

namespace TutorApp.Web.Components.Admin;

/// <summary>The admin area's plain HTTP endpoints (a file download is not something a Blazor circuit does well).</summary>
public static class AdminEndpoints
{
    public const string ExportPath = "/admin/export";

    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ExportPath, ExportAsync)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Admin))
            .WithName("ExportBank");
        return endpoints;
    }

    /// <summary>The whole bank in the bank format, as a file named after the day, e.g. tutorapp-bank-2025-01-31.json.</summary>
    public static async Task<IResult> ExportAsync([FromServices] BankExporter exporter, [FromServices] TimeProvider clock, CancellationToken cancellationToken)
    {
        var document = await exporter.ExportAsync(cancellationToken);
        var fileName = $"tutorapp-bank-{clock.GetUtcNow():yyyy-MM-dd}.json";
        return Results.File(Encoding.UTF8.GetBytes(BankJson.Write(document)), "application/json", fileName);
    }
}
