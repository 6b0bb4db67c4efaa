using System.Diagnostics;

namespace CryptoDigest.Telemetry;

/// <summary>
/// The bot's own spans, exported over OTLP when it is on: a command from the update's arrival to the reply
/// sent, and a delivery from its claim to its last send. Without a listener, starting one costs a null check.
/// </summary>
public static class BotTracing
{
    /// <summary>The source's name, the same as the meter's.</summary>
    public const string SourceName = BotMetrics.MeterName;

    public static readonly ActivitySource Source = new(SourceName);
}
