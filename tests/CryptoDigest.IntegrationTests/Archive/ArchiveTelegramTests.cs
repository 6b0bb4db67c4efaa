using CryptoDigest.Feeds;
using CryptoDigest.IntegrationTests.Feeds;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.IntegrationTests.Telegram;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.IntegrationTests.Archive;

/// <summary>/search through the Telegram stand-in, after the ingest job read a loopback feed into PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public class ArchiveTelegramTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Search_replies_in_Telegram_HTML_with_the_issue_escaped_its_link_and_the_matching_sentence()
    {
        var today = TimeProvider.System.GetUtcNow();
        await using var server = await FeedServer.StartAsync(app => app.MapGet("/feed", context => FeedResponses.WriteRssAsync(context, ArchiveFeeds.Rss(
            ("phish", "Phishing <wave> & co", ArchiveFeeds.PhishingFirst + "\n" + ArchiveFeeds.PhishingSecond, today.AddDays(-2)),
            ("etf", "ETF flows", ArchiveFeeds.EtfText, today.AddDays(-1))))));
        await using var host = await TelegramTestHost.StartAsync(postgres, new Dictionary<string, string?>
        {
            ["Feeds:AllowLoopback"] = "true",
            ["Feeds:UseSamplesWhenOffline"] = "false",
            ["Feeds:Sources:0:Name"] = "Security Weekly",
            ["Feeds:Sources:0:FeedUrl"] = server.Url("/feed").AbsoluteUri,
            ["Archive:LocalEmbeddings"] = "true",
        });
        await host.Services.GetRequiredService<FeedIngestor>().IngestAllAsync(dueOnly: false, CancellationToken.None);

        host.Api.AddMessage(7301, "/search scam site pretending to be a ledger company");
        var reply = Assert.Single(await host.Api.WaitForMessagesAsync(7301));
        host.Api.AddMessage(7302, "/search inflows days:abc");
        var usage = Assert.Single(await host.Api.WaitForMessagesAsync(7302));
        host.Api.AddMessage(7303, "/search inflows source:nobody");
        var unknown = Assert.Single(await host.Api.WaitForMessagesAsync(7303));

        Assert.Equal("HTML", reply.ParseMode, ignoreCase: true);
        Assert.Contains("Phishing &lt;wave&gt; &amp; co", reply.RawText, StringComparison.Ordinal);
        Assert.Contains("https://news.example.com/phish", reply.RawText, StringComparison.Ordinal);
        Assert.Contains("Security Weekly", reply.PlainText, StringComparison.Ordinal);
        Assert.Contains("A phishing campaign impersonated a hardware wallet vendor", reply.PlainText, StringComparison.Ordinal);
        Assert.Contains("Usage: /search <words> [source:<name>] [days:<n>]", usage.PlainText, StringComparison.Ordinal);
        Assert.Contains("No newsletter in the archive is called \"nobody\"", unknown.PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_about_an_issue_cites_it_with_its_link_and_an_uncovered_name_is_said_to_be_uncovered()
    {
        var today = TimeProvider.System.GetUtcNow();
        await using var server = await FeedServer.StartAsync(app => app.MapGet("/feed", context => FeedResponses.WriteRssAsync(context, ArchiveFeeds.Rss(
            ("phish", "Phishing wave", ArchiveFeeds.PhishingFirst + "\n" + ArchiveFeeds.PhishingSecond, today.AddDays(-2)),
            ("etf", "ETF flows", ArchiveFeeds.EtfText, today.AddDays(-1))))));
        await using var host = await TelegramTestHost.StartAsync(postgres, new Dictionary<string, string?>
        {
            ["Feeds:AllowLoopback"] = "true",
            ["Feeds:UseSamplesWhenOffline"] = "false",
            ["Feeds:Sources:0:Name"] = "Security Weekly",
            ["Feeds:Sources:0:FeedUrl"] = server.Url("/feed").AbsoluteUri,
            ["Archive:LocalEmbeddings"] = "true",
        });
        await host.Services.GetRequiredService<FeedIngestor>().IngestAllAsync(dueOnly: false, CancellationToken.None);

        host.Api.AddMessage(7311, "/ask what did security weekly write about fake wallet sites");
        var cited = Assert.Single(await host.Api.WaitForMessagesAsync(7311));
        host.Api.AddMessage(7312, "/ask what do the newsletters say about the Bybit hack");
        var uncovered = Assert.Single(await host.Api.WaitForMessagesAsync(7312));

        Assert.Equal("HTML", cited.ParseMode, ignoreCase: true);
        Assert.Contains("Security Weekly · ", cited.PlainText, StringComparison.Ordinal);
        Assert.Contains("Phishing wave", cited.PlainText, StringComparison.Ordinal);
        Assert.Contains("A phishing campaign impersonated a hardware wallet vendor", cited.PlainText, StringComparison.Ordinal);
        Assert.Contains("https://news.example.com/phish", cited.RawText, StringComparison.Ordinal);
        Assert.DoesNotContain("https://news.example.com/etf", cited.RawText, StringComparison.Ordinal);
        Assert.StartsWith("The newsletters I read do not cover Bybit: I searched the issues of ", uncovered.PlainText, StringComparison.Ordinal);
    }
}
