namespace CryptoDigest.Telemetry;

/// <summary>Settings under Telemetry: whether /metrics is served for Prometheus (OTLP follows OTEL_EXPORTER_OTLP_ENDPOINT).</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>Serve the metrics at /metrics in Prometheus' text format; on by default whenever serve listens for HTTP.</summary>
    public bool Prometheus { get; set; } = true;
}
