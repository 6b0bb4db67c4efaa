namespace CryptoDigest.Knowledge;

/// <summary>
/// What a knowledge function returns: the passages found for a question, each with its
/// source. A model receives it as JSON; the offline router renders it directly. When the
/// question names something no passage mentions (<see cref="NotCovered"/>) or nothing found is
/// relevant enough (<see cref="NothingRelevant"/>), the passages are only related ones, and an
/// answer must say first that the sources do not cover the question.
/// </summary>
public sealed record KnowledgeAnswer(string Question, IReadOnlyList<AnswerPassage> Passages)
{
    /// <summary>Names the question asks about (a project, exchange, brand, person, year) that the passages do not mention.</summary>
    public IReadOnlyList<string> NotCovered { get; init; } = [];

    /// <summary>Whether nothing in the knowledge base came close enough to the question (docs/knowledge-retrieval.md).</summary>
    public bool NothingRelevant { get; init; }

    /// <summary>The best passage's cosine similarity to the question; null when the meaning ranking did not run.</summary>
    public float? Similarity { get; init; }

    /// <summary>The share of the question's own words that the best passage speaks of (<see cref="KnowledgeBase.Coverage"/>).</summary>
    public double Coverage { get; init; }

    /// <summary>Whether the answer must open by saying the sources do not cover the question.</summary>
    public bool Abstains => NotCovered.Count > 0 || NothingRelevant;
}
