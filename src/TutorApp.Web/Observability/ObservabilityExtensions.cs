using System.Security.Cryptography;
using System.Text;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using TutorApp.Data.Tutoring;
using TutorApp.Web.Hosting;

namespace TutorApp.Web.Observability;

public static class ObservabilityExtensions
{
    public static WebApplicationBuilder AddTutorObservability(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MetricsCollector>();

        var telemetry = builder.Configuration.GetSection(TelemetrySettings.Section).Get<TelemetrySettings>() ?? new();
        if (!string.IsNullOrWhiteSpace(telemetry.OtlpEndpoint))
        {
            if (!Uri.TryCreate(telemetry.OtlpEndpoint, UriKind.Absolute, out var endpoint))
            {
                throw new InvalidOperationException($"Telemetry:OtlpEndpoint is '{telemetry.OtlpEndpoint}', which is not an absolute URL such as http://otel-collector:4318.");
            }
            // Request spans come from ASP.NET Core's own activity source; tutoring turns add theirs beneath them.
            builder.Services.AddSingleton(_ => Sdk.CreateTracerProviderBuilder()
                .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService(telemetry.ServiceName))
                .AddSource("Microsoft.AspNetCore", TutoringTelemetry.SourceName)
                .AddOtlpExporter(otlp =>
                {
                    otlp.Protocol = OtlpExportProtocol.HttpProtobuf;
                    otlp.Endpoint = new Uri(endpoint, "v1/traces");
                })
                .Build());
            builder.Services.AddHostedService<TracingStartup>();
        }
        return builder;
    }

    /// <summary>
    /// The Prometheus endpoint (Metrics:Path, /metrics by default): open to loopback, to Metrics:AllowedNetworks and to
    /// requests that bring Metrics:Token as a bearer token; everyone else gets 403.
    /// </summary>
    public static IEndpointRouteBuilder MapTutorMetrics(this IEndpointRouteBuilder endpoints)
    {
        var settings = endpoints.ServiceProvider.GetRequiredService<IConfiguration>().GetSection(MetricsSettings.Section).Get<MetricsSettings>() ?? new();
        if (!settings.Enabled)
        {
            return endpoints;
        }
        var networks = NetworkList.ParseNetworks(settings.AllowedNetworks, $"{MetricsSettings.Section}:{nameof(MetricsSettings.AllowedNetworks)}");
        var token = string.IsNullOrEmpty(settings.Token) ? null : Encoding.UTF8.GetBytes(settings.Token);
        // Resolved now, before the server starts, so that the first requests are counted too.
        var collector = endpoints.ServiceProvider.GetRequiredService<MetricsCollector>();
        endpoints.MapGet(settings.Path, (HttpContext context) =>
            {
                if (!NetworkList.Allows(networks, context.Connection.RemoteIpAddress) && !HasToken(context, token))
                {
                    return Results.Text("Metrics are served to the configured networks, or with the metrics token.", statusCode: StatusCodes.Status403Forbidden);
                }
                return Results.Text(PrometheusTextFormat.Write(collector.Collect()), PrometheusTextFormat.ContentType);
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
        return endpoints;
    }

    private static bool HasToken(HttpContext context, byte[]? token)
    {
        const string scheme = "Bearer ";
        var header = context.Request.Headers.Authorization.ToString();
        return token is not null && header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) &&
            CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()), token);
    }

    private sealed class TracingStartup(TracerProvider provider) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            provider.ForceFlush(5000);
            return Task.CompletedTask;
        }
    }
}
