using CryptoDigest.Knowledge;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Archive;

/// <summary>
/// The archive held in memory for exact search, read from the database when it changed: every search asks
/// the database for a cheap version (passage count, highest id, vectors of the current model), so passages
/// another instance indexed are seen too. At most Archive:MaxPassages passages, the newest, are held.
/// </summary>
public sealed partial class ArchiveIndex(IServiceScopeFactory scopes, ArchiveEmbedder embedder, IndexedVocabulary vocabulary, IOptions<ArchiveOptions> options, ILogger<ArchiveIndex> logger)
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile ArchiveSnapshot _snapshot = ArchiveSnapshot.Empty;

    /// <summary>Forgets the snapshot, so the next search reads the database again (after this process indexed).</summary>
    public void Invalidate() => _snapshot = ArchiveSnapshot.Empty;

    /// <summary>The current archive, read again when the database changed since the last read.</summary>
    public async Task<ArchiveSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        var version = await ReadVersionAsync(db, cancellationToken);
        if (_snapshot.Version == version)
        {
            return _snapshot;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_snapshot.Version != version)
            {
                _snapshot = new ArchiveSnapshot(await LoadAsync(db, cancellationToken), version);

                // The knowledge base's name rule reads the archive's words too (docs/knowledge-retrieval.md).
                vocabulary.Set("archive", _snapshot.Vocabulary);
            }

            return _snapshot;
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task<string> ReadVersionAsync(DigestDbContext db, CancellationToken cancellationToken)
    {
        var model = embedder.Model;
        var count = await db.ArchivePassages.CountAsync(cancellationToken);
        var highest = count == 0 ? 0 : await db.ArchivePassages.MaxAsync(p => p.Id, cancellationToken);
        var embedded = model is null ? 0 : await db.ArchivePassages.CountAsync(p => p.EmbeddingModel == model, cancellationToken);
        return $"{count}:{highest}:{model}:{embedded}";
    }

    private async Task<List<IndexedPassage>> LoadAsync(DigestDbContext db, CancellationToken cancellationToken)
    {
        var model = embedder.Model;
        var limit = options.Value.MaxPassages;
        var rows = await db.ArchivePassages.AsNoTracking()
            .OrderByDescending(p => p.Id)
            .Take(limit)
            .Select(p => new
            {
                p.Id,
                p.ArticleId,
                Source = p.Article!.Source!.Name,
                p.Article.Title,
                p.Article.Url,
                p.PublishedAt,
                p.Article.IsSample,
                p.Text,
                Embedding = p.EmbeddingModel == model ? p.Embedding : null,
            })
            .ToListAsync(cancellationToken);
        if (rows.Count == limit)
        {
            LogLimited(logger, limit);
        }

        return rows
            .Select(r => new IndexedPassage(r.Id, r.ArticleId, r.Source, r.Title, r.Url, r.PublishedAt, r.IsSample, r.Text, VectorBytes.ToVector(r.Embedding)))
            .ToList();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The archive holds {Limit} passages in memory (Archive:MaxPassages); older passages are not searched (docs/archive.md says what to use for a larger archive)")]
    private static partial void LogLimited(ILogger logger, int limit);
}
