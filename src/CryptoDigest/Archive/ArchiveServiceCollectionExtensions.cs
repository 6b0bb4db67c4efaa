using CryptoDigest.Ai;
using CryptoDigest.Feeds;
using CryptoDigest.Knowledge;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Archive;

public static class ArchiveServiceCollectionExtensions
{
    /// <summary>
    /// Registers the newsletter archive: its settings, the indexer the ingest job calls, the in-memory index and
    /// its search, the kernel plugin, and the process's sentence-embedding generator (the endpoint's
    /// AI:EmbeddingModel when set, else the bundled local model, loaded only when first used).
    /// </summary>
    public static IServiceCollection AddArchive(this IServiceCollection services)
    {
        services.AddOptions<ArchiveOptions>()
            .BindConfiguration(ArchiveOptions.SectionName)
            .ValidateSettings();

        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp =>
        {
            var ai = sp.GetRequiredService<IOptions<AiOptions>>().Value;
            return ai.HasEmbeddingModel
                ? AiServiceCollectionExtensions.CreateClient(ai, sp).GetEmbeddingClient(ai.EmbeddingModel!.Trim()).AsIEmbeddingGenerator()
                : new LocalSentenceEmbeddingGenerator();
        });
        services.AddSingleton<ArchiveEmbedder>();
        services.AddSingleton<ISentenceEmbedder>(sp => sp.GetRequiredService<ArchiveEmbedder>());
        services.AddSingleton<ArchiveIndex>();
        services.AddSingleton<ArchiveIndexer>();
        services.AddSingleton<IArticleIndexer>(sp => sp.GetRequiredService<ArchiveIndexer>());
        services.AddSingleton<ArchiveSearch>();
        services.AddSingleton<SentenceVectors>();
        services.AddSingleton<ArchiveAnswerer>();
        services.AddSingleton<ArchivePlugin>();
        return services;
    }
}
