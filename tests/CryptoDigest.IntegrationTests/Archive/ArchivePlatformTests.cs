using CryptoDigest.Archive;
using CryptoDigest.Feeds;
using CryptoDigest.IntegrationTests.Discord;
using CryptoDigest.IntegrationTests.Feeds;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.IntegrationTests.Telegram;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.IntegrationTests.Archive;

/// <summary>
/// The archive through the platform stand-ins: a model's archive answer in Telegram HTML with the citations our code
/// rendered from the passage ids, and /search as Discord's slash command with its words option.
/// </summary>
[Collection(PostgresCollection.Name)]
public class ArchivePlatformTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Telegram_shows_the_models_archive_answer_with_citations_rendered_from_the_ids_and_without_its_made_up_number()
    {
        var today = TimeProvider.System.GetUtcNow();
        await using var model = await ModelStandIn.StartAsync();
        await using var server = await FeedServer.StartAsync(app => app.MapGet("/feed", context => FeedResponses.WriteRssAsync(context, ArchiveFeeds.Rss(
            ("phish", "Phishing <wave> & co", ArchiveFeeds.PhishingFirst + "\n" + ArchiveFeeds.PhishingSecond, today.AddDays(-2)),
            ("etf", "ETF flows", ArchiveFeeds.EtfText, today.AddDays(-1))))));
        var settings = OnlyTheTestFeed(server.Url("/feed"));
        settings["Archive:LocalEmbeddings"] = "true";
        settings["AI:Endpoint"] = model.BaseUrl.ToString();
        settings["AI:Model"] = "test-model";
        settings["AI:ApiKey"] = "test-key";
        settings["AI:DailyTokenBudget"] = "100000";
        settings["AI:BriefReserveTokens"] = "0";
        await using var host = await TelegramTestHost.StartAsync(postgres, settings);
        await host.Services.GetRequiredService<FeedIngestor>().IngestAllAsync(dueOnly: false, CancellationToken.None);
        model.EnqueueAnswer("Spot bitcoin ETFs took in $1.2 billion of net inflows on Tuesday [p1]. That brings the month to $9.9 billion [p1]. See https://evil.example.com/etf [p1].");

        host.Api.AddMessage(7321, "/ask what do the newsletters say about ETF inflows");
        var reply = Assert.Single(await host.Api.WaitForMessagesAsync(7321));
        host.Api.AddMessage(7322, "/ask what do the newsletters say about the Bybit hack");
        var uncovered = Assert.Single(await host.Api.WaitForMessagesAsync(7322));

        Assert.Equal("HTML", reply.ParseMode, ignoreCase: true);
        Assert.Matches("^1 of 1 newsletters wrote about “ETF inflows”, ", reply.PlainText);
        Assert.Contains("Spot bitcoin ETFs took in $1.2 billion of net inflows on Tuesday [1].", reply.PlainText, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://news.example.com/etf\">[1] Security Weekly, ", reply.RawText, StringComparison.Ordinal);
        Assert.DoesNotContain("9.9", reply.PlainText, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", reply.RawText, StringComparison.Ordinal);
        Assert.DoesNotContain("[p", reply.PlainText, StringComparison.Ordinal);
        Assert.StartsWith("The newsletters I read do not cover Bybit: I searched the issues of ", uncovered.PlainText, StringComparison.Ordinal);
        Assert.Single(model.Requests);
    }

    [Fact]
    public async Task Discord_search_slash_command_answers_with_the_issue_its_link_and_the_matching_sentence()
    {
        var day = DiscordTestApp.Now;
        await using var server = await FeedServer.StartAsync(app => app.MapGet("/feed", context => FeedResponses.WriteRssAsync(context, ArchiveFeeds.Rss(
            ("phish", "Phishing wave", ArchiveFeeds.PhishingFirst + "\n" + ArchiveFeeds.PhishingSecond, day.AddDays(-2)),
            ("etf", "ETF flows", ArchiveFeeds.EtfText, day.AddDays(-1))))));
        await using var discord = await DiscordApiStandIn.StartAsync();
        await using var app = await DiscordTestApp.StartAsync(postgres, discord, deferAfterMilliseconds: 2900, settings: OnlyTheTestFeed(server.Url("/feed")));
        await app.Services.GetRequiredService<FeedIngestor>().IngestAllAsync(dueOnly: false, CancellationToken.None);
        // The archive loaded before the interaction, so the answer comes inline within Discord's three seconds.
        await app.Services.GetRequiredService<ArchiveSearch>().SearchAsync(new ArchiveQuery("etf", null, 30), null, CancellationToken.None);

        using var response = await app.PostInteractionAsync(InteractionBuilder.Command("search", options: ("words", "etf inflows source:security_weekly days:30")));

        var json = await DiscordTestApp.JsonAsync(response);
        Assert.Equal(4, json.GetProperty("type").GetInt32());
        var embeds = json.GetProperty("data").GetProperty("embeds").EnumerateArray().ToList();
        var issue = Assert.Single(embeds, e => e.TryGetProperty("title", out var t) && t.GetString()!.StartsWith("Security Weekly · ", StringComparison.Ordinal));
        Assert.Contains("ETF flows", issue.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains("Spot bitcoin ETFs took in $1.2 billion of net inflows on Tuesday", issue.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("https://news.example.com/etf", issue.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(embeds, e => e.ToString().Contains("https://news.example.com/phish", StringComparison.Ordinal));
    }

    /// <summary>
    /// The test's loopback feed as the first source, the other newsletters of the Host's appsettings.json switched off
    /// (so nothing reaches for the internet, and no retry waits on a fake clock), and word search unless a test turns
    /// the local model on.
    /// </summary>
    private static Dictionary<string, string?> OnlyTheTestFeed(Uri feed)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Feeds:AllowLoopback"] = "true",
            ["Feeds:UseSamplesWhenOffline"] = "false",
            ["Feeds:RetryDelayMilliseconds"] = "0",
            ["Feeds:Sources:0:Name"] = "Security Weekly",
            ["Feeds:Sources:0:FeedUrl"] = feed.AbsoluteUri,
            ["Archive:LocalEmbeddings"] = "false",
        };
        for (var i = 1; i < 10; i++)
        {
            settings[$"Feeds:Sources:{i}:Enabled"] = "false";
        }

        return settings;
    }
}
