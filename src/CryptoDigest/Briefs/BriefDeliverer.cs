using System.Collections.Concurrent;
using CryptoDigest.Chat;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Briefs;

/// <summary>
/// The work of deliver-briefs: claims batches of due deliveries from the outbox (PostgreSQL's
/// FOR UPDATE SKIP LOCKED, so instances never share a row), sends each chat's brief part by part
/// through its platform's channel, and records every sent part at once, so a retry resumes at the
/// first unsent part. A claim holds a lease; a claim whose holder died is taken over when the lease
/// expires, and the part that was in flight is counted as a possible duplicate.
/// </summary>
public sealed partial class BriefDeliverer(
    IServiceScopeFactory scopes,
    BriefComposer composer,
    IEnumerable<IBriefChannel> channels,
    SubscriptionStore subscriptions,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<BriefDeliverer> logger)
{
    private readonly Dictionary<ChatPlatform, IBriefChannel> _channels = channels.ToDictionary(c => c.Platform);
    private readonly SemaphoreSlim _composing = new(1, 1);

    // A broadcast sends one edition to thousands of chats: read, deserialize and build its reply once
    // per (edition, source filter), not once per chat. Replies are immutable, so sharing them is safe.
    private readonly ConcurrentDictionary<(long EditionId, string Filter), ChatReply> _replies = new();

    /// <summary>This process's name on its claims.</summary>
    public string InstanceId { get; init; } = $"{Environment.ProcessId}:{Guid.NewGuid():N}:{Environment.MachineName}" is var id && id.Length > 64 ? id[..64] : id;

    /// <summary>Claims and delivers batches until nothing is due; returns how many deliveries it finished.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var finished = 0;
        while (true)
        {
            var claimed = await ClaimAsync(options.Value.BatchSize, cancellationToken);
            if (claimed.Count == 0)
            {
                return finished;
            }

            await Parallel.ForEachAsync(
                claimed,
                new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrentChats, CancellationToken = cancellationToken },
                async (id, token) =>
                {
                    try
                    {
                        await DeliverOneAsync(id, token);
                    }
                    catch (Exception ex) when (!token.IsCancellationRequested)
                    {
                        // One chat's unforeseen failure must neither stop the rest of the batch (their claims would
                        // wait out the lease) nor escape MaxAttempts: it is retried like any transient failure.
                        LogUnexpected(logger, ex, id);
                        await RetryLaterAsync(id, ex.Message, cancellationToken);
                    }
                });
            finished += claimed.Count;
        }
    }

    /// <summary>Claims up to <paramref name="count"/> deliveries: pending ones, and claims whose lease has expired.</summary>
    public async Task<IReadOnlyList<long>> ClaimAsync(int count, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var lease = now.AddMinutes(options.Value.LeaseMinutes);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        if (db.Database.IsNpgsql())
        {
            var pending = nameof(DeliveryStatus.Pending);
            var claimed = nameof(DeliveryStatus.Claimed);
            // One statement: concurrent claimers skip each other's locked rows instead of waiting or colliding.
            // A taken-over claim (expired lease) had a part in flight when its holder stopped: count it.
            return await db.Database.SqlQuery<long>($"""
                UPDATE "Deliveries" AS d
                SET "Status" = {claimed}, "ClaimedBy" = {InstanceId}, "LeaseUntil" = {lease}, "Attempts" = d."Attempts" + 1,
                    "PossibleDuplicates" = d."PossibleDuplicates" + CASE WHEN d."Status" = {claimed} THEN 1 ELSE 0 END
                WHERE d."Id" IN (
                    SELECT "Id" FROM "Deliveries"
                    WHERE ("Status" = {pending} AND ("LeaseUntil" IS NULL OR "LeaseUntil" < {now}))
                       OR ("Status" = {claimed} AND "LeaseUntil" < {now})
                    ORDER BY "Id"
                    LIMIT {count}
                    FOR UPDATE SKIP LOCKED)
                RETURNING d."Id" AS "Value"
                """).ToListAsync(cancellationToken);
        }

        // SQLite, the single-instance embedded default: one writer at a time, so read-then-update is safe.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var candidates = (await db.Deliveries
                .Where(d => d.Status == DeliveryStatus.Pending || d.Status == DeliveryStatus.Claimed)
                .OrderBy(d => d.Id)
                .ToListAsync(cancellationToken))
            .Where(d => d.LeaseUntil is null || d.LeaseUntil < now)
            .Take(count)
            .ToList();
        foreach (var delivery in candidates)
        {
            delivery.PossibleDuplicates += delivery.Status == DeliveryStatus.Claimed ? 1 : 0;
            delivery.Status = DeliveryStatus.Claimed;
            delivery.ClaimedBy = InstanceId;
            delivery.LeaseUntil = lease;
            delivery.Attempts++;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return candidates.Select(d => d.Id).ToList();
    }

    /// <summary>Sends one claimed delivery from its first unsent part.</summary>
    public async Task DeliverOneAsync(long deliveryId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        var delivery = await db.Deliveries.Include(d => d.Subscription).FirstAsync(d => d.Id == deliveryId, cancellationToken);
        var subscription = delivery.Subscription!;
        if (delivery.ClaimedBy != InstanceId || delivery.Status != DeliveryStatus.Claimed)
        {
            return;
        }

        if (delivery.PossibleDuplicates > 0 && delivery.Attempts > 1)
        {
            LogTakeover(logger, delivery.Id, delivery.SentParts);
        }

        if (!Enum.TryParse<ChatPlatform>(subscription.Platform, out var platform) || !_channels.TryGetValue(platform, out var channel))
        {
            await FinishAsync(db, delivery, DeliveryStatus.Failed, $"no channel for platform {subscription.Platform} in this instance", cancellationToken);
            return;
        }

        // The same edition on every attempt: a retry must not switch to a newer brief halfway.
        var editionId = delivery.EditionId ?? await CurrentEditionIdAsync(cancellationToken);
        delivery.EditionId = editionId;
        var brief = await ReplyAsync(db, editionId, subscription.SourceFilter, cancellationToken);
        var parts = channel.CountParts(brief);
        var threadId = subscription.ThreadId.Length == 0 ? null : subscription.ThreadId;

        for (var index = delivery.SentParts; index < parts; index++)
        {
            var result = await channel.SendPartAsync(subscription.ChatId, threadId, brief, index, $"brief-{delivery.Id}-{index}", cancellationToken);
            switch (result.Outcome)
            {
                case BriefPartOutcome.Sent:
                    var sentParts = index + 1;
                    var messageIds = delivery.MessageIds.Length == 0 ? result.MessageId ?? "?" : $"{delivery.MessageIds},{result.MessageId}";
                    // Recorded before the next part goes out: this is what makes a retry resume, not repeat. And only
                    // while the claim is still ours: a holder that outlived its lease stops after the part it had in
                    // flight (which the takeover counted) rather than send the rest again over the new holder's record.
                    // The last part also finishes the delivery, in the same statement: one round trip less per chat.
                    var last = sentParts == parts;
                    var ours = db.Deliveries.Where(d => d.Id == delivery.Id && d.ClaimedBy == InstanceId && d.Status == DeliveryStatus.Claimed);
                    var recorded = last
                        ? await ours.ExecuteUpdateAsync(
                            u => u.SetProperty(d => d.SentParts, sentParts)
                                .SetProperty(d => d.MessageIds, messageIds)
                                .SetProperty(d => d.EditionId, editionId)
                                .SetProperty(d => d.Status, DeliveryStatus.Sent)
                                .SetProperty(d => d.SentAt, time.GetUtcNow())
                                .SetProperty(d => d.LeaseUntil, (DateTimeOffset?)null)
                                .SetProperty(d => d.LastError, (string?)null),
                            cancellationToken)
                        : await ours.ExecuteUpdateAsync(
                            u => u.SetProperty(d => d.SentParts, sentParts)
                                .SetProperty(d => d.MessageIds, messageIds)
                                .SetProperty(d => d.EditionId, editionId),
                            cancellationToken);
                    if (recorded == 0)
                    {
                        LogClaimLost(logger, delivery.Id, sentParts);
                        return;
                    }

                    if (last)
                    {
                        return;
                    }

                    delivery.SentParts = sentParts;
                    delivery.MessageIds = messageIds;
                    break;
                case BriefPartOutcome.ChatGone:
                    await subscriptions.DeactivateAsync(platform, subscription.ChatId, result.Error ?? "the chat is gone", cancellationToken);
                    await FinishAsync(db, delivery, DeliveryStatus.Failed, result.Error ?? "the chat is gone", cancellationToken);
                    return;
                case BriefPartOutcome.Rejected:
                    await FinishAsync(db, delivery, DeliveryStatus.Failed, result.Error ?? "rejected by the platform", cancellationToken);
                    return;
                default:
                    await RetryLaterAsync(db, delivery, result.Error ?? "send failed", cancellationToken);
                    return;
            }
        }

        delivery.SentAt = time.GetUtcNow();
        await FinishAsync(db, delivery, DeliveryStatus.Sent, null, cancellationToken);
    }

    private async Task<ChatReply> ReplyAsync(DigestDbContext db, long editionId, string filter, CancellationToken cancellationToken)
    {
        if (_replies.TryGetValue((editionId, filter), out var cached))
        {
            return cached;
        }

        var edition = await db.Editions.AsNoTracking().FirstAsync(e => e.Id == editionId, cancellationToken);
        var reply = BriefReplyBuilder.ToReply(FilterSources(BriefComposer.Read(edition), filter));
        if (_replies.Count > 256)
        {
            _replies.Clear();
        }

        return _replies.GetOrAdd((editionId, filter), reply);
    }

    // The latest edition's id, remembered briefly: within a broadcast every chat asks for it.
    private (long Id, long At)? _latest;

    private async Task<long> CurrentEditionIdAsync(CancellationToken cancellationToken)
    {
        if (_latest is { } latest && time.GetElapsedTime(latest.At) < TimeSpan.FromSeconds(30))
        {
            return latest.Id;
        }

        var edition = await CurrentEditionAsync(cancellationToken);
        _latest = (edition.Id, time.GetTimestamp());
        return edition.Id;
    }

    private async Task<BriefEdition> CurrentEditionAsync(CancellationToken cancellationToken)
    {
        if (await composer.LatestAsync(cancellationToken) is { } latest)
        {
            return latest.Edition;
        }

        // No edition yet (a broadcast before compose-brief ever ran): one delivery composes it and the
        // others wait for it. Unguarded, every concurrent delivery composed its own edition a few
        // milliseconds apart, so one broadcast carried many different briefs (and as many model calls).
        await _composing.WaitAsync(cancellationToken);
        try
        {
            return (await composer.LatestAsync(cancellationToken))?.Edition ?? await composer.ComposeAsync(cancellationToken);
        }
        finally
        {
            _composing.Release();
        }
    }

    private static BriefContent FilterSources(BriefContent brief, string filter)
    {
        if (filter.Length == 0)
        {
            return brief;
        }

        var wanted = filter.Split(',', StringSplitOptions.RemoveEmptyEntries);
        bool Wanted(string source) => wanted.Any(w => source.Contains(w, StringComparison.OrdinalIgnoreCase));
        return brief with { Items = brief.Items.Where(i => Wanted(i.Source) || i.AlsoIn.Any(a => Wanted(a.Source))).ToList() };
    }

    private async Task RetryLaterAsync(long deliveryId, string error, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        var delivery = await db.Deliveries.FirstAsync(d => d.Id == deliveryId, cancellationToken);
        if (delivery.ClaimedBy == InstanceId && delivery.Status == DeliveryStatus.Claimed)
        {
            await RetryLaterAsync(db, delivery, error, cancellationToken);
        }
    }

    private async Task RetryLaterAsync(DigestDbContext db, Delivery delivery, string error, CancellationToken cancellationToken)
    {
        if (delivery.Attempts >= options.Value.MaxAttempts)
        {
            await FinishAsync(db, delivery, DeliveryStatus.Failed, $"gave up after {delivery.Attempts} attempts: {error}", cancellationToken);
            return;
        }

        // Pending again, not before the retry delay: any instance's next run picks it up, resuming at SentParts.
        delivery.LeaseUntil = time.GetUtcNow().AddSeconds(options.Value.RetryDelaySeconds);
        delivery.Status = DeliveryStatus.Pending;
        delivery.ClaimedBy = null;
        delivery.LastError = Trim(error);
        await db.SaveChangesAsync(cancellationToken);
        LogRetry(logger, delivery.Id, delivery.Attempts, error);
    }

    private static async Task FinishAsync(DigestDbContext db, Delivery delivery, DeliveryStatus status, string? error, CancellationToken cancellationToken)
    {
        delivery.Status = status;
        delivery.LastError = error is null ? null : Trim(error);
        delivery.LeaseUntil = null;
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Trim(string error) => error.Length <= 1000 ? error : error[..1000];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} taken over from a dead claim at part {Part}: that part may reach the chat twice")]
    private static partial void LogTakeover(ILogger logger, long deliveryId, int part);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} was taken over by another instance while part {Part} was in flight; stopping here")]
    private static partial void LogClaimLost(ILogger logger, long deliveryId, int part);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery {DeliveryId} failed unexpectedly; it will be retried")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, long deliveryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} failed on attempt {Attempt}, will retry: {Error}")]
    private static partial void LogRetry(ILogger logger, long deliveryId, int attempt, string error);
}
