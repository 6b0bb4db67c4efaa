using CryptoDigest.Feeds;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Summaries;

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
            var stored = await StoredSourcesAsync(db, cancellationToken);
            if (MatchSource(source, Listed(stored)) is not { } name)
            {
                return null;
            }

            if (stored.FirstOrDefault(s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) is not { } match)
            {
                // Listed but never fetched: a known newsletter with no issues yet.
                return [];
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
            entries.Add(new DigestEntry(name, SummaryLinks.Title(article.Title), article.Url, article.PublishedAt, summary.Text, article.IsSample));
        }

        return entries;
    }

    /// <summary>
    /// The listed name <paramref name="source"/> stands for ("Bankless" for "bank"), so a reply names the
    /// newsletter rather than echoing the member's words; null when it names none.
    /// </summary>
    public async Task<string?> ListedNameAsync(string source, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        return MatchSource(source, Listed(await StoredSourcesAsync(db, cancellationToken)));
    }

    private sealed record StoredSource(long Id, string Name);

    private static Task<List<StoredSource>> StoredSourcesAsync(DigestDbContext db, CancellationToken cancellationToken) =>
        db.Sources.AsNoTracking().Where(s => s.Name != SampleArticles.SourceName).Select(s => new StoredSource(s.Id, s.Name)).ToListAsync(cancellationToken);

    // The same names /sources lists: configured ones (stored or not yet) and user-added ones.
    private List<string> Listed(List<StoredSource> stored) =>
        feeds.Value.Sources.Select(s => s.Name.Trim()).Concat(stored.Select(s => s.Name)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>
    /// The listed newsletter a member means, case-insensitively: its full name, its short name
    /// (the part before a parenthesis, "Glassnode" for "Glassnode (The Week On-Chain)"), the part in
    /// the parenthesis, a prefix of the name ("coin m"), then a word-start or any part of it. Null when none fits.
    /// </summary>
    internal static string? MatchSource(string query, IReadOnlyList<string> names)
    {
        var wanted = Normalize(query);
        if (wanted.Length == 0)
        {
            return null;
        }

        Func<string, bool>[] rules =
        [
            name => Normalize(name) == wanted,
            name => Normalize(ShortName(name)) == wanted || Normalize(WithoutArticle(ShortName(name))) == wanted,
            name => Normalize(Parenthesis(name)) == wanted,
            name => Normalize(name).StartsWith(wanted, StringComparison.Ordinal) || Normalize(WithoutArticle(name)).StartsWith(wanted, StringComparison.Ordinal),
            name => (" " + Normalize(name)).Contains(" " + wanted, StringComparison.Ordinal),
            name => Normalize(name).Contains(wanted, StringComparison.Ordinal),
        ];
        foreach (var rule in rules)
        {
            // Among several that fit one rule, the shortest name is the most specific.
            if (names.Where(rule).OrderBy(n => n.Length).ThenBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault() is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private static string Normalize(string text) =>
        string.Join(' ', text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string ShortName(string name) => name.IndexOf('(', StringComparison.Ordinal) is > 0 and var at ? name[..at] : name;

    private static string Parenthesis(string name) =>
        name.IndexOf('(', StringComparison.Ordinal) is > 0 and var open && name.IndexOf(')', open) is > 0 and var close ? name[(open + 1)..close] : string.Empty;

    private static string WithoutArticle(string name) =>
        name.TrimStart().StartsWith("the ", StringComparison.OrdinalIgnoreCase) ? name.TrimStart()[4..] : name;
}
