using CryptoDigest.Replies;
using CryptoDigest.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CryptoDigest.Chat;

/// <summary>
/// Takes each incoming update id once across all instances: Telegram re-sends a webhook update
/// after any non-2xx answer or timeout, and behind a load balancer the copy may reach another
/// instance. The unique key (platform, update id) decides; old ids are pruned after a few days.
/// Only a unique-key violation means "already taken": any other database error (busy, locked,
/// unreachable) is thrown, so the update is answered with an error and re-sent, not dropped.
/// </summary>
public sealed class UpdateLedger(IServiceScopeFactory scopes, TimeProvider time)
{
    private static readonly TimeSpan Keep = TimeSpan.FromDays(3);

    /// <summary>Old ids are pruned on every this many successful claims of this instance.</summary>
    internal const int PruneEvery = 1000;
    private int _claims;

    // A busy or locked database usually clears within a second: try again before giving up.
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1)];

    /// <summary>
    /// True when this instance may process the update; false when one already took it. Any other
    /// database error is retried twice and then thrown (nothing is recorded, so a re-sent copy is taken).
    /// </summary>
    public async Task<bool> TryClaimAsync(ChatPlatform platform, long updateId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await ClaimOnceAsync(platform, updateId, cancellationToken);
            }
            catch (DbUpdateException ex) when (attempt < RetryDelays.Length && !IsUniqueViolation(ex))
            {
                await Task.Delay(RetryDelays[attempt], time, cancellationToken);
            }
        }
    }

    private async Task<bool> ClaimOnceAsync(ChatPlatform platform, long updateId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        var now = time.GetUtcNow();
        db.ProcessedUpdates.Add(new ProcessedUpdate { Platform = platform.ToString(), UpdateId = updateId, ReceivedAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            return false;
        }

        if (Interlocked.Increment(ref _claims) % PruneEvery == 0)
        {
            // One set-based DELETE on the ReceivedAt index: nothing is read into this process. SQLite
            // compares too, because it stores instants as sortable numbers (see SqliteDigestDbContext).
            var cutoff = now - Keep;
            await db.ProcessedUpdates.Where(u => u.ReceivedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        }

        return true;
    }

    // PostgreSQL unique_violation (SqlState 23505); SQLite's SQLITE_CONSTRAINT_UNIQUE (2067) and
    // SQLITE_CONSTRAINT_PRIMARYKEY (1555) extended codes. A busy or locked SQLite file is 5 or 6,
    // and other constraint failures (NOT NULL, CHECK) are bugs, not duplicates.
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    /// <summary>True when the save failed only because the row's unique key is already taken.</summary>
    internal static bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException switch
        {
            PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
            SqliteException sqlite => sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
            _ => false,
        };
}
