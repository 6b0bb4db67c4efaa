namespace CryptoDigest.Knowledge;

/// <summary>No embedding model: what the knowledge base uses when no feature registered one (it ranks by words alone).</summary>
public sealed class WordsOnlyEmbedder : ISentenceEmbedder
{
    public string? Model => null;

    public Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("No sentence-embedding model is configured.");
}
