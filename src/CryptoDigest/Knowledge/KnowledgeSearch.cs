namespace CryptoDigest.Knowledge;

/// <summary>
/// Chooses which passages make an answer: the best one, plus runners-up that score close
/// to it, so a reply stays short but does not hide a second passage that fits as well.
/// </summary>
public sealed class KnowledgeSearch(KnowledgeBase knowledge)
{
    private const int MaxPassages = 2;
    private const double RunnerUpRatio = 0.6;

    public KnowledgeAnswer Answer(string question, params KnowledgeTopic[] topics)
    {
        var ranked = knowledge.Search(question, MaxPassages, topics);
        var best = ranked.Count == 0 ? 0 : ranked[0].Score;
        var passages = ranked
            .Where(r => r.Score >= best * RunnerUpRatio)
            .Select(r => new AnswerPassage(r.Passage.Topic, r.Passage.Title, r.Passage.Body, r.Passage.Source, Math.Round(r.Score, 3)))
            .ToList();
        return new KnowledgeAnswer(question, passages);
    }
}
