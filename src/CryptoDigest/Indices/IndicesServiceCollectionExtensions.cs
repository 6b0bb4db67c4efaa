using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.Indices;

public static class IndicesServiceCollectionExtensions
{
    /// <summary>
    /// Registers index analytics: <see cref="MarketOptions"/> (section "Market", validated at start)
    /// and <see cref="MarketData"/>, which serves CoinGecko data or the bundled sample.
    /// </summary>
    public static IServiceCollection AddIndices(this IServiceCollection services)
    {
        services.AddOptions<MarketOptions>()
            .BindConfiguration(MarketOptions.SectionName)
            .ValidateSettings();
        services.AddSingleton<MarketData>();
        return services;
    }
}
