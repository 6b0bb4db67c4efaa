namespace CryptoDigest.Discord;

/// <summary>
/// The random numbers in [0, 1) the gateway client waits by (the first heartbeat's jitter, the pause after a
/// non-resumable INVALID_SESSION, reconnect backoff): Random.Shared, or a fixed source in a test with a fake clock.
/// </summary>
public sealed class DiscordGatewayJitter(Func<double> next)
{
    public DiscordGatewayJitter()
        : this(Random.Shared.NextDouble)
    {
    }

    public double Next() => next();
}
