using CryptoDigest.Host.Operations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CryptoDigest.Tests.Host.Operations;

/// <summary>Which exporters the settings switch on: Prometheus when serving HTTP (unless turned off), OTLP metrics and traces when its endpoint is set.</summary>
public class TelemetryExportTests
{
    [Fact]
    public void Serving_HTTP_exports_metrics_for_Prometheus_by_default_and_no_traces()
    {
        using var services = Build(http: true);

        Assert.NotNull(services.GetService<MeterProvider>());
        Assert.Null(services.GetService<TracerProvider>());
    }

    [Theory]
    [InlineData(true, "false")]
    [InlineData(false, null)]
    public void Without_Prometheus_or_an_OTLP_endpoint_nothing_is_exported(bool http, string? prometheus)
    {
        using var services = Build(http, ("Telemetry:Prometheus", prometheus));

        Assert.Null(services.GetService<MeterProvider>());
    }

    [Fact]
    public void An_OTLP_endpoint_exports_metrics_and_traces_even_without_HTTP()
    {
        using var services = Build(http: false, (TelemetryExport.OtlpEndpointKey, "http://127.0.0.1:4317"));

        Assert.NotNull(services.GetService<MeterProvider>());
        Assert.NotNull(services.GetService<TracerProvider>());
    }

    private static ServiceProvider Build(bool http, params (string Key, string? Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return new ServiceCollection()
            .AddLogging()
            .AddMetrics()
            .AddTelemetryExport(configuration, http)
            .BuildServiceProvider();
    }
}
