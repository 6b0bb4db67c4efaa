namespace CryptoDigest.Knowledge;

/// <summary>The knowledge areas the curated texts cover; each file under Knowledge/ is one.</summary>
public enum KnowledgeTopic
{
    Indices,
    Security,
    Newsletters,
}

/// <summary>One self-contained answer from the curated knowledge base, with the source it rests on.</summary>
public sealed record KnowledgePassage(KnowledgeTopic Topic, string Title, string Source, IReadOnlyList<string> Keywords, string Body);

/// <summary>A passage found for a question, with its relevance score (higher is better).</summary>
public sealed record RankedPassage(KnowledgePassage Passage, double Score);
