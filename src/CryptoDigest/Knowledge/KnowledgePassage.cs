namespace CryptoDigest.Knowledge;

/// <summary>One self-contained answer from the curated knowledge base, with the source it rests on.</summary>
public sealed record KnowledgePassage(KnowledgeTopic Topic, string Title, string Source, IReadOnlyList<string> Keywords, string Body);
