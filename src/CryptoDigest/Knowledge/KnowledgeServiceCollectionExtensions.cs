using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.Knowledge;

public static class KnowledgeServiceCollectionExtensions
{
    /// <summary>Registers the embedded knowledge base (parsed and indexed once, while the host starts) and its search.</summary>
    public static IServiceCollection AddKnowledge(this IServiceCollection services)
    {
        services.AddSingleton(_ => KnowledgeBase.LoadEmbedded());
        services.AddSingleton<KnowledgeSearch>();
        services.AddHostedService<KnowledgeIndexLoader>();
        return services;
    }
}
