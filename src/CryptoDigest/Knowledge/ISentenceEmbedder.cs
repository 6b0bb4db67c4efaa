namespace CryptoDigest.Knowledge;

/// <summary>
/// The process's sentence-embedding model as every search of the bot sees it: the archive registers its own
/// (the endpoint's AI:EmbeddingModel, else the bundled local model), so the knowledge base and the archive share
/// one model, loaded once. Without it the knowledge base ranks by words alone.
/// </summary>
public interface ISentenceEmbedder
{
    /// <summary>The model the vectors are made with; null when embeddings are off.</summary>
    string? Model { get; }

    /// <summary>Unit-length vectors of the texts, in order.</summary>
    Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken);
}
