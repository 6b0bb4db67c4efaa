using CryptoDigest.Feeds;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Summaries;

/// <summary>One summarized newsletter item, as /digest shows it and the model reads it.</summary>
public sealed record DigestEntry(string Source, string Title, Uri? Url, DateTimeOffset PublishedAt, string Summary, bool IsSample);

/// <summary>The latest summarized articles, of all newsletters or of one; summaries come from the shared cache.</summary>
public sealed class DigestReader(IServiceScopeFactory scopes, ArticleSummarizer summarizer, IOptions<FeedsOptions> feeds, TimeProvider time)
{
    public const int DefaultCount = 6;

    /// <summary>Null when <paramref name="source"/> names no known newsletter; else the latest entries, newest first.</summary>
    public async Task<IReadOnlyList<DigestEntry>?> LatestAsync(string? source, int count, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        if (feeds.Value.UseSamplesWhenOffline)
        {
            await SampleArticles.EnsureAsync(db, time, cancellationToken);
        }

        var query = db.Articles.AsNoTracking().Include(a => a.Source).AsQueryable();
        if (!string.IsNullOrWhiteSpace(source))
        {
            var names = await db.Sources.AsNoTracking().Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken);
            // Exact name, then any case-insensitive prefix ("/digest bank" is Bankless; the shortest name wins a tie), then a part of the name.
            var match = names.FirstOrDefault(s => s.Name.Equals(source.Trim(), StringComparison.OrdinalIgnoreCase))
                ?? names.Where(s => s.Name.StartsWith(source.Trim(), StringComparison.OrdinalIgnoreCase)).OrderBy(s => s.Name.Length).ThenBy(s => s.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault()
                ?? names.FirstOrDefault(s => s.Name.Contains(source.Trim(), StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                return null;
            }

            query = query.Where(a => a.SourceId == match.Id);
        }

        // Ordered in memory: SQLite cannot order by a DateTimeOffset column on the server.
        var articles = (await query.OrderByDescending(a => a.Id).Take(count * 4).ToListAsync(cancellationToken))
            .OrderByDescending(a => a.PublishedAt)
            .Take(count)
            .ToList();
        var entries = new List<DigestEntry>();
        foreach (var article in articles)
        {
            var name = article.Source?.Name ?? "Unknown newsletter";
            var summary = await summarizer.GetOrCreateAsync(article, name, cancellationToken);
            entries.Add(new DigestEntry(name, article.Title, article.Url, article.PublishedAt, summary.Text, article.IsSample));
        }

        return entries;
    }
}
