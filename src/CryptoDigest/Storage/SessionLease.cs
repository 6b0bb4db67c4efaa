using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CryptoDigest.Storage;

/// <summary>
/// Elects the one instance that may do what only one may do at a time (long-poll Telegram, hold the Discord gateway):
/// the elected one holds the database's session lock under the use's own key (an advisory lock on a connection of its
/// own with PostgreSQL, so a dead holder's lock goes with its connection; always granted with the embedded SQLite,
/// which only one instance ever uses). The others stand by and try again every <see cref="RetryInterval"/>.
/// </summary>
public abstract partial class SessionLease(IServiceScopeFactory scopes, TimeProvider time, ILogger logger, long lockKey, string role, TimeSpan checkEvery)
{
    /// <summary>How often a standing-by instance asks whether the holder is gone.</summary>
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(15);

    /// <summary>Waits until this instance holds the lease.</summary>
    public async Task<HeldSessionLease> AcquireAsync(CancellationToken cancellationToken)
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
                LogWaiting(logger, role);
                loggedWaiting = true;
            }

            await Task.Delay(RetryInterval, time, cancellationToken);
        }
    }

    /// <summary>Takes the lease if no other instance holds it; null otherwise.</summary>
    public async Task<HeldSessionLease?> TryAcquireAsync(CancellationToken cancellationToken)
    {
        // The scope (and its context) lives as long as the lock: the lock is held on its connection.
        var scope = scopes.CreateAsyncScope();
        try
        {
            var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
            if (await scope.ServiceProvider.GetRequiredService<DatabaseDialect>().TryTakeSessionLockAsync(db, lockKey, cancellationToken) is { } sessionLock)
            {
                return new HeldSessionLease(scope, sessionLock, time, checkEvery);
            }
        }
        catch (DbException ex)
        {
            LogDatabaseFailed(logger, role, ex.Message);
        }

        await scope.DisposeAsync();
        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Another instance {Role}; this one stands by")]
    private static partial void LogWaiting(ILogger logger, string role);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The election of the instance that {Role} could not reach the database: {Reason}")]
    private static partial void LogDatabaseFailed(ILogger logger, string role, string reason);
}
