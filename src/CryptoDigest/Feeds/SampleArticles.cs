using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;

namespace CryptoDigest.Feeds;

/// <summary>
/// The embedded default for newsletters (docs/architecture.md): a few sample issues written for this
/// project (Feeds/Samples/sample-issues.xml), stored with <see cref="Article.IsSample"/> set under
/// a disabled source, only while no live article exists, and removed once live ones arrive. Every
/// reply that uses an article with IsSample must label it as a sample.
/// </summary>
public static class SampleArticles
{
    /// <summary>The disabled source the samples are stored under; never fetched, never listed by /sources.</summary>
    public const string SourceName = "CryptoDigest samples";

    private const string ResourceName = "CryptoDigest.Feeds.Samples.sample-issues.xml";

    /// <summary>The sample issues, parsed by the same parser as live feeds.</summary>
    public static ParsedFeed Load(DateTimeOffset now)
    {
        using var stream = typeof(SampleArticles).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return FeedParser.Parse(buffer.ToArray(), null, null, now);
    }

    /// <summary>Stores the samples when there is no live article, and removes them when there is.</summary>
    /// <returns>How many sample articles are stored afterwards.</returns>
    public static async Task<int> EnsureAsync(DigestDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StoreOrRemoveAsync(db, time, cancellationToken);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another request is storing them at the same moment (the source name and each guid are unique).
                // Look again rather than answer from a half-stored set: a request that lost the race for the
                // source row used to find no articles yet and answer "no newsletter items".
                db.ChangeTracker.Clear();
            }
        }
    }

    private static async Task<int> StoreOrRemoveAsync(DigestDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await db.Articles.AnyAsync(a => !a.IsSample, cancellationToken))
        {
            await db.Articles.Where(a => a.IsSample).ExecuteDeleteAsync(cancellationToken);
            return 0;
        }

        var stored = await db.Articles.CountAsync(a => a.IsSample, cancellationToken);
        if (stored > 0)
        {
            return stored;
        }

        var source = await db.Sources.FirstOrDefaultAsync(s => s.Name == SourceName, cancellationToken);
        if (source is null)
        {
            source = new NewsletterSource
            {
                Name = SourceName,
                Enabled = false,
                Description = "Sample issues bundled with the bot, used only while no live feed can be reached",
            };
            db.Sources.Add(source);
            await db.SaveChangesAsync(cancellationToken);
        }

        var now = time.GetUtcNow();
        var samples = Load(now).Items;
        foreach (var item in samples)
        {
            db.Articles.Add(new Article
            {
                SourceId = source.Id,
                Guid = item.Id,
                Title = item.Title,
                Url = item.Link is null ? null : new Uri(item.Link),
                Author = item.Author,
                PublishedAt = item.Published,
                FetchedAt = now,
                Text = item.Text,
                ContentHash = FeedIngestor.ContentHash(item),
                IsSample = true,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        return samples.Count;
    }
}
