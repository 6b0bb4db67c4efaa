using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace CryptoDigest.Storage;

/// <summary>
/// Where PostgreSQL and SQLite differ, in one place chosen at start with the provider
/// (<see cref="StorageServiceCollectionExtensions.AddStorage"/>), so no feature branches on it.
/// PostgreSQL serves several instances: the outbox is claimed and recorded in single statements that
/// skip each other's locked rows, and instances take turns through advisory locks. The embedded SQLite
/// file belongs to one process: plain reads and writes, and no turn-taking beyond the caller's own.
/// </summary>
public abstract class DatabaseDialect
{
    /// <summary>Claims up to <see cref="DeliveryClaim.Count"/> deliveries: pending ones, and claims whose lease has expired.</summary>
    public abstract Task<IReadOnlyList<ClaimedDelivery>> ClaimDeliveriesAsync(DigestDbContext db, DeliveryClaim claim, CancellationToken cancellationToken);

    /// <summary>Records sent parts of deliveries still claimed by their sender (the last part finishes the delivery); returns the delivery ids whose record held.</summary>
    public abstract Task<IReadOnlySet<long>> RecordSentPartsAsync(DigestDbContext db, IReadOnlyList<SentPartRecord> parts, DateTimeOffset now);

    /// <summary>Runs <paramref name="work"/> while holding the database-wide turn named by <paramref name="lockKey"/>.</summary>
    public abstract Task<T> InTurnAsync<T>(DigestDbContext db, long lockKey, Func<Task<T>> work, CancellationToken cancellationToken);

    /// <summary>
    /// Tries to take the lock named by <paramref name="lockKey"/> for as long as the caller holds it, not for
    /// one piece of work: on a connection of its own, so that if the holder dies its connection, and the lock
    /// with it, goes too. Null when another instance holds it. <paramref name="db"/> must outlive the lock.
    /// </summary>
    public abstract Task<SessionLock?> TryTakeSessionLockAsync(DigestDbContext db, long lockKey, CancellationToken cancellationToken);

    /// <summary>
    /// Records the (distinct) updates in the ledger in one statement and returns those this call recorded. An update
    /// already there, recorded by this instance or another, is left alone and not returned: only the unique key
    /// (platform, update id) makes that outcome; any other failure is thrown. Raw ADO on the context's connection,
    /// not change tracking: this is every command's one database round trip. <paramref name="payloads"/> (one per
    /// update, null for none) is stored with each recorded update; a copy that finds its update already there stores nothing.
    /// </summary>
    public abstract Task<IReadOnlySet<UpdateKey>> ClaimUpdatesAsync(DigestDbContext db, IReadOnlyList<UpdateKey> updates, IReadOnlyList<string?> payloads, DateTimeOffset now);

    /// <summary>
    /// Drops the stored bodies of answered updates of one platform, in one statement. Through EF Core here (SQLite's
    /// embedded default); PostgreSQL runs it as raw SQL, since it is on every webhook update's path.
    /// </summary>
    public virtual Task ClearUpdatePayloadsAsync(DigestDbContext db, string platform, long[] updateIds) =>
        // Not cancelled with one caller: the statement is shared by every update in it.
        db.ProcessedUpdates
            .Where(u => u.Platform == platform && updateIds.Contains(u.UpdateId) && u.Payload != null)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Payload, (string?)null), CancellationToken.None);

    /// <summary>How many ledger inserts may be under way at once (see <see cref="GroupCommit{TItem, TResult}"/>).</summary>
    public abstract int ConcurrentLedgerWrites { get; }

    /// <summary>Runs an INSERT ... RETURNING "Platform", "UpdateId" on the context's connection (opened by EF, so its open settings apply).</summary>
    private protected static async Task<IReadOnlySet<UpdateKey>> InsertReturningUpdatesAsync(DigestDbContext db, string sql, Action<DbParameterCollection> addParameters)
    {
        // Not cancelled with one caller: the statement is shared by every claim in it.
        await db.Database.OpenConnectionAsync(CancellationToken.None);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            addParameters(command.Parameters);
            var recorded = new HashSet<UpdateKey>();
            await using var reader = await command.ExecuteReaderAsync(CancellationToken.None);
            while (await reader.ReadAsync(CancellationToken.None))
            {
                recorded.Add(new UpdateKey(reader.GetString(0), reader.GetInt64(1)));
            }

            return recorded;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
