using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Feeds;

/// <summary>
/// The newsletter sources in storage: kept in step with configuration (Feeds:Sources), listed
/// for /sources, added and removed by the operator's source editors, imported from
/// and exported to OPML. Scoped: it works on the request's <see cref="DigestDbContext"/>.
/// </summary>
public sealed partial class FeedSources(DigestDbContext db, FeedFetcher fetcher, IOptions<FeedsOptions> options, TimeProvider time, ILogger<FeedSources> logger)
{
    /// <summary>Makes storage match configuration: new configured sources are added, changed ones updated.</summary>
    public async Task SyncConfiguredAsync(CancellationToken cancellationToken)
    {
        var stored = await db.Sources.ToDictionaryAsync(s => s.Name, StringComparer.OrdinalIgnoreCase, cancellationToken);
        foreach (var configured in options.Value.Sources)
        {
            var name = configured.Name.Trim();
            var feedUrl = ToUri(configured.FeedUrl);
            if (!stored.TryGetValue(name, out var source))
            {
                source = new NewsletterSource { Name = name, FeedUrl = feedUrl, ConfiguredFeedUrl = feedUrl };
                db.Sources.Add(source);
            }
            else if (source.ConfiguredFeedUrl != feedUrl)
            {
                // The operator corrected the address: it wins over a redirect we followed before.
                source.FeedUrl = feedUrl;
                source.ConfiguredFeedUrl = feedUrl;
                source.ETag = null;
                source.LastModified = null;
                source.ConsecutiveFailures = 0;
                source.NextFetchAt = null;
            }

            source.SiteUrl = ToUri(configured.SiteUrl);
            source.Description = configured.Description.Trim();
            source.Enabled = configured.Enabled;
            source.AddedByUser = false;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Every source except the bundled samples, by name.</summary>
    public async Task<IReadOnlyList<NewsletterSource>> ListAsync(CancellationToken cancellationToken) =>
        await db.Sources.AsNoTracking()
            .Where(s => s.Name != SampleArticles.SourceName)
            .OrderBy(s => s.Name)
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Adds a user-given feed or site address after fetching it through the guarded fetcher (so
    /// an SSRF attempt fails here) and parsing it; the source is named after the feed's title.
    /// </summary>
    /// <param name="url">The address as the editor gave it.</param>
    /// <param name="addedBy">The editor, as "platform:user id", recorded on the source.</param>
    /// <param name="cancellationToken">Stops the fetch.</param>
    /// <returns>The new source, or an error to show the editor.</returns>
    public async Task<(NewsletterSource? Source, string? Error)> AddAsync(string url, string addedBy, CancellationToken cancellationToken)
    {
        if (!FeedsOptions.IsHttpUrl(url))
        {
            return (null, "give an http or https address, e.g. /sources add https://example.substack.com/feed");
        }

        // Checked before any fetch, so a full list costs nothing; two adds at once may pass it together, which the cap can afford.
        var max = options.Value.MaxUserSources;
        if (await db.Sources.CountAsync(s => s.AddedByUser, cancellationToken) >= max)
        {
            return (null, $"the bot already has {max} sources added in chat, its limit (Feeds:MaxUserSources); remove one first with /sources remove <name>");
        }

        var requested = new Uri(url.Trim());
        if (await db.Sources.AnyAsync(s => s.FeedUrl == requested || s.SiteUrl == requested, cancellationToken))
        {
            return (null, $"{requested} is already a source");
        }

        ParsedFeed feed;
        FetchResult fetched;
        try
        {
            fetched = await fetcher.FetchFeedAsync(requested, null, null, cancellationToken);
            feed = FeedParser.Parse(fetched.Content, fetched.Charset, fetched.FinalUrl, time.GetUtcNow(), options.Value.MaxFeedBytes);
        }
        catch (Exception ex) when (ex is FeedFetchException or FeedFormatException)
        {
            // The member sees the safe reason; where the name resolved to stays in the log.
            LogAddRefused(logger, requested, ex.Message);
            return (null, $"{requested} cannot be added: {(ex is FeedFetchException fetch ? fetch.MemberMessage : ex.Message)}");
        }

        var feedUrl = fetched.PermanentUrl ?? (fetched.FinalUrl == requested ? requested : fetched.FinalUrl);
        var baseName = feed.Title.Length > 0 ? feed.Title : requested.Host;
        baseName = baseName.Length > 180 ? baseName[..180] : baseName;
        var name = baseName;
        for (var n = 2; await db.Sources.AnyAsync(s => s.Name == name, cancellationToken); n++)
        {
            name = $"{baseName} ({n})";
        }

        var source = new NewsletterSource
        {
            Name = name,
            FeedUrl = feedUrl,
            SiteUrl = feed.SiteUrl,
            Description = "Added in chat",
            AddedByUser = true,
            AddedBy = addedBy.Length > 100 ? addedBy[..100] : addedBy,
        };
        db.Sources.Add(source);
        await db.SaveChangesAsync(cancellationToken);
        return (source, null);
    }

    /// <summary>Removes a source that is not in the configuration (configured ones are disabled there instead), with its articles.</summary>
    /// <returns>An error to show, or null when removed.</returns>
    public async Task<string?> RemoveAsync(string name, CancellationToken cancellationToken)
    {
        var source = await db.Sources.FirstOrDefaultAsync(s => s.Name == name.Trim(), cancellationToken)
            ?? (await db.Sources.ToListAsync(cancellationToken)).FirstOrDefault(s => string.Equals(s.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
        if (source is null || source.Name == SampleArticles.SourceName)
        {
            return $"there is no source named \"{name.Trim()}\" (see /sources)";
        }

        if (options.Value.Sources.Any(s => string.Equals(s.Name.Trim(), source.Name, StringComparison.OrdinalIgnoreCase)))
        {
            return $"{source.Name} comes from the operator's configuration; it can be disabled there (Feeds:Sources, Enabled=false)";
        }

        db.Sources.Remove(source);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Adds the OPML's feeds that are not sources yet (by name or feed address).</summary>
    /// <returns>How many were added and how many were already there.</returns>
    public async Task<(int Added, int Existing)> ImportAsync(IReadOnlyList<OpmlOutline> outlines, CancellationToken cancellationToken)
    {
        var stored = await db.Sources.ToListAsync(cancellationToken);
        var added = 0;
        foreach (var outline in outlines)
        {
            if (stored.Any(s => string.Equals(s.Name, outline.Name, StringComparison.OrdinalIgnoreCase) || s.FeedUrl == outline.FeedUrl))
            {
                continue;
            }

            var source = new NewsletterSource
            {
                Name = outline.Name.Length > 200 ? outline.Name[..200] : outline.Name,
                FeedUrl = outline.FeedUrl,
                SiteUrl = outline.SiteUrl,
                Description = outline.Description,
            };
            db.Sources.Add(source);
            stored.Add(source);
            added++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return (added, outlines.Count - added);
    }

    /// <summary>Every source with a feed address, as OPML outlines.</summary>
    public async Task<IReadOnlyList<OpmlOutline>> ExportAsync(CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken))
            .Where(s => s.FeedUrl is not null)
            .Select(s => new OpmlOutline(s.Name, s.FeedUrl!, s.SiteUrl, s.Description))
            .ToList();

    private static Uri? ToUri(string? value) => string.IsNullOrWhiteSpace(value) ? null : new Uri(value.Trim());

    [LoggerMessage(Level = LogLevel.Warning, Message = "A chat asked to add {Url}, refused: {Reason}")]
    private static partial void LogAddRefused(ILogger logger, Uri url, string reason);
}
