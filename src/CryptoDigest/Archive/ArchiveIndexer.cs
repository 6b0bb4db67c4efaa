using System.Security.Cryptography;
using System.Text;
using CryptoDigest.Feeds;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Archive;

/// <summary>
/// Keeps the archive's passages in step with the stored articles, called by the ingest job after every run:
/// passages past Archive:RetentionDays go; an article whose content hash has no passages yet (new, or edited)
/// is cut again, keeping the rows (and vectors) of passages whose text is unchanged; then passages without a
/// vector of the current model get one. A passage whose text hash is known is never embedded again.
/// </summary>
public sealed partial class ArchiveIndexer(
    IServiceScopeFactory scopes,
    ArchiveEmbedder embedder,
    ArchiveIndex index,
    IOptions<ArchiveOptions> options,
    TimeProvider time,
    ILogger<ArchiveIndexer> logger) : IArticleIndexer
{
    private const int ArticlesPerSave = 50;
    private const int EmbeddingsPerSave = 64;
    private const int IdsPerDelete = 500;

    // One run at a time in a process: the job and `feeds fetch` may overlap.
    private readonly SemaphoreSlim _running = new(1, 1);

    public async Task IndexStoredArticlesAsync(CancellationToken cancellationToken)
    {
        await _running.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
            var cutoff = time.GetUtcNow().AddDays(-options.Value.RetentionDays);
            var indexed = await RemoveExpiredAsync(db, cutoff, cancellationToken);
            var cut = await CutChangedArticlesAsync(db, indexed, cutoff, cancellationToken);
            var embedded = await EmbedMissingAsync(db, cancellationToken);
            LogIndexed(logger, cut, embedded);
            index.Invalidate();
        }
        finally
        {
            _running.Release();
        }
    }

    /// <summary>SHA-256 of a passage's text, hex: the key that spares an unchanged passage a new vector.</summary>
    public static string TextHash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Deletes passages of issues past the retention window; returns which article versions the rest index.</summary>
    private static async Task<HashSet<(long ArticleId, string ContentHash)>> RemoveExpiredAsync(DigestDbContext db, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        // Compared in memory: SQLite keeps instants as numbers a query parameter is not compared with.
        var passages = await db.ArchivePassages.AsNoTracking()
            .Select(p => new { p.Id, p.ArticleId, p.ArticleContentHash, p.PublishedAt })
            .ToListAsync(cancellationToken);
        var expired = passages.Where(p => p.PublishedAt < cutoff).Select(p => p.Id).ToList();
        foreach (var ids in expired.Chunk(IdsPerDelete))
        {
            await db.ArchivePassages.Where(p => ids.Contains(p.Id)).ExecuteDeleteAsync(cancellationToken);
        }

        return passages.Where(p => p.PublishedAt >= cutoff).Select(p => (p.ArticleId, p.ArticleContentHash)).ToHashSet();
    }

    private async Task<int> CutChangedArticlesAsync(DigestDbContext db, HashSet<(long ArticleId, string ContentHash)> indexed, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var articles = await db.Articles.AsNoTracking()
            .Select(a => new { a.Id, a.ContentHash, a.PublishedAt })
            .ToListAsync(cancellationToken);
        var changed = articles
            .Where(a => a.PublishedAt >= cutoff && !indexed.Contains((a.Id, a.ContentHash)))
            .Select(a => a.Id)
            .ToList();
        foreach (var ids in changed.Chunk(ArticlesPerSave))
        {
            var batch = await db.Articles.Where(a => ids.Contains(a.Id)).ToListAsync(cancellationToken);
            var existing = (await db.ArchivePassages.Where(p => ids.Contains(p.ArticleId)).ToListAsync(cancellationToken)).ToLookup(p => p.ArticleId);
            foreach (var article in batch)
            {
                await CutAsync(db, article, existing[article.Id].ToList(), cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        return changed.Count;
    }

    /// <summary>
    /// The article's passages as its current text gives them: a passage whose text is already stored (for this
    /// article, or with a vector of the current model elsewhere, a repost) keeps or copies that vector.
    /// </summary>
    private async Task CutAsync(DigestDbContext db, Article article, List<ArchivePassage> existing, CancellationToken cancellationToken)
    {
        var texts = PassageCutter.Cut(article.Title, article.Text);
        var hashes = texts.Select(TextHash).ToList();
        var unused = existing.ToList();
        var model = embedder.Model;
        var elsewhere = model is null
            ? []
            : (await db.ArchivePassages.AsNoTracking()
                .Where(p => hashes.Contains(p.TextHash) && p.EmbeddingModel == model && p.ArticleId != article.Id)
                .Select(p => new { p.TextHash, p.Embedding })
                .ToListAsync(cancellationToken))
                .DistinctBy(p => p.TextHash)
                .ToDictionary(p => p.TextHash, p => p.Embedding);
        var now = time.GetUtcNow();
        for (var ordinal = 0; ordinal < texts.Count; ordinal++)
        {
            var kept = unused.FirstOrDefault(p => p.TextHash == hashes[ordinal]);
            if (kept is not null)
            {
                unused.Remove(kept);
                kept.Ordinal = ordinal;
                kept.ArticleContentHash = article.ContentHash;
                kept.PublishedAt = article.PublishedAt;
                continue;
            }

            var copied = elsewhere.GetValueOrDefault(hashes[ordinal]);
            db.ArchivePassages.Add(new ArchivePassage
            {
                ArticleId = article.Id,
                Ordinal = ordinal,
                Text = texts[ordinal],
                TextHash = hashes[ordinal],
                ArticleContentHash = article.ContentHash,
                PublishedAt = article.PublishedAt,
                Embedding = copied,
                EmbeddingModel = copied is null ? null : model,
                IndexedAt = now,
            });
        }

        db.ArchivePassages.RemoveRange(unused);
    }

    /// <summary>Embeds passages that have no vector of the current model, newest first, up to Archive:MaxEmbeddingsPerRun.</summary>
    private async Task<int> EmbedMissingAsync(DigestDbContext db, CancellationToken cancellationToken)
    {
        if (embedder.Model is not { } model)
        {
            return 0;
        }

        var done = 0;
        while (done < options.Value.MaxEmbeddingsPerRun)
        {
            var take = Math.Min(EmbeddingsPerSave, options.Value.MaxEmbeddingsPerRun - done);
            var batch = await db.ArchivePassages
                .Where(p => p.EmbeddingModel == null || p.EmbeddingModel != model)
                .OrderByDescending(p => p.Id)
                .Take(take)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            var vectors = await embedder.EmbedAsync(batch.Select(p => p.Text).ToList(), cancellationToken);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Embedding = VectorBytes.ToBytes(vectors[i]);
                batch[i].EmbeddingModel = model;
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            done += batch.Count;
        }

        return done;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Archive: {Articles} articles cut into passages, {Embedded} passages embedded")]
    private static partial void LogIndexed(ILogger logger, int articles, int embedded);
}
