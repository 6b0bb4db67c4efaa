using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CryptoDigest.Storage;

/// <summary>PostgreSQL, shared by several instances: single-statement claims that skip locked rows, advisory locks for turns.</summary>
internal sealed class PostgresDialect : DatabaseDialect
{
    public override async Task<IReadOnlyList<ClaimedDelivery>> ClaimDeliveriesAsync(DigestDbContext db, DeliveryClaim claim, CancellationToken cancellationToken)
    {
        var pending = nameof(DeliveryStatus.Pending);
        var claimed = nameof(DeliveryStatus.Claimed);
        // One statement: concurrent claimers skip each other's locked rows instead of waiting or colliding, and
        // it returns all that sending needs, so a delivery costs no read of its own.
        // A taken-over claim (expired lease) had a part in flight when its holder stopped: count it.
        // LastEditionId is read on the (SubscriptionId, LocalDate) index: a few rows per subscription.
        return await db.Database.SqlQuery<ClaimedDelivery>($"""
            WITH candidates AS (
                SELECT "Id", "Status" = {claimed} AS taken_over FROM "Deliveries"
                WHERE ("Status" = {pending} AND ("LeaseUntil" IS NULL OR "LeaseUntil" < {claim.Now}))
                   OR ("Status" = {claimed} AND "LeaseUntil" < {claim.Now})
                ORDER BY "Id"
                LIMIT {claim.Count}
                FOR UPDATE SKIP LOCKED),
            claimed AS (
                UPDATE "Deliveries" AS d
                SET "Status" = {claimed}, "ClaimedBy" = {claim.InstanceId}, "LeaseUntil" = {claim.LeaseUntil}, "Attempts" = d."Attempts" + 1,
                    "PossibleDuplicates" = d."PossibleDuplicates" + CASE WHEN k.taken_over THEN 1 ELSE 0 END
                FROM candidates AS k
                WHERE d."Id" = k."Id"
                RETURNING d."Id", d."SubscriptionId", d."EditionId", d."SentParts", d."MessageIds", d."Attempts",
                          d."PossibleDuplicates", d."LeaseUntil", d."CreatedAt", k.taken_over)
            SELECT c."Id", c."EditionId", c."SentParts", c."MessageIds", c."Attempts", c."PossibleDuplicates", c."LeaseUntil",
                   s."Platform", s."ChatId", s."ThreadId", s."SourceFilter", c."CreatedAt", c.taken_over AS "TakenOver",
                   (SELECT max(p."EditionId") FROM "Deliveries" AS p
                    WHERE p."SubscriptionId" = c."SubscriptionId" AND p."Id" <> c."Id") AS "LastEditionId",
                   s."Language", s."Topics", s."Length", s."Cadence", s."MarketLine"
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

    public override Task<IReadOnlySet<UpdateKey>> ClaimUpdatesAsync(DigestDbContext db, IReadOnlyList<UpdateKey> updates, IReadOnlyList<string?> payloads, DateTimeOffset now) =>
        // One statement text whatever the batch size (arrays, not a VALUES row per update), so Npgsql can keep it prepared.
        // ON CONFLICT names the unique key, so no other constraint can pass for "already taken".
        InsertReturningUpdatesAsync(
            db,
            """
            INSERT INTO "ProcessedUpdates" ("Platform", "UpdateId", "ReceivedAt", "Payload")
            SELECT v.platform, v.update_id, $3, v.payload FROM unnest($1::text[], $2::bigint[], $4::text[]) AS v(platform, update_id, payload)
            ON CONFLICT ("Platform", "UpdateId") DO NOTHING
            RETURNING "Platform", "UpdateId"
            """,
            parameters =>
            {
                parameters.Add(new NpgsqlParameter<string[]> { TypedValue = updates.Select(u => u.Platform).ToArray() });
                parameters.Add(new NpgsqlParameter<long[]> { TypedValue = updates.Select(u => u.UpdateId).ToArray() });
                parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
                parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. payloads] });
            });

    public override async Task ClearUpdatePayloadsAsync(DigestDbContext db, string platform, long[] updateIds)
    {
        // One prepared statement text whatever the count (an array, not an IN list), and no LINQ to translate per batch.
        await db.Database.OpenConnectionAsync(CancellationToken.None);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = """
                UPDATE "ProcessedUpdates" SET "Payload" = NULL
                WHERE "Platform" = $1 AND "UpdateId" = ANY($2) AND "Payload" IS NOT NULL
                """;
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = platform });
            command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = updateIds });
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

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
            catch (Exception ex) when (ex is DbException || connection.State != System.Data.ConnectionState.Open)
            {
                // The connection is gone, and the lock with its session. Npgsql reports a connection broken
                // earlier (its backend terminated) as InvalidOperationException, not DbException.
            }

            await connection.CloseAsync();
        }
    }
}
