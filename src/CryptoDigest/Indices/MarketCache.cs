using System.Data.Common;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CryptoDigest.Indices;

/// <summary>
/// Market API responses kept in the database (table MarketCache), shared by every instance. The
/// cache is a help, never a requirement: a database error is logged and the request goes on as if
/// nothing were cached.
/// </summary>
public sealed partial class MarketCache(IServiceScopeFactory scopes, ILogger<MarketCache> logger)
{
    public async Task<CachedResponse?> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
            var entry = await db.MarketCache.AsNoTracking().FirstOrDefaultAsync(e => e.Key == key, cancellationToken);
            return entry is null ? null : new CachedResponse(entry.Body, entry.FetchedAt);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            LogUnavailable(logger, ex);
            return null;
        }
    }

    public async Task PutAsync(string key, string body, DateTimeOffset fetchedAt, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
            var entry = await db.MarketCache.FirstOrDefaultAsync(e => e.Key == key, cancellationToken);
            if (entry is null)
            {
                db.MarketCache.Add(new MarketCacheEntry { Key = key, Body = body, FetchedAt = fetchedAt });
            }
            else
            {
                entry.Body = body;
                entry.FetchedAt = fetchedAt;
            }

            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException or InvalidOperationException)
        {
            // Another instance storing the same key at once is the usual cause: its copy is as good.
            LogUnavailable(logger, ex);
        }
    }

    /// <summary>Deletes the responses fetched before <paramref name="olderThan"/>: old windows and coins no answer asks for any more.</summary>
    public async Task<int> PruneAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
            return await db.MarketCache.Where(e => e.FetchedAt < olderThan).ExecuteDeleteAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            LogUnavailable(logger, ex);
            return 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The market data cache could not be used")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);
}
