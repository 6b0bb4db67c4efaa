namespace CryptoDigest.Knowledge;

/// <summary>
/// Okapi BM25 ranking over a fixed set of documents
/// (Robertson and Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond", 2009).
/// Built once; searching is read-only and safe from many threads.
/// </summary>
public sealed class Bm25Index<T>
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    private readonly List<(T Item, Dictionary<string, int> TermCounts, int Length)> _documents = [];
    private readonly Dictionary<string, int> _documentFrequency = new(StringComparer.Ordinal);
    private readonly double _averageLength;

    public Bm25Index(IEnumerable<(T Item, IReadOnlyList<string> Terms)> documents)
    {
        foreach (var (item, terms) in documents)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var term in terms)
            {
                counts[term] = counts.GetValueOrDefault(term) + 1;
            }

            foreach (var term in counts.Keys)
            {
                _documentFrequency[term] = _documentFrequency.GetValueOrDefault(term) + 1;
            }

            _documents.Add((item, counts, terms.Count));
        }

        _averageLength = _documents.Count == 0 ? 0 : _documents.Average(d => (double)d.Length);
    }

    public int Count => _documents.Count;

    /// <summary>Documents matching at least one query term, best first.</summary>
    public IReadOnlyList<(T Item, double Score)> Search(IReadOnlyList<string> queryTerms, Func<T, bool>? filter = null)
    {
        var distinctTerms = queryTerms.Distinct(StringComparer.Ordinal).ToList();
        var results = new List<(T Item, double Score)>();
        foreach (var (item, counts, length) in _documents)
        {
            if (filter is not null && !filter(item))
            {
                continue;
            }

            double score = 0;
            foreach (var term in distinctTerms)
            {
                if (!counts.TryGetValue(term, out var frequency))
                {
                    continue;
                }

                var df = _documentFrequency[term];
                var idf = Math.Log(1 + ((_documents.Count - df + 0.5) / (df + 0.5)));
                score += idf * frequency * (K1 + 1) / (frequency + (K1 * (1 - B + (B * length / _averageLength))));
            }

            if (score > 0)
            {
                results.Add((item, score));
            }
        }

        results.Sort((x, y) => y.Score.CompareTo(x.Score));
        return results;
    }
}
