using CryptoDigest.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CryptoDigest.Telegram;

/// <summary>
/// Elects the one instance that may long-poll: Telegram allows a single getUpdates caller per token (a
/// <see cref="SessionLease"/> under its own key).
/// </summary>
internal sealed class TelegramPollingLease(IServiceScopeFactory scopes, TimeProvider time, ILogger<TelegramPollingLease> logger)
    : SessionLease(scopes, time, logger, LockKey, "is polling Telegram", CheckInterval)
{
    /// <summary>
    /// The holder asks between polls, but the database at most this often: a poll that Telegram answers at once (or a
    /// stand-in that holds it for a second or two) would otherwise cost a round trip to PostgreSQL every time, most of
    /// an idle bot's transactions. A lock lost meanwhile shows as Telegram's 409 to both pollers.
    /// </summary>
    internal static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(30);

    // A fixed key every instance of the bot agrees on ("TGPOLL" in ASCII).
    private const long LockKey = 0x5447504F4C4C;
}
