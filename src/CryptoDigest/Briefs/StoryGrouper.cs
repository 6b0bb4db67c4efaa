using CryptoDigest.Knowledge;

namespace CryptoDigest.Briefs;

/// <summary>
/// Groups items that cover the same story across newsletters: TF-IDF cosine similarity of their
/// titles and summaries, joined when above a threshold (single link). Items of one newsletter
/// are never merged with each other, since one newsletter does not cover a story twice.
/// Bounded work: only the first <see cref="MaxItems"/> items are compared (pairwise, so at most
/// MaxItems squared comparisons); any further ones stay stories of their own.
/// </summary>
public static class StoryGrouper
{
    public const double SameStoryThreshold = 0.3;

    /// <summary>The most items compared with each other; the brief composer never passes more.</summary>
    public const int MaxItems = 200;

    public static IReadOnlyList<IReadOnlyList<T>> Group<T>(IReadOnlyList<T> items, Func<T, string> text, Func<T, string> source)
    {
        var compared = Math.Min(items.Count, MaxItems);
        var vectors = TfIdf(items.Take(compared).Select(i => TextTokenizer.Tokenize(text(i))).ToList());
        var parent = Enumerable.Range(0, items.Count).ToArray();
        // The newsletters in each group, kept at its root, so a join is checked without listing the group's members.
        var sources = Enumerable.Range(0, items.Count).Select(i => new HashSet<string>(StringComparer.Ordinal) { source(items[i]) }).ToArray();
        int Find(int i)
        {
            while (parent[i] != i)
            {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }

            return i;
        }

        for (var i = 0; i < compared; i++)
        {
            for (var j = i + 1; j < compared; j++)
            {
                var (a, b) = (Find(i), Find(j));
                // Only join when the merged group still has one item per newsletter.
                if (a != b && !sources[a].Overlaps(sources[b]) && Cosine(vectors[i], vectors[j]) >= SameStoryThreshold)
                {
                    parent[b] = a;
                    sources[a].UnionWith(sources[b]);
                }
            }
        }

        return Enumerable.Range(0, items.Count)
            .GroupBy(Find)
            .Select(g => (IReadOnlyList<T>)g.Select(k => items[k]).ToList())
            .ToList();
    }
    private static List<Dictionary<string, double>> TfIdf(IReadOnlyList<IReadOnlyList<string>> documents)
    {
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in documents.SelectMany(d => d.Distinct()))
        {
            df[term] = df.GetValueOrDefault(term) + 1;
        }

        return documents.Select(d => d
            .GroupBy(t => t, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count() * Math.Log(1 + ((double)documents.Count / df[g.Key])), StringComparer.Ordinal))
            .ToList();
    }

    private static double Cosine(Dictionary<string, double> a, Dictionary<string, double> b)
    {
        double dot = 0;
        foreach (var (term, weight) in a)
        {
            if (b.TryGetValue(term, out var other))
            {
                dot += weight * other;
            }
        }

        var norm = Math.Sqrt(a.Values.Sum(x => x * x)) * Math.Sqrt(b.Values.Sum(x => x * x));
        return norm == 0 ? 0 : dot / norm;
    }
}
