using CryptoDigest.Knowledge;

namespace CryptoDigest.Briefs;

/// <summary>
/// Groups items that cover the same story across newsletters: TF-IDF cosine similarity of their
/// titles and summaries, joined when above a threshold (single link). Items of one newsletter
/// are never merged with each other, since one newsletter does not cover a story twice.
/// </summary>
public static class StoryGrouper
{
    public const double SameStoryThreshold = 0.3;

    public static IReadOnlyList<IReadOnlyList<T>> Group<T>(IReadOnlyList<T> items, Func<T, string> text, Func<T, string> source)
    {
        var vectors = TfIdf(items.Select(i => TextTokenizer.Tokenize(text(i))).ToList());
        var parent = Enumerable.Range(0, items.Count).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);

        for (var i = 0; i < items.Count; i++)
        {
            for (var j = i + 1; j < items.Count; j++)
            {
                if (source(items[i]) != source(items[j]) && Cosine(vectors[i], vectors[j]) >= SameStoryThreshold)
                {
                    var (a, b) = (Find(i), Find(j));
                    var members = Enumerable.Range(0, items.Count).Where(k => Find(k) == a || Find(k) == b);
                    // Only join when the merged group still has one item per newsletter.
                    if (members.GroupBy(k => source(items[k])).All(g => g.Count() == 1))
                    {
                        parent[b] = a;
                    }
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
