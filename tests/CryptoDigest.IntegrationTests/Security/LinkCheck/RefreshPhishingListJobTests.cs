using CryptoDigest.IntegrationTests.Feeds;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Security.LinkCheck;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.IntegrationTests.Security.LinkCheck;

/// <summary>The daily list refresh against a loopback server: a good download replaces the lists in use, a bad one keeps them.</summary>
public class RefreshPhishingListJobTests
{
    [Fact]
    public async Task A_downloaded_list_is_cached_and_used_and_a_broken_one_keeps_the_old_list()
    {
        var body = """{"version": 2, "tolerance": 1, "fuzzylist": [], "whitelist": [], "blacklist": ["fresh-drainer.test"]}""";
        await using var server = await FeedServer.StartAsync(app => app.MapGet("/config.json", () => Results.Text(body, "application/json")));
        var cache = Path.Combine(Directory.CreateTempSubdirectory("cryptodigest-lists-").FullName, "phishing-list.json");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Feeds:AllowLoopback"] = "true",
            ["Feeds:RetryDelayMilliseconds"] = "0",
            ["Feeds:MaxRetries"] = "0",
            ["LinkCheck:ListUrl"] = server.Url("/config.json").ToString(),
            ["LinkCheck:ListCachePath"] = cache,
        }).Build();
        await using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddBotForTest(configuration)
            .BuildServiceProvider();
        var checker = services.GetRequiredService<LinkChecker>();
        var job = services.GetRequiredService<RefreshPhishingListJob>();
        Assert.Equal("safe-looking", checker.Check("app.fresh-drainer.test").Verdict);

        await job.RunAsync(CancellationToken.None);

        Assert.Equal("known-bad", checker.Check("app.fresh-drainer.test").Verdict);
        Assert.True(File.Exists(cache));

        body = "<html>maintenance</html>";
        await Assert.ThrowsAsync<FormatException>(() => job.RunAsync(CancellationToken.None));

        Assert.Equal("known-bad", checker.Check("app.fresh-drainer.test").Verdict);
        Assert.Contains("fresh-drainer.test", await File.ReadAllTextAsync(cache), StringComparison.Ordinal);
        Assert.Equal(2, server.CountOf("/config.json"));
    }
}
