using CryptoDigest.Chat;
using CryptoDigest.Feeds;
using CryptoDigest.IntegrationTests.Feeds;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Replies;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Time.Testing;

namespace CryptoDigest.IntegrationTests.Summaries;

/// <summary>Feed titles are untrusted text too: shown through the link filter summaries get, and never repeated as the start of their summary.</summary>
[Collection(PostgresCollection.Name)]
public class UntrustedTitleTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_feed_titles_domain_is_never_a_link_in_digest_or_brief_and_a_body_opening_with_its_headline_is_summarized_from_what_follows()
    {
        await using var feed = await FeedServer.StartAsync(app => app.MapGet("/feed", context => FeedResponses.WriteRssAsync(context, FeedDocuments.Rss(
            ("claim", "Claim at uniswap-rewards.claims before Friday", "The claim window for the staking rebate closes on Friday for every validator. Operators who queued withdrawals last week are not eligible this round.", "https://news.example.com/claim"),
            ("queue", "Validators queue up for withdrawals after the upgrade", "Validators queue up for withdrawals after the upgrade</p><p>Queued validators fell by half this week as the withdrawal backlog cleared.</p><p>Liquid staking tokens now hold a third of all staked ether, up from a quarter in June.", "https://news.example.com/queue")))));
        var settings = new Dictionary<string, string?>
        {
            ["Feeds:AllowLoopback"] = "true",
            ["Feeds:UseSamplesWhenOffline"] = "false",
            ["Feeds:Sources:0:Name"] = "Staking Weekly",
            ["Feeds:Sources:0:FeedUrl"] = feed.Url("/feed").AbsoluteUri,
        };
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync(), settings, new FakeTimeProvider(new DateTimeOffset(2025, 11, 18, 12, 0, 0, TimeSpan.Zero)));
        await app.Get<FeedIngestor>().IngestAllAsync(dueOnly: false, CancellationToken.None);
        // The edition's window ends before its compose time: the items are read a few minutes earlier.
        app.Time.Advance(TimeSpan.FromMinutes(5));

        var digest = await HandleAsync(app, "/digest");
        var brief = PlainTextRenderer.Render(await HandleAsync(app, "/brief"));

        Assert.Contains(digest.Blocks, b => b.Heading == "Claim at before Friday");
        var queue = Assert.Single(digest.Blocks, b => b.Heading == "Validators queue up for withdrawals after the upgrade");
        Assert.StartsWith("Queued validators fell by half this week", queue.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("uniswap-rewards", PlainTextRenderer.Render(digest), StringComparison.Ordinal);
        Assert.Contains("Claim at before Friday", brief, StringComparison.Ordinal);
        Assert.DoesNotContain("uniswap-rewards", brief, StringComparison.Ordinal);
    }

    private static Task<ChatReply> HandleAsync(TestApp app, string text) =>
        app.Get<ChatRouter>().HandleAsync(ChatRequest.FromText(ChatPlatform.Console, "chat-1", "user-1", false, ChatCommandParser.Parse(text)), CancellationToken.None);
}
