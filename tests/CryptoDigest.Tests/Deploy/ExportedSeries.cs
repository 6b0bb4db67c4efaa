using System.Diagnostics.Metrics;
using CryptoDigest.Host;
using CryptoDigest.Telemetry;
using Microsoft.AspNetCore.Builder;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.Tests.Deploy;

/// <summary>
/// The series /metrics can show, by their Prometheus names: the bot's own, read from the instruments
/// <see cref="BotMetrics"/> creates in the serving composition (gauges included) and named as the
/// Prometheus exporter names them, plus the few OpenTelemetry and Prometheus series the dashboard reads.
/// </summary>
internal static class ExportedSeries
{
    /// <summary>
    /// Series of the ASP.NET Core and runtime instrumentation, seen in a scrape of the published Host
    /// (deploy/scripts/measure-working-set.sh with METRICS_OUT), and Prometheus' own "up".
    /// </summary>
    public static readonly IReadOnlySet<string> OpenTelemetryAndPrometheus = new HashSet<string>(StringComparer.Ordinal)
    {
        "up",
        "dotnet_process_memory_working_set_bytes",
        "dotnet_process_cpu_time_seconds_total",
        "dotnet_gc_collections_total",
        "http_server_request_duration_seconds_bucket",
        "http_server_request_duration_seconds_count",
        "http_server_request_duration_seconds_sum",
    };

    /// <summary>The bot's own series, from the meter of what serve composes (gauges included).</summary>
    public static IReadOnlySet<string> Bots()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddCryptoDigest(configuration).AddServing(configuration, http: true);
        // A storage of our own: Hangfire's default one is set up through its global configuration, which
        // would keep this provider's logging after it is disposed, for every later test in the process.
        using var storage = new InMemoryStorage();
        services.AddSingleton<JobStorage>(storage);
        using var provider = services.BuildServiceProvider();
        var ours = provider.GetRequiredService<IMeterFactory>();
        var instruments = new List<Instrument>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Scope == ours && instrument.Meter.Name == BotMetrics.MeterName)
                {
                    instruments.Add(instrument);
                }
            },
        };
        listener.Start();
        _ = provider.GetRequiredService<BotMetrics>();
        return instruments.SelectMany(PrometheusNames).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>As the Prometheus exporter names an instrument: dots to underscores, the unit, then _total or the histogram's parts.</summary>
    internal static IEnumerable<string> PrometheusNames(Instrument instrument)
    {
        var unit = instrument.Unit switch
        {
            null or "" => string.Empty,
            "s" => "_seconds",
            "By" => "_bytes",
            var braced when braced.StartsWith('{') => string.Empty,
            var other => "_" + other,
        };
        var name = instrument.Name.Replace('.', '_') + unit;
        var kind = instrument.GetType().GetGenericTypeDefinition();
        if (kind == typeof(Counter<>) || kind == typeof(ObservableCounter<>))
        {
            return [name + "_total"];
        }

        return kind == typeof(Histogram<>) ? [name + "_bucket", name + "_count", name + "_sum"] : [name];
    }

    /// <summary>The serving web application as the Host builds it, not started: nothing listens or connects.</summary>
    public static WebApplication BuildServing(IEnumerable<KeyValuePair<string, string>> settings)
    {
        var arguments = settings.Select(s => $"--{s.Key}={s.Value}").ToArray();
        return Assert.IsType<WebApplication>(CryptoDigestBuilder.BuildServing(arguments));
    }
}
