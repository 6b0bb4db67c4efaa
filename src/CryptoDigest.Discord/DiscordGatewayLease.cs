using System.Data.Common;
using CryptoDigest.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CryptoDigest.Discord;

/// <summary>
/// Elects the one instance that holds the gateway connection, as the Telegram poller is elected: the database's
/// session lock (an advisory lock on a connection of its own with PostgreSQL, so a dead holder's lock goes with its
/// connection; always granted with the embedded SQLite, which only one instance ever uses). The others stand by
/// and try again every <see cref="RetryInterval"/>.
/// </summary>
internal sealed partial class DiscordGatewayLease(
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<DiscordGatewayLease> logger)
{
    // A fixed key every instance of the bot agrees on ("DCGATE" in ASCII), distinct from the Telegram poller's.
    private const long LockKey = 0x444347415445;

    /// <summary>How often a standing-by instance asks whether the holder is gone.</summary>
    internal static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(15);

    /// <summary>Waits until this instance holds the gateway.</summary>
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
                return new Held(scope, sessionLock);
            }
        }
        catch (DbException ex)
        {
            LogDatabaseFailed(logger, ex.Message);
        }

        await scope.DisposeAsync();
        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Another instance holds the Discord gateway; this one stands by")]
    private static partial void LogWaiting(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Discord gateway election could not reach the database: {Reason}")]
    private static partial void LogDatabaseFailed(ILogger logger, string reason);

    /// <summary>The lease while held; disposing it lets another instance connect.</summary>
    public sealed class Held(AsyncServiceScope scope, SessionLock sessionLock) : IAsyncDisposable
    {
        /// <summary>How often the holder checks that its lock's connection is still alive.</summary>
        internal static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(30);

        public Task<bool> IsStillHeldAsync(CancellationToken cancellationToken) => sessionLock.IsStillHeldAsync(cancellationToken);

        public async ValueTask DisposeAsync()
        {
            await sessionLock.DisposeAsync();
            await scope.DisposeAsync();
        }
    }
}
