using Microsoft.Extensions.Logging;

namespace CryptoDigest.Knowledge;

/// <summary>
/// Answers a question from the knowledge base (docs/knowledge-retrieval.md): the word ranking (BM25 with the
/// question concepts) fused with the meaning ranking (the shared sentence-embedding model) by reciprocal rank
/// fusion; the best passage plus a runner-up that both rankings place high; and honest abstention: a name the
/// passages do not mention, or nothing relevant enough, is said before anything related is offered.
/// </summary>
public sealed partial class KnowledgeSearch(KnowledgeBase knowledge, KnowledgeVectors vectors, IndexedVocabulary vocabulary, ILogger<KnowledgeSearch>? logger = null)
{
    private const int MaxPassages = 2;
    private const double RunnerUpRatio = 0.6;

    // A runner-up by meaning: at most this far below the best passage's cosine similarity.
    private const float RunnerUpSimilarityGap = 0.05f;

    // Passages each ranking gives to the fusion.
    private const int Candidates = 10;

    /// <summary>Below this cosine similarity, the best passage is not relevant by meaning (calibrated in docs/knowledge-retrieval.md).</summary>
    public const float MinSimilarity = 0.30f;

    /// <summary>Below this share of the question's words, the best passage is not relevant by words (calibrated in docs/knowledge-retrieval.md).</summary>
    public const double MinCoverage = 0.4;

    /// <summary>The answer by words alone (no embedding call), for callers that cannot wait on a model.</summary>
    public KnowledgeAnswer Answer(string question, params KnowledgeTopic[] topics) =>
        Compose(question, knowledge.Search(question, Candidates, topics), []);

    /// <summary>The answer by words and meaning; by words alone when embeddings are off or the model fails.</summary>
    public async Task<KnowledgeAnswer> AnswerAsync(string question, CancellationToken cancellationToken, params KnowledgeTopic[] topics)
    {
        var byWords = knowledge.Search(question, Candidates, topics);
        IReadOnlyList<(KnowledgePassage Passage, float Similarity)> byMeaning = [];
        try
        {
            byMeaning = await vectors.RankAsync(question, topics, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            if (logger is not null)
            {
                LogEmbeddingFailed(logger, exception);
            }
        }

        return Compose(question, byWords, byMeaning);
    }

    private KnowledgeAnswer Compose(string question, IReadOnlyList<RankedPassage> byWords, IReadOnlyList<(KnowledgePassage Passage, float Similarity)> byMeaning)
    {
        var chosen = byMeaning.Count == 0 ? ChooseByWords(byWords) : ChooseFused(byWords, byMeaning);
        var similarity = byMeaning.ToDictionary(m => m.Passage, m => m.Similarity);
        var best = chosen.FirstOrDefault();
        var coverage = best is null ? 0 : knowledge.Coverage(question, best.Passage);
        float? bestSimilarity = best is not null && similarity.TryGetValue(best.Passage, out var s) ? s : null;
        var relevant = best is not null && (coverage >= MinCoverage || bestSimilarity >= MinSimilarity);
        var names = NameWords.Find(question, vocabulary).Union(NameWords.BeforeKinds(question), StringComparer.Ordinal)
            .Where(n => !chosen.Any(c => NameWords.IsMentionedIn(n, c.Passage.Title + " " + c.Passage.Body)))
            .ToList();
        // Nothing close enough is not offered as related either: it would only be noise.
        var passages = chosen
            .Where(_ => relevant)
            .Select(r => new AnswerPassage(r.Passage.Topic, r.Passage.Title, r.Passage.Body, r.Passage.Source, Math.Round(r.Score, 3)))
            .ToList();
        return new KnowledgeAnswer(question, passages) { NotCovered = names, NothingRelevant = !relevant, Similarity = bestSimilarity, Coverage = coverage };
    }

    // Words alone: the best, plus a runner-up scoring close to it.
    private static List<RankedPassage> ChooseByWords(IReadOnlyList<RankedPassage> byWords)
    {
        var best = byWords.Count == 0 ? 0 : byWords[0].Score;
        return byWords.Take(MaxPassages).Where(r => r.Score >= best * RunnerUpRatio).ToList();
    }

    // Words and meaning fused; a runner-up when it is close to the best by words (as above) or by meaning.
    private static List<RankedPassage> ChooseFused(IReadOnlyList<RankedPassage> byWords, IReadOnlyList<(KnowledgePassage Passage, float Similarity)> byMeaning)
    {
        var words = byWords.Select(r => r.Passage).ToList();
        var meaning = byMeaning.Take(Candidates).ToList();
        var fused = ReciprocalRankFusion.Fuse([words, meaning.Select(m => m.Passage).ToList()]);
        var closeByWords = ChooseByWords(byWords).Select(r => r.Passage).ToHashSet();
        var closeByMeaning = meaning.Where(m => m.Similarity >= meaning[0].Similarity - RunnerUpSimilarityGap).Select(m => m.Passage).ToHashSet();
        var chosen = new List<RankedPassage> { new(fused[0].Item, fused[0].Score) };
        chosen.AddRange(fused.Skip(1).Take(MaxPassages - 1)
            .Where(f => closeByWords.Contains(f.Item) || closeByMeaning.Contains(f.Item))
            .Select(f => new RankedPassage(f.Item, f.Score)));
        return chosen;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The embedding model failed; the knowledge base answered by words alone")]
    private static partial void LogEmbeddingFailed(ILogger logger, Exception exception);
}
