using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CryptoDigest.Knowledge;

public static class KnowledgeServiceCollectionExtensions
{
    /// <summary>
    /// Registers the embedded knowledge base (parsed and indexed once, its vectors made once, while the host
    /// starts, and kept in the database for the next start), its search, and the vocabulary of every indexed passage. The sentence-embedding model is the one
    /// another feature registers as <see cref="ISentenceEmbedder"/> (the archive's); without one, words alone.
    /// </summary>
    public static IServiceCollection AddKnowledge(this IServiceCollection services)
    {
        services.AddSingleton(_ => KnowledgeBase.LoadEmbedded());
        services.TryAddSingleton<ISentenceEmbedder, WordsOnlyEmbedder>();
        services.AddSingleton(sp =>
        {
            var vocabulary = new IndexedVocabulary();
            vocabulary.Set("knowledge", sp.GetRequiredService<KnowledgeBase>().Vocabulary);
            return vocabulary;
        });
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<KnowledgeVectorStore>();
        services.AddSingleton(sp => new KnowledgeVectors(sp.GetRequiredService<KnowledgeBase>(), sp.GetRequiredService<ISentenceEmbedder>(), sp.GetRequiredService<KnowledgeVectorStore>()));
        services.AddSingleton<KnowledgeSearch>();
        services.AddHostedService<KnowledgeIndexLoader>();
        return services;
    }
}
