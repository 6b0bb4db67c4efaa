using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.Summaries;

public static class SummariesServiceCollectionExtensions
{
    /// <summary>Registers the cached per-article summarizer (model or extractive).</summary>
    public static IServiceCollection AddSummaries(this IServiceCollection services)
    {
        services.AddSingleton<ArticleSummarizer>();
        services.AddSingleton<DigestReader>();
        return services;
    }
}
