using System.Data.Common;
using CryptoDigest.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CryptoDigest.Telegram;

/// <summary>
/// Elects the one instance that may long-poll: Telegram allows a single getUpdates caller per token.
/// The elected one holds the database's session lock (Storage's dialect: an advisory lock on a connection
/// of its own with PostgreSQL, so a dead holder's lock goes with its connection; always granted with the
/// embedded SQLite, which only one instance ever uses).
/// </summary>
internal sealed partial class TelegramPollingLease(
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<TelegramPollingLease> logger)
{
    // A fixed key every instance of the bot agrees on ("TGPOLL" in ASCII).
    private const long LockKey = 0x5447504F4C4C;
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(15);

    /// <summary>Waits until this instance is the poller.</summary>
    public async Task<Held> AcquireAsync(CancellationToken cancellationToken)
    {
        var loggedWaiting = false;
        while (true)
        {
            if (await TryAcquireAsync(cancellationToken) is { } held)
            {
                return held;
            }

            if (!loggedWaiting)
            {
                LogWaiting(logger);
                loggedWaiting = true;
            }

            await Task.Delay(RetryInterval, time, cancellationToken);
        }
    }

    /// <summary>Takes the lease if no other instance holds it; null otherwise.</summary>
    public async Task<Held?> TryAcquireAsync(CancellationToken cancellationToken)
    {
        // The scope (and its context) lives as long as the lock: the lock is held on its connection.
        var scope = scopes.CreateAsyncScope();
        try
        {
            var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
            if (await scope.ServiceProvider.GetRequiredService<DatabaseDialect>().TryTakeSessionLockAsync(db, LockKey, cancellationToken) is { } sessionLock)
            {
                return new Held(scope, sessionLock, time);
            }
        }
        catch (DbException ex)
        {
            LogDatabaseFailed(logger, ex.Message);
        }

        await scope.DisposeAsync();
        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Another instance is polling Telegram; this one stands by")]
    private static partial void LogWaiting(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Telegram polling election could not reach the database: {Reason}")]
    private static partial void LogDatabaseFailed(ILogger logger, string reason);

    /// <summary>The lease while held; disposing it lets another instance poll.</summary>
    public sealed class Held(AsyncServiceScope scope, SessionLock sessionLock, TimeProvider time) : IAsyncDisposable
    {
        // Asked between polls, but the database is asked at most this often: a poll that Telegram answers at once
        // (or a stand-in that holds it for a second or two) would otherwise cost a round trip to PostgreSQL every
        // time, most of an idle bot's transactions. A lock lost meanwhile shows as Telegram's 409 to both pollers.
        internal static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(30);
        private DateTimeOffset _nextCheck = time.GetUtcNow() + CheckInterval;

        /// <summary>True while the lock's connection is alive (checked between polls, at most every <see cref="CheckInterval"/>).</summary>
        public async Task<bool> IsStillHeldAsync(CancellationToken cancellationToken)
        {
            var now = time.GetUtcNow();
            if (now < _nextCheck)
            {
                return true;
            }

            _nextCheck = now + CheckInterval;
            return await sessionLock.IsStillHeldAsync(cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            await sessionLock.DisposeAsync();
            await scope.DisposeAsync();
        }
    }
}
