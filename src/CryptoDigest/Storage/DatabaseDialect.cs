using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;

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
    /// not change tracking: this is every command's one database round trip.
    /// </summary>
    public abstract Task<IReadOnlySet<UpdateKey>> ClaimUpdatesAsync(DigestDbContext db, IReadOnlyList<UpdateKey> updates, DateTimeOffset now);

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

/// <summary>One update in the ledger's unique key: the platform's name and the platform's update id.</summary>
public readonly record struct UpdateKey(string Platform, long UpdateId);

/// <summary>A held session lock (<see cref="DatabaseDialect.TryTakeSessionLockAsync"/>); disposing it releases the lock.</summary>
public abstract class SessionLock : IAsyncDisposable
{
    /// <summary>True while the lock's connection is alive (the lock lives as long as it does).</summary>
    public abstract Task<bool> IsStillHeldAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();
}

/// <summary>What one claim asks for: whose it is, how many rows, the time now and until when the claim holds.</summary>
public sealed record DeliveryClaim(string InstanceId, int Count, DateTimeOffset Now, DateTimeOffset LeaseUntil);

/// <summary>One sent part to record: the delivery's progress after it, and whose claim it was sent under.</summary>
public record SentPartRecord(long DeliveryId, string ClaimedBy, long EditionId, int SentParts, string MessageIds, bool Last);

/// <summary>A delivery this instance has claimed, with what sending it needs (read in the claim's own statement).</summary>
public sealed record ClaimedDelivery
{
    public long Id { get; init; }
    public long? EditionId { get; init; }
    public int SentParts { get; init; }
    public string MessageIds { get; init; } = string.Empty;
    public int Attempts { get; init; }
    public int PossibleDuplicates { get; init; }
    public DateTimeOffset? LeaseUntil { get; init; }
    public string Platform { get; init; } = string.Empty;
    public string ChatId { get; init; } = string.Empty;
    public string ThreadId { get; init; } = string.Empty;
    public string SourceFilter { get; init; } = string.Empty;
}

internal sealed class PostgresDialect : DatabaseDialect
{
    public override async Task<IReadOnlyList<ClaimedDelivery>> ClaimDeliveriesAsync(DigestDbContext db, DeliveryClaim claim, CancellationToken cancellationToken)
    {
        var pending = nameof(DeliveryStatus.Pending);
        var claimed = nameof(DeliveryStatus.Claimed);
        // One statement: concurrent claimers skip each other's locked rows instead of waiting or colliding, and
        // it returns all that sending needs, so a delivery costs no read of its own.
        // A taken-over claim (expired lease) had a part in flight when its holder stopped: count it.
        return await db.Database.SqlQuery<ClaimedDelivery>($"""
            WITH claimed AS (
                UPDATE "Deliveries" AS d
                SET "Status" = {claimed}, "ClaimedBy" = {claim.InstanceId}, "LeaseUntil" = {claim.LeaseUntil}, "Attempts" = d."Attempts" + 1,
                    "PossibleDuplicates" = d."PossibleDuplicates" + CASE WHEN d."Status" = {claimed} THEN 1 ELSE 0 END
                WHERE d."Id" IN (
                    SELECT "Id" FROM "Deliveries"
                    WHERE ("Status" = {pending} AND ("LeaseUntil" IS NULL OR "LeaseUntil" < {claim.Now}))
                       OR ("Status" = {claimed} AND "LeaseUntil" < {claim.Now})
                    ORDER BY "Id"
                    LIMIT {claim.Count}
                    FOR UPDATE SKIP LOCKED)
                RETURNING d."Id", d."SubscriptionId", d."EditionId", d."SentParts", d."MessageIds", d."Attempts",
                          d."PossibleDuplicates", d."LeaseUntil")
            SELECT c."Id", c."EditionId", c."SentParts", c."MessageIds", c."Attempts", c."PossibleDuplicates", c."LeaseUntil",
                   s."Platform", s."ChatId", s."ThreadId", s."SourceFilter"
            FROM claimed AS c JOIN "Subscriptions" AS s ON s."Id" = c."SubscriptionId"
            ORDER BY c."Id"
            """).ToListAsync(cancellationToken);
    }

    public override async Task<IReadOnlySet<long>> RecordSentPartsAsync(DigestDbContext db, IReadOnlyList<SentPartRecord> parts, DateTimeOffset now)
    {
        var claimed = nameof(DeliveryStatus.Claimed);
        var sent = nameof(DeliveryStatus.Sent);
        // Only rows still claimed by the sender are written; the ids returned are the records that held.
        // The last part also finishes the delivery in the same statement.
        var ids = await db.Database.SqlQuery<long>($"""
            UPDATE "Deliveries" AS d
            SET "SentParts" = v.sent_parts, "MessageIds" = v.message_ids, "EditionId" = v.edition_id,
                "Status" = CASE WHEN v.last THEN {sent} ELSE d."Status" END,
                "SentAt" = CASE WHEN v.last THEN {now} ELSE d."SentAt" END,
                "LeaseUntil" = CASE WHEN v.last THEN NULL ELSE d."LeaseUntil" END,
                "LastError" = CASE WHEN v.last THEN NULL ELSE d."LastError" END
            FROM unnest({parts.Select(p => p.DeliveryId).ToArray()}, {parts.Select(p => p.SentParts).ToArray()},
                        {parts.Select(p => p.MessageIds).ToArray()}, {parts.Select(p => p.EditionId).ToArray()},
                        {parts.Select(p => p.Last).ToArray()}, {parts.Select(p => p.ClaimedBy).ToArray()})
                 AS v(id, sent_parts, message_ids, edition_id, last, claimed_by)
            WHERE d."Id" = v.id AND d."ClaimedBy" = v.claimed_by AND d."Status" = {claimed}
            RETURNING d."Id" AS "Value"
            """).ToListAsync(CancellationToken.None);
        return ids.ToHashSet();
    }

