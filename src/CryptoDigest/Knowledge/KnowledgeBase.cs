using System.Reflection;

namespace CryptoDigest.Knowledge;

/// <summary>
/// The curated passages the bot answers from, embedded in this assembly (Knowledge/*.md),
/// ranked with BM25. Titles and keywords weigh more than the body because they are
/// written in the words members use when they ask.
/// </summary>
public sealed class KnowledgeBase
{
    private const int TitleWeight = 4;
    private const int KeywordWeight = 2;

    // How much a title stating the whole question multiplies a passage's score.
    private const double TitleBonus = 1.5;

    // How much a keyword phrase the question contains whole multiplies a passage's score (at most).
    private const double KeywordPhraseBonus = 0.8;

    // How much a title asking the same kind of question ("why ...", "how often ...", "what is ...") is favoured, scaled by its title match.
    private const double FormBonus = 0.5;

    private readonly Bm25Index<KnowledgePassage> _index;
    private readonly Dictionary<KnowledgePassage, HashSet<string>> _titleTerms;
    private readonly Dictionary<KnowledgePassage, IReadOnlyList<IReadOnlyList<string>>> _keywordPhrases;
    private readonly Dictionary<KnowledgePassage, HashSet<string>> _allTerms;

    public KnowledgeBase(IEnumerable<KnowledgePassage> passages)
    {
        Passages = passages.ToList();
        _index = new Bm25Index<KnowledgePassage>(Passages.Select(p => (p, Terms(p))));
        _titleTerms = Passages.ToDictionary(p => p, p => TextTokenizer.Tokenize(p.Title).ToHashSet(StringComparer.Ordinal));
        _keywordPhrases = Passages.ToDictionary(
            p => p,
            p => (IReadOnlyList<IReadOnlyList<string>>)p.Keywords.Select(k => TextTokenizer.Tokenize(k)).Where(k => k.Count >= 2).ToList());
        _allTerms = Passages.ToDictionary(p => p, p => Terms(p).ToHashSet(StringComparer.Ordinal));

        // What the sources say: titles and bodies, not the keywords, which are our words for finding a passage.
        Vocabulary = IndexedVocabulary.Of(Passages.SelectMany(p => new[] { p.Title, p.Body }));
    }

    /// <summary>The words of the passages' titles and bodies, as written and stemmed.</summary>
    public IReadOnlySet<string> Vocabulary { get; }

    /// <summary>
    /// The share of the question's own search terms that the passage speaks of at all (in its title, keywords or
    /// body): a term counts when the passage holds it, or when it is part of a concept phrase whose passage words
    /// the passage holds ("cops" stands for tracking). Chat shorthand ("ppl", "some1") is not counted.
    /// </summary>
    public double Coverage(string question, KnowledgePassage passage)
    {
        var held = _allTerms[passage];
        var terms = TextTokenizer.Tokenize(question).Where(t => !NameWords.IsChat(t)).Distinct(StringComparer.Ordinal).ToList();
        var byConcept = QuestionConcepts.Matches(question)
            .Where(m => m.Terms.Any(held.Contains))
            .SelectMany(m => m.Phrase)
            .ToHashSet(StringComparer.Ordinal);
        return terms.Count == 0 ? 0 : terms.Count(t => held.Contains(t) || byConcept.Contains(t)) / (double)terms.Count;
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
        var query = QuestionConcepts.Expand(question, terms);
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (term, weight) in query)
        {
            weights[term] = Math.Max(weights.GetValueOrDefault(term), weight);
        }

        var form = QuestionForm(question);
        return _index.Search(query, filter)
            .Select(r => new RankedPassage(r.Item, r.Score * Emphasis(r.Item, weights, terms, form)))
            .OrderByDescending(r => r.Score)
            .Take(top)
            .ToList();
    }

    /// <summary>
    /// How much a passage's title and key facts say it answers this question: a title is the
    /// question a passage answers, so one close to the question's words (cosine of the term sets,
    /// which also penalises a title about more than was asked) multiplies the score; so does a
    /// keyword phrase of two or more words that the question contains whole ("can bitcoin be
    /// hacked"); and a title asking the same kind of question ("why", "how", "what is") is favoured.
    /// </summary>
    private double Emphasis(KnowledgePassage passage, Dictionary<string, double> weights, IReadOnlyList<string> asked, string? form)
    {
        var title = _titleTerms[passage];
        var overlap = weights.Where(w => title.Contains(w.Key)).Sum(w => w.Value);
        var norm = Math.Sqrt(weights.Values.Sum(w => w * w) * Math.Max(title.Count, 1));
        var titleMatch = norm == 0 ? 0 : overlap / norm;

        var askedSet = asked.ToHashSet(StringComparer.Ordinal);
        var phrase = _keywordPhrases[passage]
            .Where(k => k.All(askedSet.Contains))
            .Select(k => (double)k.Count / askedSet.Count)
            .DefaultIfEmpty(0)
            .Max();

        var sameForm = form is not null && form == QuestionForm(passage.Title) ? FormBonus : 0;
        return (1 + (TitleBonus * titleMatch)) * (1 + (KeywordPhraseBonus * phrase)) * (1 + (sameForm * titleMatch));
    }

    private static readonly HashSet<string> QuestionWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "what", "why", "how", "when", "which", "who", "should", "can", "could", "is", "are", "does", "do", "will",
    };

    /// <summary>The question word a text opens with ("why", "how", "what"...), or null; "what's" is "what".</summary>
    private static string? QuestionForm(string text)
    {
        var first = text.TrimStart().Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.ToLowerInvariant().Replace("’", "'", StringComparison.Ordinal);
        first = first?.Split('\'')[0].TrimEnd('?', ',', ':');
        return first is not null && QuestionWords.Contains(first) ? first : null;
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
