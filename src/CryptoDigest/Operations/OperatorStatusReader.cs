using CryptoDigest.Ai;
using CryptoDigest.Briefs;
using CryptoDigest.Feedback;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Operations;

/// <summary>
/// Reads the <see cref="OperatorStatus"/> from the stores the features keep (sources, editions, the outbox,
/// model usage, link-scan settings, mailbox cursors, job outcomes, feedback votes): a handful of small queries, no new bookkeeping.
/// </summary>
public sealed class OperatorStatusReader(
    IServiceScopeFactory scopes,
    BriefComposer composer,
    ModelBudget budget,
    IOptions<AiOptions> ai,
    JobOutcomes jobs,
    TimeProvider time,
    FeedbackStore feedback)
{
    /// <summary>How far back the operator's view counts feedback votes.</summary>
    public static readonly TimeSpan FeedbackWindow = TimeSpan.FromDays(7);

    /// <summary>The phishing-list refresh job's name (Security's RefreshPhishingListJob.RecurringId; Operations does not use Security).</summary>
    public const string PhishingListJobName = "refresh-phishing-list";

    public async Task<OperatorStatus> ReadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var outcomes = await jobs.ReadAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        return new OperatorStatus(
            now,
            await SourcesAsync(db, cancellationToken),
            await LastEditionAsync(cancellationToken),
            Health(outcomes, ComposeBriefJob.RecurringId),
            await TodayAsync(db, StartOfDay(now), cancellationToken),
            await OutboxAsync(db, cancellationToken),
            new ModelTokenStatus(await budget.UsedTodayAsync(cancellationToken), ai.Value.DailyTokenBudget),
            await LinkScansAsync(db, cancellationToken),
            Health(outcomes, PhishingListJobName),
            await MailboxesAsync(db, cancellationToken))
        {
            Feedback = await feedback.TallyAsync(now - FeedbackWindow, cancellationToken),
        };
    }

    /// <summary>Midnight UTC of the instant's day: the day alerts, budgets and today's counts go by.</summary>
    public static DateTimeOffset StartOfDay(DateTimeOffset at) => new(at.UtcDateTime.Date, TimeSpan.Zero);

    private static async Task<IReadOnlyList<SourceHealth>> SourcesAsync(DigestDbContext db, CancellationToken cancellationToken) =>
        await db.Sources.AsNoTracking()
            .OrderBy(s => s.Name)
            .Select(s => new SourceHealth(s.Name, s.Enabled, s.LastFetchedAt, s.LastStatus, s.LastError, s.ConsecutiveFailures))
            .ToListAsync(cancellationToken);

    private async Task<EditionStatus?> LastEditionAsync(CancellationToken cancellationToken) =>
        await composer.LatestAsync(cancellationToken) is { } latest
            ? new EditionStatus(latest.Edition.ComposedAt, latest.Edition.WindowEnd, latest.Content.Items.Count, latest.Content.ComposedByModel, latest.Content.IncludesSamples)
            : null;

    private static JobHealth? Health(IReadOnlyDictionary<string, JobOutcome> outcomes, string name) =>
        outcomes.TryGetValue(name, out var o)
            ? new JobHealth(o.LastSucceededAt, o.LastFailedAt, o.FailingSince, o.ConsecutiveFailures, o.LastError)
            : null;

    private static async Task<DeliveryCounts> TodayAsync(DigestDbContext db, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var byStatus = await db.Deliveries.AsNoTracking()
            .Where(d => d.CreatedAt >= since)
            .GroupBy(d => d.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
        int Count(DeliveryStatus status) => byStatus.GetValueOrDefault(status);
        return new DeliveryCounts(
            Count(DeliveryStatus.Sent),
            Count(DeliveryStatus.Pending) + Count(DeliveryStatus.Claimed),
            Count(DeliveryStatus.Failed),
            Count(DeliveryStatus.Skipped));
    }

    private static async Task<OutboxStatus> OutboxAsync(DigestDbContext db, CancellationToken cancellationToken)
    {
        var pending = await db.Deliveries.AsNoTracking()
            .Where(d => d.Status == DeliveryStatus.Pending || d.Status == DeliveryStatus.Claimed)
            .GroupBy(d => new { d.Status, Retry = d.Attempts > 0 })
            .Select(g => new { g.Key.Status, g.Key.Retry, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return new OutboxStatus(
            pending.Where(p => p.Status == DeliveryStatus.Pending).Sum(p => p.Count),
            pending.Where(p => p.Status == DeliveryStatus.Pending && p.Retry).Sum(p => p.Count),
            pending.Where(p => p.Status == DeliveryStatus.Claimed).Sum(p => p.Count));
    }

    private static async Task<LinkScanCounters> LinkScansAsync(DigestDbContext db, CancellationToken cancellationToken)
    {
        // One row per chat that ever opted in: summed by the database, not read row by row.
        var sums = await db.LinkScanSettings.AsNoTracking()
            .GroupBy(_ => 1)
            .Select(g => new LinkScanCounters(
                g.Count(s => s.Enabled),
                g.Sum(s => s.MessagesScanned),
                g.Sum(s => s.LinksChecked),
                g.Sum(s => s.LinksFlagged)))
            .ToListAsync(cancellationToken);
        return sums.FirstOrDefault() ?? new LinkScanCounters(0, 0, 0, 0);
    }

    private static async Task<IReadOnlyList<MailboxStatus>> MailboxesAsync(DigestDbContext db, CancellationToken cancellationToken) =>
        await db.MailboxCursors.AsNoTracking()
            .OrderBy(m => m.Mailbox)
            .Select(m => new MailboxStatus(m.Mailbox, m.LastReadAt, m.ConsecutiveFailures, m.LastError, m.UnclaimedCount, m.FailedCount, m.UnauthenticatedCount))
            .ToListAsync(cancellationToken);
}
