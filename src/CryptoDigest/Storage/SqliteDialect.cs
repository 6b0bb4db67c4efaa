using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CryptoDigest.Storage;

/// <summary>The embedded SQLite file, owned by one process: plain reads and writes, and every lock is its own.</summary>
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
        await foreach (var delivery in OpenDeliveries(db).AsAsyncEnumerable().WithCancellation(cancellationToken))
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

        await MarkClaimedAsync(db, candidates.Select(c => c.Id).ToList(), claim, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return candidates;
    }

    /// <summary>Pending and claimed deliveries in id order, each with what sending it needs, as a claim would see it.</summary>
    private static IQueryable<ClaimedDelivery> OpenDeliveries(DigestDbContext db) =>
        db.Deliveries.AsNoTracking()
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
                CreatedAt = d.CreatedAt,
                TakenOver = d.Status == DeliveryStatus.Claimed,
                LastEditionId = db.Deliveries.Where(p => p.SubscriptionId == d.SubscriptionId && p.Id != d.Id).Max(p => p.EditionId),
                Language = d.Subscription.Language,
                Topics = d.Subscription.Topics,
                Length = d.Subscription.Length,
                Cadence = d.Subscription.Cadence,
                MarketLine = d.Subscription.MarketLine,
            });

    private static async Task MarkClaimedAsync(DigestDbContext db, List<long> ids, DeliveryClaim claim, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }

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

    public override Task<IReadOnlySet<UpdateKey>> ClaimUpdatesAsync(DigestDbContext db, IReadOnlyList<UpdateKey> updates, IReadOnlyList<string?> payloads, DateTimeOffset now)
    {
        // A VALUES row per update (SQLite has no arrays; 3 parameters and a payload a row stays far below its limit at the ledger's batch
        // size). INSERT ... ON CONFLICT DO NOTHING RETURNING needs SQLite 3.35, older than the one Microsoft.Data.Sqlite bundles.
        var sql = new StringBuilder("""INSERT INTO "ProcessedUpdates" ("Platform", "UpdateId", "ReceivedAt", "Payload") VALUES """);
        for (var i = 0; i < updates.Count; i++)
        {
            sql.Append(i == 0 ? "" : ", ").Append("($p").Append(i).Append(", $u").Append(i).Append(", $now, $b").Append(i).Append(')');
        }

        sql.Append(""" ON CONFLICT ("Platform", "UpdateId") DO NOTHING RETURNING "Platform", "UpdateId" """);
        return InsertReturningUpdatesAsync(db, sql.ToString(), parameters =>
        {
            for (var i = 0; i < updates.Count; i++)
            {
                parameters.Add(new SqliteParameter("$p" + i, updates[i].Platform));
                parameters.Add(new SqliteParameter("$u" + i, updates[i].UpdateId));
                parameters.Add(new SqliteParameter("$b" + i, (object?)payloads[i] ?? DBNull.Value));
            }

            parameters.Add(new SqliteParameter("$now", (long)Instants.ConvertToProvider(now)!));
        });
    }

    // SQLite is one process's file: the caller's own turn-taking (BriefComposer's semaphore) is all that is needed.
    public override Task<T> InTurnAsync<T>(DigestDbContext db, long lockKey, Func<Task<T>> work, CancellationToken cancellationToken) => work();
}
