namespace TutorApp.Web.Observability;

/// <summary>Section "Metrics" of appsettings.json: the Prometheus endpoint and who may read it.</summary>
public sealed class MetricsSettings
{
    public const string Section = "Metrics";

    public bool Enabled { get; set; } = true;

    public string Path { get; set; } = "/metrics";

    /// <summary>Networks (CIDR, e.g. "10.0.0.0/8") whose clients may read the metrics; loopback always may.</summary>
    public string[] AllowedNetworks { get; set; } = [];

    /// <summary>When set, a request with "Authorization: Bearer &lt;token&gt;" may read the metrics from anywhere.</summary>
    public string? Token { get; set; }
}

/// <summary>Section "Telemetry": where traces go (OTLP over HTTP, e.g. an OpenTelemetry Collector); none when empty.</summary>
public sealed class TelemetrySettings
{
    public const string Section = "Telemetry";

    /// <summary>Base address of an OTLP/HTTP receiver, e.g. http://otel-collector:4318 (traces are posted to /v1/traces).</summary>
    public string? OtlpEndpoint { get; set; }

    public string ServiceName { get; set; } = "tutorapp";
}
