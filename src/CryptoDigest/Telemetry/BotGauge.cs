namespace CryptoDigest.Telemetry;

/// <summary>A gauge whose figure comes from a function (usually a <see cref="CachedReading{T}"/>).</summary>
public sealed class BotGauge(string name, string unit, string description, Func<long?> read) : IBotGauge
{
    public string Name => name;

    public string Unit => unit;

    public string Description => description;

    public long? Read() => read();
}
