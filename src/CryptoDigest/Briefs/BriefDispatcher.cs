using CryptoDigest.Storage;
using CryptoDigest.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Briefs;

/// <summary>
/// The work of dispatch-due-briefs: for every active subscription whose local delivery time has
/// passed today (by its own time zone's rules, so daylight-saving changes need nothing special)
/// and which has no delivery for its local date, writes a pending delivery row to the outbox.
/// A brief more than the grace period late is recorded as skipped instead. The unique key
/// (subscription, local date) makes running this twice, or on two instances, harmless.
/// </summary>
public sealed partial class BriefDispatcher(IServiceScopeFactory scopes, IOptions<DeliveryOptions> options, TimeProvider time, ILogger<BriefDispatcher> logger, BotMetrics metrics)
{
    /// <summary>Writes the deliveries that are due now; returns how many pending ones it added.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken) => await DispatchAsync(force: false, null, cancellationToken);

    /// <summary>For `brief send-now`: today's delivery for every active subscription (or one chat), due or not.</summary>
    public async Task<int> DispatchNowAsync(string? chatId, CancellationToken cancellationToken) => await DispatchAsync(force: true, chatId, cancellationToken);

    /// <summary>When the subscription's brief is due on a local date, as an instant.</summary>
    public static DateTimeOffset DueAt(DateOnly localDate, TimeOnly deliveryTime, TimeZoneInfo zone)
    {
        var local = localDate.ToDateTime(deliveryTime, DateTimeKind.Unspecified);
        // A time skipped by a spring-forward change happens at the first valid minute after the gap.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        // A time that occurs twice (fall back) is taken at its first occurrence.
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    private async Task<int> DispatchAsync(bool force, string? chatId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var pageSize = options.Value.BatchSize;
        int pending = 0, added = 0;
        // Keyset pages of subscriptions, each in its own context: a broadcast to 100,000 chats holds one page of
        // subscriptions and deliveries at a time, never all of them (docs/storage.md, "Memory").
        for (var afterId = 0L; ;)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
            var page = await db.Subscriptions.AsNoTracking()
                .Where(s => s.Active && s.Id > afterId && (chatId == null || s.ChatId == chatId))
                .OrderBy(s => s.Id)
                .Take(pageSize)
                .Select(s => new DueCandidate(s.Id, s.DeliveryTime, s.TimeZone, s.CreatedAt, s.Cadence))
                .ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            afterId = page[^1].Id;
            var (pagePending, pageAdded) = await DispatchPageAsync(db, page, now, force, cancellationToken);
            pending += pagePending;
            added += pageAdded;
            if (page.Count < pageSize)
            {
                break;
            }
        }

        if (added > pending)
        {
            metrics.Delivery(DeliveryMetricStatus.Skipped, added - pending);
        }

        if (added > 0)
        {
            LogDispatched(logger, pending, added - pending);
        }

        return pending;
    }

    // Returns the pending deliveries this page asked for, and the rows it wrote (pending and skipped).
    private async Task<(int Pending, int Added)> DispatchPageAsync(DigestDbContext db, List<DueCandidate> page, DateTimeOffset now, bool force, CancellationToken cancellationToken)
    {
        var grace = TimeSpan.FromMinutes(options.Value.GraceMinutes);
        var due = new List<Delivery>();
        foreach (var subscription in page)
        {
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(subscription.TimeZone, out var zone))
            {
                LogUnknownZone(logger, subscription.Id, subscription.TimeZone);
                continue;
            }

            var localDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
            if (!force && BriefCadence.TryParse(subscription.Cadence, out var cadence) && !cadence.IsDeliveryDay(localDate))
            {
                // Weekdays skip Saturday and Sunday, weekly every day but its own, all in the chat's zone: no row, nothing to skip.
                continue;
            }

            var dueAt = DueAt(localDate, subscription.DeliveryTime, zone);
            if (!force && (now < dueAt || subscription.CreatedAt > dueAt))
            {
                // Not due yet, or subscribed after today's time: the first brief comes tomorrow.
                continue;
            }

            var late = !force && now - dueAt > grace;
            due.Add(new Delivery
            {
                SubscriptionId = subscription.Id,
                LocalDate = localDate,
                Status = late ? DeliveryStatus.Skipped : DeliveryStatus.Pending,
                LastError = late ? $"skipped: the bot was down at the due time and came back more than {options.Value.GraceMinutes} minutes late" : null,
                Reason = late ? DeliveryReason.LateBeyondGrace : null,
                CreatedAt = now,
            });
        }

        if (due.Count == 0)
        {
            return (0, 0);
        }

        var ids = due.Select(d => d.SubscriptionId).ToList();
        var dates = due.Select(d => d.LocalDate).Distinct().ToList();
        var existing = (await db.Deliveries.AsNoTracking()
                .Where(d => ids.Contains(d.SubscriptionId) && dates.Contains(d.LocalDate))
                .Select(d => new { d.SubscriptionId, d.LocalDate })
                .ToListAsync(cancellationToken))
            .Select(d => (d.SubscriptionId, d.LocalDate))
            .ToHashSet();
        var missing = due.Where(d => !existing.Contains((d.SubscriptionId, d.LocalDate))).ToList();
        var added = await InsertIgnoringDuplicatesAsync(db, missing, cancellationToken);
        return (missing.Count(d => d.Status == DeliveryStatus.Pending), added);
    }

    private sealed record DueCandidate(long Id, TimeOnly DeliveryTime, string TimeZone, DateTimeOffset CreatedAt, string Cadence);

    private static async Task<int> InsertIgnoringDuplicatesAsync(DigestDbContext db, List<Delivery> deliveries, CancellationToken cancellationToken)
    {
        db.Deliveries.AddRange(deliveries);
        try
        {
            return await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another dispatcher wrote some of them between our read and our write: insert one by one,
            // and the unique key turns each duplicate away.
            db.ChangeTracker.Clear();
            var added = 0;
            foreach (var delivery in deliveries)
            {
                delivery.Id = 0;
                db.Deliveries.Add(delivery);
                try
                {
                    added += await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException)
                {
                    db.ChangeTracker.Clear();
                }
            }

            return added;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dispatched {Pending} due brief(s); {Skipped} skipped as too late")]
    private static partial void LogDispatched(ILogger logger, int pending, int skipped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscription {SubscriptionId} has an unknown time zone {Zone}; skipped")]
    private static partial void LogUnknownZone(ILogger logger, long subscriptionId, string zone);
}
