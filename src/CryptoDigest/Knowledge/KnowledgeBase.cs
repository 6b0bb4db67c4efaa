using System.Reflection;

namespace CryptoDigest.Knowledge;

/// <summary>
/// The curated passages the bot answers from, embedded in this assembly (Knowledge/*.md),
/// ranked with BM25. Titles and keywords weigh more than the body because they are
/// written in the words members use when they ask.
/// </summary>
public sealed class KnowledgeBase
{
    private const int TitleWeight = 3;
    private const int KeywordWeight = 2;

    private readonly Bm25Index<KnowledgePassage> _index;

    public KnowledgeBase(IEnumerable<KnowledgePassage> passages)
    {
        Passages = passages.ToList();
        _index = new Bm25Index<KnowledgePassage>(Passages.Select(p => (p, Terms(p))));
    }

    public IReadOnlyList<KnowledgePassage> Passages { get; }

    /// <summary>Loads every embedded knowledge file; a malformed file fails loudly at start.</summary>
    public static KnowledgeBase LoadEmbedded()
    {
        var assembly = typeof(KnowledgeBase).Assembly;
        var passages = new List<KnowledgePassage>();
        foreach (var topic in Enum.GetValues<KnowledgeTopic>())
        {
            var name = $"CryptoDigest.Knowledge.{topic.ToString().ToLowerInvariant()}.md";
            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"The knowledge file {name} is missing from {assembly.GetName().Name}.");
            using var reader = new StreamReader(stream);
            passages.AddRange(KnowledgeTextParser.Parse(topic, reader.ReadToEnd(), name));
        }

        return new KnowledgeBase(passages);
    }

    /// <summary>The best passages for a question, optionally limited to some topics.</summary>
    public IReadOnlyList<RankedPassage> Search(string question, int top, params KnowledgeTopic[] topics)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(top);
        var terms = TextTokenizer.Tokenize(question);
        if (terms.Count == 0)
        {
            return [];
        }

        Func<KnowledgePassage, bool>? filter = topics.Length == 0 ? null : p => topics.Contains(p.Topic);
        return _index.Search(terms, filter).Take(top).Select(r => new RankedPassage(r.Item, r.Score)).ToList();
    }

    private static IReadOnlyList<string> Terms(KnowledgePassage passage)
    {
        var terms = new List<string>();
        var title = TextTokenizer.Tokenize(passage.Title);
        var keywords = TextTokenizer.Tokenize(string.Join(' ', passage.Keywords));
        for (var i = 0; i < TitleWeight; i++)
        {
            terms.AddRange(title);
        }

        for (var i = 0; i < KeywordWeight; i++)
        {
            terms.AddRange(keywords);
        }

        terms.AddRange(TextTokenizer.Tokenize(passage.Body));
        return terms;
    }
}