    // A few: PostgreSQL runs them side by side, and one stalled insert does not hold up every command behind it.
    public override int ConcurrentLedgerWrites => 4;

    public override Task<IReadOnlySet<UpdateKey>> ClaimUpdatesAsync(DigestDbContext db, IReadOnlyList<UpdateKey> updates, DateTimeOffset now) =>
        // One statement text whatever the batch size (arrays, not a VALUES row per update), so Npgsql can keep it prepared.
        // ON CONFLICT names the unique key, so no other constraint can pass for "already taken".
        InsertReturningUpdatesAsync(
            db,
            """
            INSERT INTO "ProcessedUpdates" ("Platform", "UpdateId", "ReceivedAt")
            SELECT v.platform, v.update_id, $3 FROM unnest($1::text[], $2::bigint[]) AS v(platform, update_id)
            ON CONFLICT ("Platform", "UpdateId") DO NOTHING
            RETURNING "Platform", "UpdateId"
            """,
            parameters =>
            {
                parameters.Add(new NpgsqlParameter<string[]> { TypedValue = updates.Select(u => u.Platform).ToArray() });
                parameters.Add(new NpgsqlParameter<long[]> { TypedValue = updates.Select(u => u.UpdateId).ToArray() });
                parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            });

    public override async Task<T> InTurnAsync<T>(DigestDbContext db, long lockKey, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({lockKey})", cancellationToken);
            try
            {
                return await work();
            }
            finally
            {
                // Unlock explicitly: a pooled connection keeps its session, and with it the lock, after Close.
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({lockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public override async Task<SessionLock?> TryTakeSessionLockAsync(DigestDbContext db, long lockKey, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        if (await ScalarAsync<bool>(connection, $"SELECT pg_try_advisory_lock({lockKey})", cancellationToken))
        {
            return new AdvisoryLock(connection, lockKey);
        }

        await connection.CloseAsync();
        return null;
    }

    private static async Task<T> ScalarAsync<T>(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private sealed class AdvisoryLock(DbConnection connection, long lockKey) : SessionLock
    {
        public override async Task<bool> IsStillHeldAsync(CancellationToken cancellationToken)
        {
            try
            {
                return await ScalarAsync<int>(connection, "SELECT 1", cancellationToken) == 1;
            }
            catch (DbException)
            {
                return false;
            }
        }

        public override async ValueTask DisposeAsync()
        {
            try
            {
                // Unlock explicitly: a pooled connection keeps its session, and with it the lock, after Close.
                await ScalarAsync<bool>(connection, $"SELECT pg_advisory_unlock({lockKey})", CancellationToken.None);
            }
            catch (DbException)
            {
                // The connection is gone, and the lock with its session.
            }

            await connection.CloseAsync();
        }
    }
}

internal sealed class SqliteDialect : DatabaseDialect
{
    // One process owns the file: it is the only instance there is, so the lock is always its own.
    public override Task<SessionLock?> TryTakeSessionLockAsync(DigestDbContext db, long lockKey, CancellationToken cancellationToken) =>
        Task.FromResult<SessionLock?>(new OnlyInstanceLock());

    private sealed class OnlyInstanceLock : SessionLock
    {
        public override Task<bool> IsStillHeldAsync(CancellationToken cancellationToken) => Task.FromResult(true);

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    public override async Task<IReadOnlyList<ClaimedDelivery>> ClaimDeliveriesAsync(DigestDbContext db, DeliveryClaim claim, CancellationToken cancellationToken)
    {
        // One writer at a time, so read-then-update is safe. Open deliveries are streamed in id order, untracked,
        // and reading stops at the claim's count: the outbox of a 100,000-chat broadcast is never held at once.
        // The lease is compared here rather than in SQL: the rows passed over are only claims still in flight
        // (at most workers x batch size), so the stream stays short either way.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var candidates = new List<ClaimedDelivery>(Math.Min(claim.Count, 1024));
        var open = db.Deliveries.AsNoTracking()
            .Where(d => d.Status == DeliveryStatus.Pending || d.Status == DeliveryStatus.Claimed)
            .OrderBy(d => d.Id)
            .Select(d => new ClaimedDelivery
            {
                Id = d.Id,
                EditionId = d.EditionId,
                SentParts = d.SentParts,
                MessageIds = d.MessageIds,
                Attempts = d.Attempts + 1,
                PossibleDuplicates = d.PossibleDuplicates + (d.Status == DeliveryStatus.Claimed ? 1 : 0),
                LeaseUntil = d.LeaseUntil,
                Platform = d.Subscription!.Platform,
                ChatId = d.Subscription.ChatId,
                ThreadId = d.Subscription.ThreadId,
                SourceFilter = d.Subscription.SourceFilter,
            })
            .AsAsyncEnumerable();
        await foreach (var delivery in open.WithCancellation(cancellationToken))
        {
            if (delivery.LeaseUntil is null || delivery.LeaseUntil < claim.Now)
            {
                candidates.Add(delivery with { LeaseUntil = claim.LeaseUntil });
                if (candidates.Count == claim.Count)
                {
                    break;
                }
            }
        }

        var ids = candidates.Select(c => c.Id).ToList();
        if (ids.Count > 0)
        {
            await db.Deliveries
                .Where(d => ids.Contains(d.Id))
                .ExecuteUpdateAsync(
                    u => u.SetProperty(d => d.PossibleDuplicates, d => d.PossibleDuplicates + (d.Status == DeliveryStatus.Claimed ? 1 : 0))
                        .SetProperty(d => d.Status, DeliveryStatus.Claimed)
                        .SetProperty(d => d.ClaimedBy, claim.InstanceId)
                        .SetProperty(d => d.LeaseUntil, claim.LeaseUntil)
                        .SetProperty(d => d.Attempts, d => d.Attempts + 1),
                    cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return candidates;
    }

    public override async Task<IReadOnlySet<long>> RecordSentPartsAsync(DigestDbContext db, IReadOnlyList<SentPartRecord> parts, DateTimeOffset now)
    {
        // One process: one statement per part is plenty.
        var recorded = new HashSet<long>();
        foreach (var part in parts)
        {
            var ours = db.Deliveries.Where(d => d.Id == part.DeliveryId && d.ClaimedBy == part.ClaimedBy && d.Status == DeliveryStatus.Claimed);
            var rows = part.Last
                ? await ours.ExecuteUpdateAsync(
                    u => u.SetProperty(d => d.SentParts, part.SentParts)
                        .SetProperty(d => d.MessageIds, part.MessageIds)
                        .SetProperty(d => d.EditionId, part.EditionId)
                        .SetProperty(d => d.Status, DeliveryStatus.Sent)
                        .SetProperty(d => d.SentAt, now)
                        .SetProperty(d => d.LeaseUntil, (DateTimeOffset?)null)
                        .SetProperty(d => d.LastError, (string?)null),
                    CancellationToken.None)
                : await ours.ExecuteUpdateAsync(
                    u => u.SetProperty(d => d.SentParts, part.SentParts)
                        .SetProperty(d => d.MessageIds, part.MessageIds)
                        .SetProperty(d => d.EditionId, part.EditionId),
                    CancellationToken.None);
            if (rows > 0)
            {
                recorded.Add(part.DeliveryId);
            }
        }

        return recorded;
    }

    // One: the file takes one writer at a time, and a second insert would only wait in SQLite's busy handler (which sleeps).
    public override int ConcurrentLedgerWrites => 1;

    // The same conversion SqliteDigestDbContext gives every DateTimeOffset: raw SQL must store what EF reads and prunes by.
    private static readonly DateTimeOffsetToBinaryConverter Instants = new();

    public override Task<IReadOnlySet<UpdateKey>> ClaimUpdatesAsync(DigestDbContext db, IReadOnlyList<UpdateKey> updates, DateTimeOffset now)
    {
        // A VALUES row per update (SQLite has no arrays; 3 parameters a row stays far below its limit at the ledger's batch
        // size). INSERT ... ON CONFLICT DO NOTHING RETURNING needs SQLite 3.35, older than the one Microsoft.Data.Sqlite bundles.
        var sql = new StringBuilder("""INSERT INTO "ProcessedUpdates" ("Platform", "UpdateId", "ReceivedAt") VALUES """);
        for (var i = 0; i < updates.Count; i++)
        {
            sql.Append(i == 0 ? "" : ", ").Append("($p").Append(i).Append(", $u").Append(i).Append(", $now)");
        }

        sql.Append(""" ON CONFLICT ("Platform", "UpdateId") DO NOTHING RETURNING "Platform", "UpdateId" """);
        return InsertReturningUpdatesAsync(db, sql.ToString(), parameters =>
        {
            for (var i = 0; i < updates.Count; i++)
            {
                parameters.Add(new SqliteParameter("$p" + i, updates[i].Platform));
                parameters.Add(new SqliteParameter("$u" + i, updates[i].UpdateId));
            }

            parameters.Add(new SqliteParameter("$now", (long)Instants.ConvertToProvider(now)!));
        });
    }

    // SQLite is one process's file: the caller's own turn-taking (BriefComposer's semaphore) is all that is needed.
    public override Task<T> InTurnAsync<T>(DigestDbContext db, long lockKey, Func<Task<T>> work, CancellationToken cancellationToken) => work();
}
