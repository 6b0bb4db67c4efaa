using CryptoDigest.Feeds;
using CryptoDigest.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.IntegrationTests.Feeds;

/// <summary>The feeds services as the Host composes them, with test settings: loopback allowed (the test server is on 127.0.0.1), no retry delay.</summary>
internal static class FeedTestServices
{
    public static ServiceProvider Build(string? postgres = null, params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["Feeds:AllowLoopback"] = "true",
            ["Feeds:RetryDelayMilliseconds"] = "0",
            ["Feeds:TimeoutSeconds"] = "10",
            ["ConnectionStrings:Postgres"] = postgres,
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddFeeds();
        if (postgres is not null)
        {
            services.AddStorage(configuration);
        }

        return services.BuildServiceProvider(validateScopes: true);
    }

    public static FeedFetcher Fetcher(this IServiceProvider services) => services.GetRequiredService<FeedFetcher>();
}
