using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TutorApp.Data;
using TutorApp.Data.Migrations;
using TutorApp.KnowledgeTracing;

namespace TutorApp.Web.Health;

public static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    public static WebApplicationBuilder AddTutorHealthChecks(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddDbContextCheck<TutorDbContext>("database", tags: [ReadyTag])
            .AddCheck<MigrationsAppliedCheck>("migrations", tags: [ReadyTag])
            .AddCheck<KnowledgeTracingCheck>("knowledge-tracing", tags: [ReadyTag]);
        return builder;
    }

    /// <summary>
    /// /health answers while the process serves requests (liveness); /health/ready only when the database is
    /// reachable and every migration is applied (503 otherwise). A knowledge-tracing model that could not be loaded
    /// makes it "Degraded" (still 200: tutoring works on BKT), naming the reason. Both are anonymous: load balancers and orchestrators call them.
    /// </summary>
    public static IEndpointRouteBuilder MapTutorHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = WriteReport,
        }).AllowAnonymous();
        return endpoints;
    }

    private static Task WriteReport(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        });
}

internal sealed class MigrationsAppliedCheck(MigrationRunner runner) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = await runner.GetPendingAsync(cancellationToken);
            return pending.Count == 0
                ? HealthCheckResult.Healthy("all migrations applied")
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) pending, first {pending[0].FileName}");
        }
        catch (Exception ex) when (ex is MigrationException or Npgsql.NpgsqlException)
        {
            return HealthCheckResult.Unhealthy(ex.Message);
        }
    }
}

/// <summary>Degraded while BKT stands in for a configured model that could not be loaded (missing, corrupt, no native library).</summary>
internal sealed class KnowledgeTracingCheck(KnowledgeTracingStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(status.FallbackReason is { } reason
            ? HealthCheckResult.Degraded($"serving {status.Tracer} instead of the configured model: {reason}")
            : HealthCheckResult.Healthy($"{status.Tracer} on {status.Provider}"));
}
