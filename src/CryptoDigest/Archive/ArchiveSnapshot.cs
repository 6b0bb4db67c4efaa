using CryptoDigest.Knowledge;

namespace CryptoDigest.Archive;

/// <summary>
/// The archive at one moment, in memory and read-only: the passages, their BM25 index (title and text) and
/// their vectors. Searching fuses the word ranking and the meaning ranking with reciprocal rank fusion.
/// </summary>
public sealed class ArchiveSnapshot
{
    // Candidates each ranking gives to the fusion.
    private const int Candidates = 100;

    private readonly Bm25Index<int> _words;
    private readonly float[]?[] _vectors;
    private readonly Lazy<IReadOnlySet<string>> _vocabulary;

    public ArchiveSnapshot(IReadOnlyList<IndexedPassage> passages, string version)
    {
        Passages = passages;
        Version = version;
        _words = new Bm25Index<int>(passages.Select((p, i) => (i, TextTokenizer.Tokenize(p.Title + "\n" + p.Text))));
        _vectors = passages.Select(p => p.Vector).ToArray();
        HasVectors = _vectors.Any(v => v is not null);
        _vocabulary = new Lazy<IReadOnlySet<string>>(() => IndexedVocabulary.Of(passages.SelectMany(p => new[] { p.Title, p.Text })));
        Sources = passages.Select(p => p.Source).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
    }

    public static ArchiveSnapshot Empty { get; } = new([], string.Empty);

    public IReadOnlyList<IndexedPassage> Passages { get; }

    /// <summary>What the database held when this was read; a different one means reading again.</summary>
    public string Version { get; }

    /// <summary>The newsletters that have passages in the archive.</summary>
    public IReadOnlyList<string> Sources { get; }

    public bool HasVectors { get; }

    /// <summary>The words of every passage's title and text, as written and stemmed (made on first use).</summary>
    public IReadOnlySet<string> Vocabulary => _vocabulary.Value;

    /// <summary>
    /// Passages matching the words (BM25) or close in meaning (cosine at least <paramref name="minSimilarity"/>),
    /// best fused first, with the similarity when the vectors ranked it.
    /// </summary>
    public IReadOnlyList<PassageMatch> Search(string words, float[]? queryVector, float minSimilarity, Func<IndexedPassage, bool> filter)
    {
        var byWords = _words.Search(TextTokenizer.Tokenize(words), i => filter(Passages[i]))
            .Take(Candidates)
            .Select(r => r.Item)
            .ToList();
        var byMeaning = queryVector is null
            ? []
            : ExactVectorSearch.Nearest(queryVector, _vectors, Candidates, minSimilarity, i => filter(Passages[i]));
        var similarity = byMeaning.ToDictionary(m => m.Index, m => m.Similarity);
        var wordRank = byWords.Select((item, rank) => (item, rank)).ToDictionary(x => x.item, x => x.rank);
        return ReciprocalRankFusion.Fuse([byWords, byMeaning.Select(m => m.Index).ToList()])
            .Select(f => new PassageMatch(
                Passages[f.Item],
                f.Score,
                wordRank.TryGetValue(f.Item, out var rank) ? rank : null,
                similarity.TryGetValue(f.Item, out var s) ? s : null))
            .ToList();
    }
}
