namespace CryptoDigest.Telemetry;

/// <summary>
/// A figure observed when metrics are collected (the outbox's pending count, the model budget left):
/// each feature registers its own, and <see cref="BotMetrics"/> makes each an observable gauge.
/// <see cref="Read"/> is called on every scrape, so it must be cheap (<see cref="CachedReading{T}"/>).
/// </summary>
public interface IBotGauge
{
    /// <summary>The dotted instrument name, e.g. cryptodigest.outbox.pending.</summary>
    string Name { get; }

    /// <summary>The unit, in OpenTelemetry's form ("{delivery}" adds nothing to the Prometheus name).</summary>
    string Unit { get; }

    string Description { get; }

    /// <summary>The latest figure, or null while none is known yet.</summary>
    long? Read();
}
