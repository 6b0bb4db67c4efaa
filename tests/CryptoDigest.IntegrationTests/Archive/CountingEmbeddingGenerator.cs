using Microsoft.Extensions.AI;

namespace CryptoDigest.IntegrationTests.Archive;

/// <summary>The real embedding generator, counting the texts it is asked to embed: how the tests see that an unchanged passage is never embedded again.</summary>
public sealed class CountingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner) : IEmbeddingGenerator<string, Embedding<float>>
{
    private int _texts;

    public int Texts => Volatile.Read(ref _texts);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = values.ToList();
        Interlocked.Add(ref _texts, list.Count);
        return inner.GenerateAsync(list, options, cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => inner.GetService(serviceType, serviceKey);

    public void Dispose() => inner.Dispose();
}
