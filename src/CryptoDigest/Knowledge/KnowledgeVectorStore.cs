using System.Data.Common;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CryptoDigest.Knowledge;

/// <summary>
/// Keeps the knowledge passages' vectors in the database, so a restart (or a second instance) reads them instead of
/// embedding every passage again: about ten seconds of processor time with the local model, competing with the
/// first members' commands, and hundreds of paid calls with an endpoint. A store that cannot be read or written
/// (a verb that runs before the migrations) costs only the embedding it would have saved.
/// </summary>
public sealed partial class KnowledgeVectorStore(IServiceScopeFactory scopes, TimeProvider time, ILogger<KnowledgeVectorStore> logger)
{
    /// <summary>The stored vectors of these keys; the ones not stored are absent.</summary>
    public async Task<Dictionary<string, float[]>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
            var rows = await db.StoredEmbeddings.AsNoTracking().Where(e => keys.Contains(e.Key)).ToListAsync(cancellationToken);
            return rows
                .Select(r => (r.Key, Vector: VectorBytes.ToVector(r.Vector)))
                .Where(r => r.Vector is not null)
                .ToDictionary(r => r.Key, r => r.Vector!, StringComparer.Ordinal);
        }
        catch (Exception exception) when (exception is DbException or InvalidOperationException)
        {
            LogReadFailed(logger, exception);
            return new(StringComparer.Ordinal);
        }
    }

    /// <summary>Stores vectors just made; when another instance stored them first, theirs are kept.</summary>
    public async Task WriteAsync(IReadOnlyList<(string Key, float[] Vector)> vectors, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
            var now = time.GetUtcNow();
            db.StoredEmbeddings.AddRange(vectors.Select(v => new StoredEmbedding { Key = v.Key, Vector = VectorBytes.ToBytes(v.Vector), CreatedAt = now }));
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is DbException or DbUpdateException or InvalidOperationException)
        {
            LogWriteFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The stored knowledge vectors could not be read; the passages are embedded instead")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "The knowledge vectors could not be stored (another instance may have stored them first)")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception);
}
