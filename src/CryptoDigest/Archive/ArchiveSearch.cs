using CryptoDigest.Knowledge;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Archive;

/// <summary>
/// Hybrid search of the newsletter archive: BM25 over the words and, when embeddings are on, exact cosine over
/// the passages' vectors, fused by reciprocal rank; an issue scores by its best passage plus half its second
/// best. Issues whose scores are within 2 % of each other count as equal and are shown newest first.
/// </summary>
public sealed partial class ArchiveSearch(ArchiveIndex index, ArchiveEmbedder embedder, IOptions<ArchiveOptions> options, TimeProvider time, ILogger<ArchiveSearch> logger)
{
    // Scores are compared in bands of 1/50 of the best: nearer than that, the newer issue comes first.
    private const int EqualityBands = 50;
    private const int MaxSentenceLength = 300;

    public int RetentionDays => options.Value.RetentionDays;

    /// <summary>The best matching issues for the query, at most <paramref name="count"/> (Archive:SearchResults when null).</summary>
    public async Task<ArchiveResult> SearchAsync(ArchiveQuery query, int? count, CancellationToken cancellationToken)
    {
        var snapshot = await index.GetAsync(cancellationToken);
        if (query.Source is not null && !snapshot.Sources.Any(query.MatchesSource))
        {
            return new ArchiveResult(query, [], UnknownSource: true, snapshot.Sources);
        }

        var cutoff = time.GetUtcNow().AddDays(-query.Days);
        var vector = snapshot.HasVectors ? await QueryVectorAsync(query.Words, cancellationToken) : null;
        var matches = snapshot.Search(query.Words, vector, (float)options.Value.MinSimilarity, p => p.PublishedAt >= cutoff && query.MatchesSource(p.Source));
        var terms = TextTokenizer.Tokenize(query.Words).ToHashSet(StringComparer.Ordinal);
        var issues = matches
            .GroupBy(m => m.Passage.ArticleId)
            .Select(g => ToHit(g.ToList(), terms))
            .ToList();
        var top = issues.Count == 0 ? 0 : issues.Max(h => h.Score);
        var hits = issues
            .OrderByDescending(h => Math.Round(h.Score / top * EqualityBands))
            .ThenByDescending(h => h.PublishedAt)
            .ThenByDescending(h => h.Score)
            .Take(count ?? options.Value.SearchResults)
            .ToList();
        return new ArchiveResult(query, hits, UnknownSource: false, snapshot.Sources);
    }

    /// <summary>The sentence of a passage that holds the most of the query's terms; the first one when none holds any (a match by meaning).</summary>
    public static string BestSentence(string passage, IReadOnlySet<string> terms)
    {
        var sentences = PassageCutter.Sentences(passage);
        var best = sentences
            .Select((s, i) => (Sentence: s, Index: i, Found: TextTokenizer.Tokenize(s).Distinct(StringComparer.Ordinal).Count(terms.Contains)))
            .OrderByDescending(s => s.Found)
            .ThenBy(s => s.Index)
            .Select(s => s.Sentence)
            .FirstOrDefault() ?? passage;
        return best.Length <= MaxSentenceLength ? best : best[..MaxSentenceLength].TrimEnd() + "…";
    }

    private static ArchiveHit ToHit(List<PassageMatch> passages, IReadOnlySet<string> terms)
    {
        // Fused results come best first, so the group keeps that order.
        var best = passages[0];
        var score = best.Score + (0.5 * (passages.Count > 1 ? passages[1].Score : 0));
        var p = best.Passage;
        return new ArchiveHit(p.ArticleId, p.Source, p.Title, p.Url, p.PublishedAt, p.IsSample, p.PassageId, p.Text, BestSentence(p.Text, terms), score);
    }

    /// <summary>The query's vector; null (words alone) when the embedding model cannot be reached or loaded.</summary>
    internal async Task<float[]?> QueryVectorAsync(string words, CancellationToken cancellationToken)
    {
        if (!embedder.IsOn)
        {
            return null;
        }

        try
        {
            return (await embedder.EmbedAsync([words], cancellationToken))[0];
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogNoVector(logger, ex);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The archive searched by words alone: the query could not be embedded")]
    private static partial void LogNoVector(ILogger logger, Exception exception);
}
