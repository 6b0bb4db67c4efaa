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

    // The share of a score kept by a document that covers none but one term of the query.
    private const double CoverageFloor = 0.5;

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
    public IReadOnlyList<(T Item, double Score)> Search(IReadOnlyList<string> queryTerms, Func<T, bool>? filter = null) =>
        Search(queryTerms.Distinct(StringComparer.Ordinal).Select(t => (t, 1.0)).ToList(), filter);

    /// <summary>
    /// Documents matching at least one weighted query term, best first. A document's BM25 score
    /// is scaled by how much of the query's weight it covers, so a passage that answers every part
    /// of a question beats one that repeats a single word of it.
    /// </summary>
    public IReadOnlyList<(T Item, double Score)> Search(IReadOnlyList<(string Term, double Weight)> queryTerms, Func<T, bool>? filter = null)
    {
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (term, weight) in queryTerms)
        {
            weights[term] = Math.Max(weights.GetValueOrDefault(term), weight);
        }

        var totalWeight = weights.Values.Sum();
        var results = new List<(T Item, double Score)>();
        foreach (var (item, counts, length) in _documents)
        {
            if (filter is not null && !filter(item))
            {
                continue;
            }

            double score = 0;
            double covered = 0;
            foreach (var (term, weight) in weights)
            {
                if (!counts.TryGetValue(term, out var frequency))
                {
                    continue;
                }

                var df = _documentFrequency[term];
                var idf = Math.Log(1 + ((_documents.Count - df + 0.5) / (df + 0.5)));
                score += weight * idf * frequency * (K1 + 1) / (frequency + (K1 * (1 - B + (B * length / _averageLength))));
                covered += weight;
            }

            if (score > 0)
            {
                results.Add((item, score * (CoverageFloor + ((1 - CoverageFloor) * covered / totalWeight))));
            }
        }

        results.Sort((x, y) => y.Score.CompareTo(x.Score));
        return results;
    }
}
