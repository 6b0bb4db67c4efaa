using System.Data.Common;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Telegram;

/// <summary>
/// Elects the one instance that may long-poll: Telegram allows a single getUpdates caller per token.
/// With PostgreSQL (several instances share it) the elected one holds a session advisory lock on a
/// connection of its own; if that connection dies the lock goes with it and another instance takes over.
/// With the embedded SQLite there is only ever one instance, so the lease is always granted.
/// </summary>
internal sealed partial class TelegramPollingLease(
    IServiceScopeFactory scopes,
    IOptions<StorageOptions> storage,
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
        if (!storage.Value.UsesPostgres)
        {
            return new Held(null, null);
        }

        var scope = scopes.CreateAsyncScope();
        try
        {
            var connection = scope.ServiceProvider.GetRequiredService<DigestDbContext>().Database.GetDbConnection();
            await connection.OpenAsync(cancellationToken);
            if (await ScalarAsync<bool>(connection, $"SELECT pg_try_advisory_lock({LockKey})", cancellationToken))
            {
                return new Held(scope, connection);
            }
        }
        catch (DbException ex)
        {
            LogDatabaseFailed(logger, ex.Message);
        }

        await scope.DisposeAsync();
        return null;
    }

    private static async Task<T> ScalarAsync<T>(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Another instance is polling Telegram; this one stands by")]
    private static partial void LogWaiting(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Telegram polling election could not reach the database: {Reason}")]
    private static partial void LogDatabaseFailed(ILogger logger, string reason);

    /// <summary>The lease while held; disposing it lets another instance poll.</summary>
    public sealed class Held(AsyncServiceScope? scope, DbConnection? connection) : IAsyncDisposable
    {
        /// <summary>True while the lock's connection is alive (checked between polls).</summary>
        public async Task<bool> IsStillHeldAsync(CancellationToken cancellationToken)
        {
            if (connection is null)
            {
                return true;
            }

            try
            {
                return await ScalarAsync<int>(connection, "SELECT 1", cancellationToken) == 1;
            }
            catch (DbException)
            {
                return false;
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (connection is not null)
            {
                try
                {
                    // Unlock explicitly: a pooled connection keeps its session, and with it the lock, after Close.
                    await ScalarAsync<bool>(connection, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
                }
                catch (DbException)
                {
                    // The connection is gone, and the lock with its session.
                }

                await connection.CloseAsync();
            }

            if (scope is { } s)
            {
                await s.DisposeAsync();
            }
        }
    }
}
