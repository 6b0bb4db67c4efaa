using CryptoDigest.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CryptoDigest.Discord;

/// <summary>
/// Elects the one instance that holds the gateway connection, as the Telegram poller is elected (a
/// <see cref="SessionLease"/> under its own key). The holder checks its lock on its own timer, every
/// <see cref="CheckInterval"/>, so every check asks the database.
/// </summary>
internal sealed class DiscordGatewayLease(IServiceScopeFactory scopes, TimeProvider time, ILogger<DiscordGatewayLease> logger)
    : SessionLease(scopes, time, logger, LockKey, "holds the Discord gateway", TimeSpan.Zero)
{
    /// <summary>How often the holder checks that its lock's connection is still alive.</summary>
    internal static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(30);

    // A fixed key every instance of the bot agrees on ("DCGATE" in ASCII), distinct from the Telegram poller's.
    private const long LockKey = 0x444347415445;
}
