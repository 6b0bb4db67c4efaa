namespace CryptoDigest.Knowledge;

/// <summary>A passage found for a question, with its relevance score (higher is better).</summary>
public sealed record RankedPassage(KnowledgePassage Passage, double Score);
