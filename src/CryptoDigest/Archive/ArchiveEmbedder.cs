using CryptoDigest.Ai;
using CryptoDigest.Knowledge;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Archive;

/// <summary>
/// Which embedding model the archive uses, and the calls to it: the endpoint's AI:EmbeddingModel when set,
/// else the bundled local model unless Archive:LocalEmbeddings is false, else none (BM25 alone). The
/// generator itself is the registered <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>, resolved only
/// when a vector is needed, so a bot without embeddings never loads a model. The knowledge base embeds with it too
/// (<see cref="ISentenceEmbedder"/>), so the process has one model.
/// </summary>
public sealed class ArchiveEmbedder(IServiceProvider services, IOptions<AiOptions> ai, IOptions<ArchiveOptions> archive) : ISentenceEmbedder
{
    /// <summary>The model vectors are made with, stored beside each vector; null when embeddings are off.</summary>
    public string? Model => ai.Value.HasEmbeddingModel
        ? ai.Value.EmbeddingModel!.Trim()
        : archive.Value.LocalEmbeddings ? LocalSentenceEmbeddingGenerator.ModelName : null;

    public bool IsOn => Model is not null;

    /// <summary>Unit-length vectors of the texts, in order.</summary>
    public async Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        if (texts.Count == 0)
        {
            return [];
        }

        var generator = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var embeddings = await generator.GenerateAsync(texts, cancellationToken: cancellationToken);
        if (embeddings.Count != texts.Count)
        {
            throw new InvalidOperationException($"The embedding model returned {embeddings.Count} vectors for {texts.Count} texts.");
        }

        return embeddings.Select(e => ExactVectorSearch.Normalize(e.Vector.Span)).ToList();
    }
}
