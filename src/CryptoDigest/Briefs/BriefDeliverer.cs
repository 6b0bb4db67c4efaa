using System.Data.Common;
using CryptoDigest.Replies;
using CryptoDigest.Storage;
using CryptoDigest.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Briefs;

/// <summary>
/// The work of deliver-briefs: claims batches of due deliveries from the outbox (PostgreSQL's
/// FOR UPDATE SKIP LOCKED, so instances never share a row), sends each chat's brief part by part
/// through its platform's channel, and records every sent part at once, so a retry resumes at the
/// first unsent part. A claim holds a lease; a claim whose holder died is taken over when the lease
/// expires, and the part that was in flight is counted as a possible duplicate (so is a sent part whose
/// record failed). A delivery never starts with an edition older than Briefs:MaxEditionAgeHours, nor with
/// one the chat already has (today's compose is late): it composes a fresh one, or, if that fails, is
/// retried with the reason recorded, having sent nothing. Retries back off (Delivery:RetryDelaySeconds,
/// doubling up to Delivery:MaxRetryDelaySeconds) and go on until Delivery:GraceMinutes runs out.
/// </summary>
public sealed partial class BriefDeliverer(
    IServiceScopeFactory scopes,
    BriefComposer composer,
    IEnumerable<IBriefChannel> channels,
    ChatChanges chats,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<BriefDeliverer> logger,
    IOptions<BriefsOptions> briefs,
    BotMetrics metrics,
    ChatBriefReplies chatBriefs)
{
    private readonly Dictionary<ChatPlatform, IBriefChannel> _channels = channels.ToDictionary(c => c.Platform);

    /// <summary>This process's name on its claims.</summary>
    public string InstanceId { get; init; } = $"{Environment.ProcessId}:{Guid.NewGuid():N}:{Environment.MachineName}" is var id && id.Length > 64 ? id[..64] : id;

    private readonly SentPartRecorder _recorder = new(scopes, time);

    private TimeSpan LeaseLength => TimeSpan.FromMinutes(options.Value.LeaseMinutes);

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

            var lease = new DeliveryClaimLease(claimed[0].LeaseUntil ?? time.GetUtcNow().Add(LeaseLength));
            using var batchDone = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var renewing = RenewLeaseAsync(claimed.Select(c => c.Id).ToArray(), lease, batchDone.Token);
            try
            {
                await Parallel.ForEachAsync(
                    claimed,
                    new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrentChats, CancellationToken = cancellationToken },
                    async (delivery, token) =>
                    {
                        try
                        {
                            await DeliverAsync(delivery, lease, token);
                        }
                        catch (Exception ex) when (!token.IsCancellationRequested)
                        {
                            // One chat's unforeseen failure must neither stop the rest of the batch (their claims would
                            // wait out the lease) nor escape MaxAttempts: it is retried like any transient failure.
                            LogUnexpected(logger, ex, delivery.Id);
                            await RetryLaterAsync(delivery, ex.Message, cancellationToken, DeliveryReason.Unexpected);
                        }
                    });
            }
            finally
            {
                await batchDone.CancelAsync();
                await renewing;
            }

            finished += claimed.Count;
        }
    }

    /// <summary>Claims up to <paramref name="count"/> deliveries: pending ones, and claims whose lease has expired.</summary>
    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(int count, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var lease = now.Add(LeaseLength);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        // PostgreSQL claims in one statement, concurrent claimers skipping each other's locked rows;
        // the embedded SQLite reads then writes (docs/architecture.md: the dialect seam in Storage).
        return await scope.ServiceProvider.GetRequiredService<DatabaseDialect>()
            .ClaimDeliveriesAsync(db, new DeliveryClaim(InstanceId, count, now, lease), cancellationToken);
    }

    /// <summary>Sends one claimed delivery from its first unsent part, as long as its claim's lease lasts.</summary>
    public Task DeliverOneAsync(ClaimedDelivery delivery, CancellationToken cancellationToken) =>
        DeliverAsync(delivery, new DeliveryClaimLease(delivery.LeaseUntil ?? time.GetUtcNow().Add(LeaseLength)), cancellationToken);

    private async Task DeliverAsync(ClaimedDelivery delivery, DeliveryClaimLease lease, CancellationToken cancellationToken)
    {
        using var span = BotTracing.Source.StartActivity("delivery");
        span?.SetTag("platform", delivery.Platform);
        if (delivery.TakenOver)
        {
            LogTakeover(logger, delivery.Id, delivery.SentParts);
            metrics.PossibleDuplicate(PossibleDuplicateCause.Takeover);
        }

        if (!Enum.TryParse<ChatPlatform>(delivery.Platform, out var platform) || !_channels.TryGetValue(platform, out var channel))
        {
            await FinishAsync(delivery, DeliveryStatus.Failed, $"no channel for platform {delivery.Platform} in this instance", cancellationToken, DeliveryReason.NoChannel);
            return;
        }

        // The same edition on every attempt: a retry must not switch to a newer brief halfway.
        if ((delivery.EditionId ?? await FreshEditionIdAsync(delivery, cancellationToken)) is { } editionId)
        {
            await SendPartsAsync(delivery, platform, channel, editionId, lease, cancellationToken);
        }
    }

    // The edition a delivery starts with; null when there is none young enough (or none the chat has not had) and
    // composing one failed, and then the delivery waits for its retry, when composing may work again: nothing was
    // sent and nothing is lost.
    private async Task<long?> FreshEditionIdAsync(ClaimedDelivery delivery, CancellationToken cancellationToken)
    {
        long editionId;
        var repeat = false;
        try
        {
            editionId = await CurrentEditionIdAsync(cancellationToken);
            if (editionId <= delivery.LastEditionId)
            {
                repeat = true;
                // The chat already has the latest edition: today's compose is late (it failed, was dropped, or is still
                // running). Yesterday's brief again would be a repeat; today's is composed now instead.
                LogAlreadyHasLatest(logger, delivery.Id, editionId);
                editionId = await ComposeNewerAsync(cancellationToken);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OutOfMemoryException)
        {
            var failure = (ex.InnerException ?? ex).GetType().Name;
            var reason = repeat
                ? $"the latest edition is one this chat already has, and composing today's failed ({failure}); not sending a brief twice"
                : $"no edition younger than {briefs.Value.MaxEditionAgeHours} hours, and composing a fresh one failed ({failure}); not sending a stale brief";
            LogNoFreshEdition(logger, ex, delivery.Id);
            await RetryLaterAsync(delivery, reason, cancellationToken, DeliveryReason.NoFreshEdition);
            return null;
        }

        if (editionId <= delivery.LastEditionId)
        {
            // Composed moments ago, and already this chat's (two of its deliveries minutes apart): wait for the next.
            await RetryLaterAsync(delivery, $"waiting for an edition this chat has not had (the latest, {editionId}, it already has)", cancellationToken, DeliveryReason.NoFreshEdition);
            return null;
        }

        return editionId;
    }

    // From the first unsent part to the last, each recorded before the next goes out, while the claim's lease lasts.
    private async Task SendPartsAsync(ClaimedDelivery delivery, ChatPlatform platform, IBriefChannel channel, long editionId, DeliveryClaimLease lease, CancellationToken cancellationToken)
    {
        // The chat's own brief (sources, topics, length, cadence, market line), built once per edition and variant.
        var brief = await chatBriefs.ReplyAsync(editionId, BriefVariant.Of(delivery), cancellationToken);
        var parts = channel.CountParts(brief);
        var threadId = delivery.ThreadId.Length == 0 ? null : delivery.ThreadId;
        var messageIds = delivery.MessageIds;
        var chatId = delivery.ChatId;
        for (var index = delivery.SentParts; index < parts; index++)
        {
            if (!lease.LeavesTimeToSend(time.GetUtcNow(), LeaseLength))
            {
                // The claim may already be another instance's (a long pause, a lost renewal): sending now could
                // repeat what it sends. Leave the chat to whoever holds the claim once the lease is out.
                LogLeaseRunningOut(logger, delivery.Id, index);
                return;
            }

            var result = await channel.SendPartAsync(chatId, threadId, brief, index, $"brief-{delivery.Id}-{index}", cancellationToken);
            // What the platform said about the chat itself (a new id, gone for good) is the deliverer's to act on,
            // not the sender's: the subscriptions follow here, and the rest of the parts go to the new id.
            await chats.FollowAsync(platform, chatId, result.Outcome, result.Error, result.MovedTo, cancellationToken);
            chatId = result.MovedTo ?? chatId;
            if (result.Outcome != SendOutcome.Sent)
            {
                await EndUnsentAsync(delivery, result, cancellationToken);
                return;
            }

            messageIds = messageIds.Length == 0 ? result.MessageId ?? "?" : $"{messageIds},{result.MessageId}";
            if (!await RecordSentAsync(delivery, editionId, index + 1, parts, messageIds, cancellationToken))
            {
                return;
            }
        }

        if (delivery.SentParts >= parts)
        {
            // Every part was recorded before a crash that came before the finishing write: nothing to send.
            await FinishAsync(delivery, DeliveryStatus.Sent, null, cancellationToken);
        }
    }

    // Recorded before the next part goes out: this is what makes a retry resume, not repeat. And only while the claim
    // is still ours: a holder that outlived its lease stops after the part it had in flight (which the takeover
    // counted) rather than send the rest again over the new holder's record. The last part's record also finishes
    // the delivery. False when the claim was lost.
    private async Task<bool> RecordSentAsync(ClaimedDelivery delivery, long editionId, int sentParts, int parts, string messageIds, CancellationToken cancellationToken)
    {
        bool recorded;
        try
        {
            recorded = await _recorder.RecordAsync(
                new SentPartRecord(delivery.Id, InstanceId, editionId, sentParts, messageIds, Last: sentParts == parts),
                cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OutOfMemoryException)
        {
            // The part reached the chat, but the outbox does not know it: the retry sends it again. Counted as a
            // takeover is, and the delivery retried (counting it on the row too, when the database takes that write).
            LogUnrecorded(logger, ex, delivery.Id, sentParts);
            metrics.PossibleDuplicate(PossibleDuplicateCause.Unrecorded);
            await RetryLaterAsync(delivery, $"part {sentParts} was sent but could not be recorded ({ex.GetType().Name}); it may reach the chat twice", cancellationToken, DeliveryReason.PlatformError, unrecordedPart: true);
            return false;
        }

        if (!recorded)
        {
            LogClaimLost(logger, delivery.Id, sentParts);
        }
        else if (sentParts == parts)
        {
            metrics.Delivery(DeliveryMetricStatus.Delivered);
        }

        return recorded;
    }

    // A part the platform did not take: a gone chat or a refused message fails the delivery, anything else is retried.
    private Task EndUnsentAsync(ClaimedDelivery delivery, BriefPartResult result, CancellationToken cancellationToken)
    {
        return result.Outcome switch
        {
            SendOutcome.ChatGone => FinishAsync(delivery, DeliveryStatus.Failed, result.Error ?? "the chat is gone", cancellationToken, DeliveryReason.ChatGone),
            SendOutcome.Rejected => FinishAsync(delivery, DeliveryStatus.Failed, result.Error ?? "rejected by the platform", cancellationToken, DeliveryReason.Rejected),
            _ => RetryLaterAsync(delivery, result.Error ?? "send failed", cancellationToken, DeliveryReason.PlatformError),
        };
    }

    /// <summary>
    /// Extends the batch's lease while it is being sent, so a batch that outlasts one lease (a slow platform,
    /// long 429 waits) is not taken over and sent again by another instance.
    /// </summary>
    private async Task RenewLeaseAsync(long[] ids, DeliveryClaimLease lease, CancellationToken cancellationToken)
    {
        // A periodic timer keeps its own beat: a slow renewal does not push the next one later.
        using var timer = new PeriodicTimer(LeaseLength / 3, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var until = time.GetUtcNow().Add(LeaseLength);
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
                await db.Deliveries
                    .Where(d => ids.Contains(d.Id) && d.ClaimedBy == InstanceId && d.Status == DeliveryStatus.Claimed)
                    .ExecuteUpdateAsync(u => u.SetProperty(d => d.LeaseUntil, until), cancellationToken);
                lease.Extend(until);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The batch is done.
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            // The database is unreachable: the lease runs out, and the senders stop before it does.
            LogRenewalFailed(logger, ex.Message);
        }
    }

    // The latest edition, remembered briefly: within a broadcast every chat asks for it.
    private (long Id, DateTimeOffset WindowEnd, long At)? _latest;
    private readonly SemaphoreSlim _latestRead = new(1, 1);

    private TimeSpan MaxEditionAge => TimeSpan.FromHours(briefs.Value.MaxEditionAgeHours);

    // A new edition ending now, or the one another delivery composed moments ago; remembered as the latest.
    private async Task<long> ComposeNewerAsync(CancellationToken cancellationToken)
    {
        var edition = await ComposeOnceAsync(cancellationToken);
        _latest = (edition.Id, edition.WindowEnd, time.GetTimestamp());
        return edition.Id;
    }

    private async Task<long> CurrentEditionIdAsync(CancellationToken cancellationToken)
    {
        if (RememberedLatest() is { } remembered)
        {
            return remembered;
        }

        // One reader at a time: the chats that start together wait for the first one's answer instead of each
        // reading the latest edition themselves (a thousand reads held a broadcast's first sends back).
        await _latestRead.WaitAsync(cancellationToken);
        try
        {
            if (RememberedLatest() is { } readMeanwhile)
            {
                return readMeanwhile;
            }

            var edition = await CurrentEditionAsync(cancellationToken);
            _latest = (edition.Id, edition.WindowEnd, time.GetTimestamp());
            return edition.Id;
        }
        finally
        {
            _latestRead.Release();
        }
    }

    private long? RememberedLatest() =>
        _latest is { } latest && time.GetElapsedTime(latest.At) < TimeSpan.FromSeconds(30) && !IsStale(latest.WindowEnd) ? latest.Id : null;

    // No edition yet (a broadcast before compose-brief ever ran), or only one older than Briefs:MaxEditionAgeHours
    // (compose-brief failed or was dropped): the composer lets one delivery compose it and hands the others that
    // same edition (composers take turns and reuse one made minutes ago). A compose failure propagates.
    private async Task<BriefEdition> CurrentEditionAsync(CancellationToken cancellationToken)
    {
        var latest = (await composer.LatestAsync(cancellationToken))?.Edition;
        if (latest is not null && !IsStale(latest.WindowEnd))
        {
            return latest;
        }

        if (latest is not null)
        {
            LogStaleEdition(logger, latest.Id, latest.WindowEnd);
        }

        return await ComposeOnceAsync(cancellationToken);
    }

    private async Task<BriefEdition> ComposeOnceAsync(CancellationToken cancellationToken)
    {
        // A batch of hundreds of chats would otherwise try (and fail) to compose once per chat: after a
        // failure, the rest of the batch is told so at once and retried with it.
        if (_composeFailed is { } failed && time.GetElapsedTime(failed.At) < TimeSpan.FromSeconds(30))
        {
            throw new InvalidOperationException("composing a fresh edition failed moments ago", failed.Error);
        }

        try
        {
            return await composer.ComposeAsync(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            _composeFailed = (ex, time.GetTimestamp());
            throw;
        }
    }

    private (Exception Error, long At)? _composeFailed;

    private bool IsStale(DateTimeOffset windowEnd) => time.GetUtcNow() - windowEnd > MaxEditionAge;

    // The waits between attempts: RetryDelaySeconds, doubling, at most MaxRetryDelaySeconds, up to a fifth less at random
    // so the chats of one outage do not all come back in the same second.
    private Backoff RetryBackoff => new(TimeSpan.FromSeconds(options.Value.RetryDelaySeconds), TimeSpan.FromSeconds(options.Value.MaxRetryDelaySeconds)) { Jitter = 0.2 };

    private async Task RetryLaterAsync(ClaimedDelivery delivery, string error, CancellationToken cancellationToken, DeliveryReason reason, bool unrecordedPart = false)
    {
        var now = time.GetUtcNow();
        var deadline = delivery.CreatedAt.AddMinutes(options.Value.GraceMinutes);
        if (delivery.Attempts >= options.Value.MaxAttempts)
        {
            await FinishAsync(delivery, DeliveryStatus.Failed, $"gave up after {delivery.Attempts} attempts: {error}", cancellationToken, reason);
            return;
        }

        if (now >= deadline)
        {
            await FinishAsync(delivery, DeliveryStatus.Failed, $"gave up after {delivery.Attempts} attempts over Delivery:GraceMinutes ({options.Value.GraceMinutes}): {error}", cancellationToken);
            return;
        }

        // Pending again, not before the backoff's wait (and never past the grace, so the last attempt comes at its
        // end): any instance's next run picks it up, resuming at SentParts.
        var wait = RetryBackoff.Delay(delivery.Attempts);
        var notBefore = now + wait < deadline ? now + wait : deadline;
        var lastError = Trim(error);
        var duplicates = unrecordedPart ? 1 : 0;
        await UpdateIfOursAsync(delivery, u => u
            .SetProperty(d => d.LeaseUntil, notBefore)
            .SetProperty(d => d.Status, DeliveryStatus.Pending)
            .SetProperty(d => d.ClaimedBy, (string?)null)
            .SetProperty(d => d.PossibleDuplicates, d => d.PossibleDuplicates + duplicates)
            .SetProperty(d => d.LastError, lastError)
            .SetProperty(d => d.Reason, reason), cancellationToken);
        metrics.Delivery(DeliveryMetricStatus.Retried);
        LogRetry(logger, delivery.Id, delivery.Attempts, error);
    }

    private async Task FinishAsync(ClaimedDelivery delivery, DeliveryStatus status, string? error, CancellationToken cancellationToken, DeliveryReason? reason = null)
    {
        var lastError = error is null ? null : Trim(error);
        await UpdateIfOursAsync(delivery, u => u
            .SetProperty(d => d.Status, status)
            .SetProperty(d => d.LastError, lastError)
            .SetProperty(d => d.Reason, reason)
            .SetProperty(d => d.LeaseUntil, (DateTimeOffset?)null), cancellationToken);
        metrics.Delivery(status == DeliveryStatus.Sent ? DeliveryMetricStatus.Delivered : DeliveryMetricStatus.Failed);
    }

    // Only while the claim is still this instance's: a taken-over delivery belongs to its new holder.
    private async Task UpdateIfOursAsync(
        ClaimedDelivery delivery,
        Action<UpdateSettersBuilder<Delivery>> setters,
        CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        await db.Deliveries
            .Where(d => d.Id == delivery.Id && d.ClaimedBy == InstanceId && d.Status == DeliveryStatus.Claimed)
            .ExecuteUpdateAsync(setters, cancellationToken);
    }

    private static string Trim(string error) => error.Length <= 1000 ? error : error[..1000];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} taken over from a dead claim at part {Part}: that part may reach the chat twice")]
    private static partial void LogTakeover(ILogger logger, long deliveryId, int part);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} sent part {Part} but could not record it: that part may reach the chat twice")]
    private static partial void LogUnrecorded(ILogger logger, Exception exception, long deliveryId, int part);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId}: the chat already has the latest edition {EditionId} (today's compose is late); composing today's")]
    private static partial void LogAlreadyHasLatest(ILogger logger, long deliveryId, long editionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} was taken over by another instance while part {Part} was in flight; stopping here")]
    private static partial void LogClaimLost(ILogger logger, long deliveryId, int part);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} stopped before part {Part}: its claim's lease is running out")]
    private static partial void LogLeaseRunningOut(ILogger logger, long deliveryId, int part);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the lease of a delivery batch: {Reason}")]
    private static partial void LogRenewalFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery {DeliveryId} failed unexpectedly; it will be retried")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, long deliveryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The latest edition {EditionId} ended at {WindowEnd:u}, older than Briefs:MaxEditionAgeHours: composing a fresh one before delivering")]
    private static partial void LogStaleEdition(ILogger logger, long editionId, DateTimeOffset windowEnd);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery {DeliveryId} has no fresh edition it has not had and composing one failed; it will be retried, nothing was sent")]
    private static partial void LogNoFreshEdition(ILogger logger, Exception exception, long deliveryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} failed on attempt {Attempt}, will retry: {Error}")]
    private static partial void LogRetry(ILogger logger, long deliveryId, int attempt, string error);
}
