using System.Diagnostics.Metrics;
using CryptoDigest.Telemetry;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CryptoDigest.Host.Operations;

/// <summary>
/// Where the metrics go: OpenTelemetry with the bot's meter and the ASP.NET Core, HttpClient, runtime and
/// Npgsql instrumentation; to Prometheus at /metrics (Telemetry:Prometheus, when serve listens for HTTP) and
/// over OTLP, metrics and traces, when OTEL_EXPORTER_OTLP_ENDPOINT is set (the exporter reads it itself).
/// </summary>
public static class TelemetryExport
{
    /// <summary>The environment variable (or setting) that switches OTLP on.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private const string ServiceName = "cryptodigest";

    /// <summary>Wires the exporters; <paramref name="http"/> says whether serve listens, so /metrics can be served.</summary>
    public static IServiceCollection AddTelemetryExport(this IServiceCollection services, IConfiguration configuration, bool http)
    {
        var prometheus = http && (configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions()).Prometheus;
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]);
        if (!prometheus && !otlp)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics =>
            {
                // Only this host's own meter: another host in the same process (tests run several) has a meter of the
                // same name from its own container's IMeterFactory, and its counts are not this host's.
                ((IDeferredMeterProviderBuilder)metrics).Configure((sp, builder) =>
                {
                    var ours = sp.GetRequiredService<IMeterFactory>();
                    builder.AddView(instrument => instrument.Meter.Scope is IMeterFactory factory && factory != ours ? MetricStreamConfiguration.Drop : null);
                });
                metrics.AddMeter(BotMetrics.MeterName)
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddNpgsqlInstrumentation();
                if (http)
                {
                    metrics.AddAspNetCoreInstrumentation();
                }

                if (prometheus)
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (otlp)
        {
            // Traces only where something receives them: a command from update to reply, a delivery from claim to send.
            telemetry.WithTracing(tracing =>
            {
                tracing.AddSource(BotTracing.SourceName)
                    .AddHttpClientInstrumentation()
                    .AddNpgsql()
                    .AddOtlpExporter();
                if (http)
                {
                    tracing.AddAspNetCoreInstrumentation();
                }
            });
        }

        return services;
    }

    /// <summary>Maps /metrics when the Prometheus exporter was wired.</summary>
    public static IEndpointRouteBuilder MapTelemetry(this IEndpointRouteBuilder endpoints)
    {
        // No MeterProvider: AddTelemetryExport wired nothing (neither Prometheus nor OTLP).
        if (endpoints.ServiceProvider.GetService<MeterProvider>() is not null
            && endpoints.ServiceProvider.GetRequiredService<IOptions<TelemetryOptions>>().Value.Prometheus)
        {
            endpoints.MapPrometheusScrapingEndpoint();
        }

        return endpoints;
    }
}
