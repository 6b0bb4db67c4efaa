using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Indices;

public static class IndicesServiceCollectionExtensions
{
    /// <summary>
    /// Registers index analytics: <see cref="MarketOptions"/> (section "Market", validated at
    /// start), the <see cref="CoinGeckoClient"/> typed client behind one process-wide
    /// <see cref="MarketRequestPacer"/>, the <see cref="MarketCache"/> in storage, and
    /// <see cref="MarketData"/>, which serves CoinGecko data or the bundled sample. Needs storage (AddStorage).
    /// </summary>
    public static IServiceCollection AddIndices(this IServiceCollection services)
    {
        services.AddOptions<MarketOptions>()
            .BindConfiguration(MarketOptions.SectionName)
            .ValidateSettings();
        services.AddSingleton(sp => new MarketRequestPacer(
            sp.GetRequiredService<IOptions<MarketOptions>>().Value.RequestsPerMinute, sp.GetRequiredService<TimeProvider>()));
        // The per-request deadline is Market:TimeoutSeconds, applied by the client itself.
        services.AddHttpClient<CoinGeckoClient>(client => client.Timeout = Timeout.InfiniteTimeSpan)
            // The factory's own request log would add a line per request; ours says what failed and why.
            .RemoveAllLoggers();
        services.AddSingleton<MarketCache>();
        services.AddSingleton<MarketData>();
        services.AddSingleton<IndexAnswers>();
        services.AddTransient<RefreshMarketsJob>();
        return services;
    }
}
