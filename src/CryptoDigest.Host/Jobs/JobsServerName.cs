namespace CryptoDigest.Host.Jobs;

/// <summary>
/// The name this instance gives its Hangfire server (machine name and a random suffix), so the readiness check
/// finds this instance's heartbeat among the servers every instance of the bot registers in the shared storage.
/// </summary>
public sealed class JobsServerName
{
    public string Value { get; } = $"{Environment.MachineName}-{Guid.NewGuid().ToString("N")[..8]}";
}
