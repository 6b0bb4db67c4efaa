using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using CryptoDigest.Feeds.Email;
using CryptoDigest.Storage;
using CryptoDigest.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Feeds;

/// <summary>
/// Fetches every enabled source and stores what is new: the work of the recurring
/// `ingest-feeds` job (<see cref="IngestFeedsJob"/>)
/// and of `feeds fetch`. Sources are fetched concurrently with a global and a per-web-host
/// limit, each in its own DI scope and error boundary, so one slow or broken source never
/// delays or stops the others. A failing source backs off exponentially (capped) and keeps its
/// last error for /sources. Each source has a stable slot within the interval, so fetches of
/// different sources spread over it when the job runs more often than the interval.
/// </summary>
public sealed partial class FeedIngestor(
    IServiceScopeFactory scopes,
    MailboxIntake mailbox,
    IOptions<FeedsOptions> options,
    TimeProvider time,
    ILogger<FeedIngestor> logger,
    BotMetrics metrics,
    IEnumerable<IArticleIndexer> indexers)
{
    /// <summary>Fetches the enabled sources and stores their new and changed articles.</summary>
    /// <param name="dueOnly">True for the recurring job: only sources whose next fetch time has come (backoff respected);
    /// false for `feeds fetch`: every enabled source now.</param>
    public async Task<IReadOnlyList<SourceReport>> IngestAllAsync(bool dueOnly, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var sources = await SourcesToFetchAsync(dueOnly, cancellationToken);
        var reports = await FetchFeedsAsync(sources, settings, cancellationToken);

        // The mailbox is read after the feeds, so an issue that came both ways is stored once from whichever was first.
        // Never waiting for a read already under way (the IDLE listener's): that reader reads the same messages.
        var fromMailbox = await mailbox.ReadAsync(dueOnly, waitForTurn: TimeSpan.Zero, cancellationToken);

        if (settings.UseSamplesWhenOffline)
        {
            await using var scope = scopes.CreateAsyncScope();
            await SampleArticles.EnsureAsync(scope.ServiceProvider.GetRequiredService<DigestDbContext>(), time, cancellationToken);
        }

        await IndexAsync(cancellationToken);

        return reports.Concat(fromMailbox)
            .OrderBy(r => r.Channel == SourceChannel.Mailbox)
            .ThenBy(r => r.Source, StringComparer.OrdinalIgnoreCase)
            .ThenBy(r => r.Channel)
            .ToList();
    }

    private async Task<List<NewsletterSource>> SourcesToFetchAsync(bool dueOnly, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<FeedSources>().SyncConfiguredAsync(cancellationToken);
        var now = time.GetUtcNow();
        var enabled = await scope.ServiceProvider.GetRequiredService<DigestDbContext>().Sources.AsNoTracking()
            .Where(s => s.Enabled && s.Name != SampleArticles.SourceName)
            .OrderBy(s => s.Name)
            .ToListAsync(cancellationToken);
        // Compared in memory: SQLite stores instants as numbers the provider cannot compare with a parameter.
        return enabled.Where(s => !dueOnly || s.NextFetchAt is null || s.NextFetchAt <= now).ToList();
    }

    /// <summary>Every source's feed, concurrently within the global and per-host limits, each in its own error boundary.</summary>
    private async Task<IReadOnlyCollection<SourceReport>> FetchFeedsAsync(List<NewsletterSource> sources, FeedsOptions settings, CancellationToken cancellationToken)
    {
        var byEmail = settings.Sources.Where(s => s.ReceivesEmail).Select(s => s.Name.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var reports = new ConcurrentBag<SourceReport>();
        var hostGates = new ConcurrentDictionary<string, SemaphoreSlim>(StringComparer.OrdinalIgnoreCase);
        try
        {
            await Parallel.ForEachAsync(
                sources,
                new ParallelOptions { MaxDegreeOfParallelism = settings.MaxConcurrentFetches, CancellationToken = cancellationToken },
                async (source, token) =>
                {
                    // No feed address means no public feed: said once in /sources, never retried every interval.
                    if (source.FeedUrl is not { } address)
                    {
                        // A letter that only comes by e-mail is reported by the mailbox read.
                        if (!byEmail.Contains(source.Name))
                        {
                            reports.Add(new SourceReport(source.Name, IngestOutcome.NoFeed, Error: "no public feed"));
                        }

                        return;
                    }

                    var gate = hostGates.GetOrAdd(address.Host, _ => new SemaphoreSlim(settings.MaxConcurrentFetchesPerHost));
                    await gate.WaitAsync(token);
                    try
                    {
                        reports.Add(await IngestSourceAsync(source.Id, token));
                    }
                    finally
                    {
                        gate.Release();
                    }
                });
        }
        finally
        {
            foreach (var gate in hostGates.Values)
            {
                gate.Dispose();
            }
        }

        return reports;
    }

    /// <summary>Keeps the article indexes in step; an index that fails is logged and caught up on the next run, never failing the ingest.</summary>
    private async Task IndexAsync(CancellationToken cancellationToken)
    {
        foreach (var indexer in indexers)
        {
            try
            {
                await indexer.IndexStoredArticlesAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogIndexFailed(logger, indexer.GetType().Name, ex);
            }
        }
    }

    /// <summary>One source, start to end; never throws for the source's own failures (they become its report and status).</summary>
    private async Task<SourceReport> IngestSourceAsync(long sourceId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        var fetcher = scope.ServiceProvider.GetRequiredService<FeedFetcher>();
        var source = await db.Sources.SingleAsync(s => s.Id == sourceId, cancellationToken);
        try
        {
            var fetched = await fetcher.FetchFeedAsync(source.FeedUrl!, source.ETag, source.LastModified, cancellationToken);
            var now = time.GetUtcNow();
            SourceReport report;
            if (fetched.NotModified)
            {
                report = new SourceReport(source.Name, IngestOutcome.NotModified);
                source.LastStatus = "not modified";
            }
            else
            {
                report = await StoreFetchedAsync(db, source, fetched, now, cancellationToken);
            }

            source.LastFetchedAt = now;
            source.LastError = null;
            source.ConsecutiveFailures = 0;
            source.NextFetchAt = NextSlot(source.Name, now, options.Value.Interval);
            await db.SaveChangesAsync(cancellationToken);
            LogFetched(logger, source.Name, report.Outcome, report.New, report.Updated);
            metrics.FeedFetched(source.Name, fetched.NotModified ? FeedFetchOutcome.NotModified : FeedFetchOutcome.Fetched);
            return report;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return await FailAsync(db, source.Name, sourceId, ex, cancellationToken);
        }
    }

    /// <summary>Parses a fetched feed, stores its newest items and records the validators (and a permanent move) on the source.</summary>
    private async Task<SourceReport> StoreFetchedAsync(DigestDbContext db, NewsletterSource source, FetchResult fetched, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var feed = FeedParser.Parse(fetched.Content, fetched.Charset, fetched.FinalUrl, now, settings.MaxFeedBytes);
        var items = Newest(feed.Items, settings.MaxItemsPerFetch);
        if (items.Count < feed.Items.Count)
        {
            LogTooManyItems(logger, source.Name, feed.Items.Count, items.Count);
        }

        var cut = items.Count(i => i.Text.Length >= HtmlText.MaxTextLength - HtmlText.MaxWordCut);
        if (cut > 0)
        {
            LogTextCut(logger, source.Name, cut, HtmlText.MaxTextLength);
        }

        var report = await StoreAsync(db, source, items, now, cancellationToken);
        source.ETag = fetched.ETag;
        source.LastModified = fetched.LastModified;
        source.LastStatus = $"{report.New} new, {report.Updated} updated, {report.Unchanged} unchanged";
        if (fetched.PermanentUrl is { } moved && source.FeedUrl != moved)
        {
            LogMoved(logger, source.Name, source.FeedUrl, moved);
            source.FeedUrl = moved;
        }

        return report;
    }

    /// <summary>Logs the failure in full, stores only its member-safe reason, and backs the source off.</summary>
    private async Task<SourceReport> FailAsync(DigestDbContext db, string sourceName, long sourceId, Exception ex, CancellationToken cancellationToken)
    {
        var message = ex is FeedFetchException or FeedFormatException ? ex.Message : $"unexpected error: {ex.Message}";
        message = string.Join(' ', message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        // /sources shows the stored error to every member: only the member-safe reason is stored, the detail is logged.
        var shown = ex switch
        {
            FeedFetchException fetch => fetch.MemberMessage,
            FeedFormatException => message,
            _ => "could not be read (an unexpected error; the operator's log has the detail)",
        };
        LogFailed(logger, sourceName, message);
        metrics.FeedFetched(sourceName, FeedFetchOutcome.Failed);
        db.ChangeTracker.Clear();
        await RecordFailureAsync(db, sourceId, shown, cancellationToken);
        return new SourceReport(sourceName, IngestOutcome.Failed, Error: message);
    }

    private async Task RecordFailureAsync(DigestDbContext db, long sourceId, string message, CancellationToken cancellationToken)
    {
        var source = await db.Sources.SingleAsync(s => s.Id == sourceId, cancellationToken);
        var now = time.GetUtcNow();
        source.ConsecutiveFailures++;
        source.LastFetchedAt = now;
        source.LastError = message.Length > 1000 ? message[..1000] : message;
        source.LastStatus = "failed";
        // Exponential backoff from one interval, capped: a dead feed is not hammered every 30 minutes.
        source.NextFetchAt = now + new Backoff(options.Value.Interval, TimeSpan.FromHours(options.Value.MaxBackoffHours)).Delay(source.ConsecutiveFailures);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Stores the feed's items: new guids are added unless their content is already stored for
    /// the source (a repost under a new guid); a known guid with new content is updated (an
    /// edit: its new content hash makes it be summarized again).
    /// </summary>
    internal static async Task<SourceReport> StoreAsync(DigestDbContext db, NewsletterSource source, IReadOnlyList<FeedItem> items, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var candidates = items
            .Select(i => (Item: i, Guid: StoredGuid(i.Id), Hash: ContentHash(i)))
            .DistinctBy(c => c.Guid)
            .ToList();
        var guids = candidates.Select(c => c.Guid).ToList();
        var hashes = candidates.Select(c => c.Hash).ToList();
        var existing = await db.Articles.Where(a => a.SourceId == source.Id && guids.Contains(a.Guid)).ToDictionaryAsync(a => a.Guid, cancellationToken);
        var knownHashes = (await db.Articles.Where(a => a.SourceId == source.Id && hashes.Contains(a.ContentHash)).Select(a => a.ContentHash).ToListAsync(cancellationToken)).ToHashSet();
        // The same issue by feed and by e-mail: same link, different text. Only across the two
        // channels, since some feeds give every item the same link.
        var links = candidates.Select(c => TrackingParameters.Strip(c.Item.Link)).OfType<Uri>().Where(u => u.AbsolutePath.Length > 1).ToList();
        var linked = links.Count == 0
            ? []
            : await db.Articles.Where(a => a.SourceId == source.Id && a.Url != null && links.Contains(a.Url)).Select(a => new { a.Url, a.Guid }).ToListAsync(cancellationToken);
        var knownLinks = linked.Select(a => (Url: a.Url!, ByEmail: a.Guid.StartsWith(NewsletterEmail.IdPrefix))).ToHashSet();

        int added = 0, updated = 0, unchanged = 0;
        foreach (var (item, guid, hash) in candidates)
        {
            if (existing.TryGetValue(guid, out var article))
            {
                if (article.ContentHash == hash)
                {
                    unchanged++;
                    continue;
                }

                ApplyEdit(article, item, hash);
                knownHashes.Add(hash);
                updated++;
                continue;
            }

            var link = TrackingParameters.Strip(item.Link);
            if (!knownHashes.Add(hash) || (link is not null && knownLinks.Contains((link, !guid.StartsWith(NewsletterEmail.IdPrefix, StringComparison.Ordinal)))))
            {
                unchanged++;
                continue;
            }

            db.Articles.Add(NewArticle(source, item, guid, hash, now));
            added++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return new SourceReport(source.Name, IngestOutcome.Fetched, added, updated, unchanged);
    }

    // An edit of a stored item: its new content hash makes it be summarized again; a feed date that is only the fetch
    // time does not move the date.
    private static void ApplyEdit(Article article, FeedItem item, string hash)
    {
        article.Title = TitleOf(item);
        article.Url = TrackingParameters.Strip(item.Link);
        article.Author = Truncate(item.Author, 500);
        article.Text = item.Text;
        article.ContentHash = hash;
        if (!item.PublishedIsFetchTime)
        {
            article.PublishedAt = item.Published;
        }
    }

    private static Article NewArticle(NewsletterSource source, FeedItem item, string guid, string hash, DateTimeOffset now) => new()
    {
        SourceId = source.Id,
        Guid = guid,
        Title = TitleOf(item),
        Url = TrackingParameters.Strip(item.Link),
        Author = Truncate(item.Author, 500),
        PublishedAt = item.Published,
        FetchedAt = now,
        Text = item.Text,
        ContentHash = hash,
    };

    /// <summary>SHA-256 of the cleaned title and text: the same issue reposted under a new guid has the same hash.</summary>
    internal static string ContentHash(FeedItem item) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(item.Title + "\n" + item.Text)));

    /// <summary>The next fetch time of a source: its own stable slot within the interval, at least half an interval away.</summary>
    internal static DateTimeOffset NextSlot(string sourceName, DateTimeOffset now, TimeSpan interval)
    {
        var phase = (long)(BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes(sourceName)), 0) % (ulong)interval.Ticks);
        var sinceEpoch = now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks - phase;
        var next = DateTimeOffset.UnixEpoch.AddTicks(phase + (Math.DivRem(sinceEpoch, interval.Ticks, out _) + 1) * interval.Ticks);
        return next - now < interval / 2 ? next + interval : next;
    }

    private static string StoredGuid(string id) =>
        id.Length <= 2000 ? id : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));

    private static string TitleOf(FeedItem item)
    {
        if (item.Title.Length > 0)
        {
            return item.Title;
        }

        var firstLine = item.Text.Split('\n', 2)[0];
        return firstLine.Length == 0 ? "(untitled)" : firstLine.Length > 120 ? firstLine[..120] + "…" : firstLine;
    }

    private static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];

    /// <summary>The newest <paramref name="max"/> items, in the feed's own order; all of them when there are no more.</summary>
    internal static IReadOnlyList<FeedItem> Newest(IReadOnlyList<FeedItem> items, int max)
    {
        if (items.Count <= max)
        {
            return items;
        }

        // Ties (items without a date share the fetch time) keep the feed's order, which lists the newest first.
        var kept = Enumerable.Range(0, items.Count)
            .OrderByDescending(i => items[i].Published)
            .ThenBy(i => i)
            .Take(max)
            .Order()
            .ToList();
        return kept.Select(i => items[i]).ToList();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Source} listed {Count} items; only the newest {Kept} were read (Feeds:MaxItemsPerFetch)")]
    private static partial void LogTooManyItems(ILogger logger, string source, int count, int kept);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Source}: the text of {Count} items was cut at {Max} characters")]
    private static partial void LogTextCut(ILogger logger, string source, int count, int max);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetched {Source}: {Outcome}, {New} new, {Updated} updated")]
    private static partial void LogFetched(ILogger logger, string source, IngestOutcome outcome, int @new, int updated);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fetching {Source} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string source, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Indexing the stored articles ({Indexer}) failed; the next ingestion run tries again")]
    private static partial void LogIndexFailed(ILogger logger, string indexer, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Source} moved permanently from {From} to {To}; the stored feed address follows")]
    private static partial void LogMoved(ILogger logger, string source, Uri? from, Uri to);
}
