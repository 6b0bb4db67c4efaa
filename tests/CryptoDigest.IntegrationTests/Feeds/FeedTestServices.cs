using CryptoDigest.Feeds;
using CryptoDigest.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.IntegrationTests.Feeds;

/// <summary>The application as the Host composes it (<see cref="TestComposition"/>), with test settings for the feeds: loopback allowed (the test server is on 127.0.0.1), no retry delay.</summary>
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
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddBotForTest(configuration)
            .BuildServiceProvider(validateScopes: true);
    }

    public static FeedFetcher Fetcher(this IServiceProvider services) => services.GetRequiredService<FeedFetcher>();
}
