using System.Net;
using CryptoDigest.Briefs;
using CryptoDigest.Chat;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Replies;
using CryptoDigest.Storage;
using CryptoDigest.Summaries;
using Microsoft.EntityFrameworkCore;

namespace CryptoDigest.IntegrationTests.Briefs;

[Collection(PostgresCollection.Name)]
public class BriefComposerTests(PostgresFixture postgres)
{
    [Fact]
    public async Task The_offline_brief_lists_every_article_of_the_window_with_its_link()
    {
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync());
        var glassnode = await AddSourceAsync(app, "Glassnode");
        var lynAlden = await AddSourceAsync(app, "Lyn Alden");
        await AddArticleAsync(app, glassnode, "Holders distribute into strength", OnChain, hoursAgo: 3);
        await AddArticleAsync(app, lynAlden, "Liquidity and the dollar", Macro, hoursAgo: 5);
        await AddArticleAsync(app, glassnode, "Miners stay calm", Miners, hoursAgo: 7);

        var reply = await Ask(app, "/brief");

        var text = PlainTextRenderer.Render(reply);
        foreach (var slug in new[] { "holders-distribute-into-strength", "liquidity-and-the-dollar", "miners-stay-calm" })
        {
            Assert.Contains($"https://news.example.com/{slug}", text, StringComparison.Ordinal);
        }

        Assert.Contains("Daily brief, 23 November 2026", text, StringComparison.Ordinal);
        Assert.Contains(KnowledgeReplyFormatter.NotFinancialAdvice, text, StringComparison.Ordinal);
        var prose = reply.Blocks.Single(b => b.Heading?.StartsWith("Daily brief", StringComparison.Ordinal) == true).Text;
        Assert.Contains("$91,400", prose, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Consecutive_editions_neither_skip_nor_repeat_an_article()
    {
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync());
        var source = await AddSourceAsync(app, "Coin Metrics");
        await AddArticleAsync(app, source, "Before the first edition", OnChain, hoursAgo: 2);
        var composer = app.Get<BriefComposer>();

        var first = BriefComposer.Read(await composer.ComposeAsync(CancellationToken.None));
        app.Time.Advance(TimeSpan.FromHours(24));
        await AddArticleAsync(app, source, "Between the editions", Macro, hoursAgo: 1);
        var second = BriefComposer.Read(await composer.ComposeAsync(CancellationToken.None));

        Assert.Equal(["Before the first edition"], first.Items.Select(i => i.Title));
        Assert.Equal(["Between the editions"], second.Items.Select(i => i.Title));
        Assert.Equal(first.WindowEnd, second.WindowStart);
    }

    [Fact]
    public async Task A_window_never_reaches_back_more_than_36_hours()
    {
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync());
        var source = await AddSourceAsync(app, "Kaiko");
        await AddArticleAsync(app, source, "Too old for this edition", OnChain, hoursAgo: 40);
        await AddArticleAsync(app, source, "Recent enough", Macro, hoursAgo: 30);

        var brief = BriefComposer.Read(await app.Get<BriefComposer>().ComposeAsync(CancellationToken.None));

        Assert.Equal(["Recent enough"], brief.Items.Select(i => i.Title));
        Assert.Equal(TimeSpan.FromHours(36), brief.WindowEnd - brief.WindowStart);
    }

    [Fact]
    public async Task A_story_covered_by_two_newsletters_is_one_item_that_names_both()
    {
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync());
        var glassnode = await AddSourceAsync(app, "Glassnode");
        var coinMetrics = await AddSourceAsync(app, "Coin Metrics");
        await AddArticleAsync(app, glassnode, "Exchange balances hit a six-year low", OnChain, hoursAgo: 2);
        await AddArticleAsync(app, coinMetrics, "Bitcoin exchange balances at lowest since 2018", OnChain.Replace("Bitcoin closed", "BTC closed", StringComparison.Ordinal), hoursAgo: 3);
        await AddArticleAsync(app, coinMetrics, "Fed minutes and the dollar", Macro, hoursAgo: 4);

        var brief = BriefComposer.Read(await app.Get<BriefComposer>().ComposeAsync(CancellationToken.None));

        Assert.Equal(2, brief.Items.Count);
        var story = brief.Items.Single(i => i.AlsoIn.Count == 1);
        Assert.NotEqual(story.Source, story.AlsoIn[0].Source);
        Assert.Contains("also in", PlainTextRenderer.Render(BriefReplyBuilder.ToReply(brief)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_composers_racing_for_one_window_store_one_edition()
    {
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync());
        var source = await AddSourceAsync(app, "Bankless");
        await AddArticleAsync(app, source, "Restaking yields compress", Defi, hoursAgo: 2);

        var editions = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.Get<BriefComposer>().ComposeAsync(CancellationToken.None)));

        Assert.Single(editions.Select(e => e.Id).Distinct());
        Assert.Equal(1, await app.WithDbAsync(db => db.Editions.CountAsync()));
    }

    [Fact]
    public async Task Instances_composing_the_first_edition_moments_apart_store_one()
    {
        // 06:00:00, 06:00:02 and 06:00:04: their 36-hour windows round to different hours, so only
        // turn-taking between the instances (not a shared window start) can keep this to one edition.
        var database = await postgres.CreateDatabaseAsync();
        await using var first = await TestApp.StartAsync(database);
        await using var second = await TestApp.StartAsync(database, time: new Microsoft.Extensions.Time.Testing.FakeTimeProvider(first.Time.GetUtcNow().AddSeconds(2)));
        await using var third = await TestApp.StartAsync(database, time: new Microsoft.Extensions.Time.Testing.FakeTimeProvider(first.Time.GetUtcNow().AddSeconds(4)));
        var source = await AddSourceAsync(first, "Bankless");
        await AddArticleAsync(first, source, "Restaking yields compress", Defi, hoursAgo: 2);

        var editions = await Task.WhenAll(new[] { first, second, third, first, second, third }
            .Select(app => app.Get<BriefComposer>().ComposeAsync(CancellationToken.None)));

        Assert.Single(editions.Select(e => e.Id).Distinct());
        Assert.Equal(1, await first.WithDbAsync(db => db.Editions.CountAsync()));
    }

    [Fact]
    public async Task Digest_of_one_newsletter_shows_only_its_items_with_dates_and_links()
    {
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync());
        var glassnode = await AddSourceAsync(app, "Glassnode");
        var bankless = await AddSourceAsync(app, "Bankless");
        await AddArticleAsync(app, glassnode, "Holders distribute into strength", OnChain, hoursAgo: 3);
        await AddArticleAsync(app, bankless, "Restaking yields compress", Defi, hoursAgo: 4);

        var text = PlainTextRenderer.Render(await Ask(app, "/digest glassnode"));

        Assert.Contains("Holders distribute into strength", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Restaking", text, StringComparison.Ordinal);
        Assert.Contains("https://news.example.com/holders-distribute-into-strength", text, StringComparison.Ordinal);
        Assert.Contains("23 Nov 2026", text, StringComparison.Ordinal);
        Assert.Contains("I don't follow a newsletter called \"Nonexistent Weekly\"", PlainTextRenderer.Render(await Ask(app, "/digest Nonexistent Weekly")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_model_an_edition_costs_one_call_per_new_article_plus_one_whatever_the_number_of_chats()
    {
        await using var model = await ModelStandIn.StartAsync();
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync(), new Dictionary<string, string?>
        {
            ["AI:Endpoint"] = model.BaseUrl.ToString(),
            ["AI:Model"] = "test-model",
        });
        var source = await AddSourceAsync(app, "Glassnode");
        await AddArticleAsync(app, source, "Holders distribute into strength", OnChain, hoursAgo: 3);
        await AddArticleAsync(app, source, "Miners stay calm", Miners, hoursAgo: 4);
        model.EnqueueAnswer("Holders sold into the rally.");
        model.EnqueueAnswer("Miners kept their coins.");
        model.EnqueueAnswer("Bitcoin rose on spot demand while miners held (Glassnode). See https://invented.example.com/x for more. Not financial advice.");

        var replies = new List<string>();
        for (var chat = 0; chat < 25; chat++)
        {
            replies.Add(PlainTextRenderer.Render(await Ask(app, "/brief")));
        }

        Assert.Equal(3, model.Requests.Count);
        Assert.Single(replies.Distinct());
        Assert.Contains("Bitcoin rose on spot demand while miners held (Glassnode).", replies[0], StringComparison.Ordinal);
        Assert.DoesNotContain("invented.example", replies[0], StringComparison.Ordinal);
        Assert.Contains("https://news.example.com/miners-stay-calm", replies[0], StringComparison.Ordinal);
        var composeRequest = model.Requests[2].ToJsonString();
        Assert.Contains("Holders sold into the rally.", composeRequest, StringComparison.Ordinal);
        Assert.DoesNotContain("Hash rate reached a record", composeRequest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_compose_where_one_articles_model_call_is_refused_stores_the_edition_with_that_articles_extractive_summary()
    {
        await using var model = await ModelStandIn.StartAsync();
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync(), ModelSettings(model));
        var source = await AddSourceAsync(app, "Glassnode");
        await AddArticleAsync(app, source, "Holders distribute into strength", OnChain, hoursAgo: 3);
        await AddArticleAsync(app, source, "A report the filter refuses", Refused, hoursAgo: 4);
        // A content filter answers 400 to every request carrying this article's text, the brief's included.
        model.FailWhenRequestContains("FlaggedTerm", HttpStatusCode.BadRequest);
        model.EnqueueAnswer("Holders sold into the rally.");
        model.EnqueueAnswer("This prose must not appear: the brief request carries the refused text.");

        var edition = await app.Get<BriefComposer>().ComposeAsync(CancellationToken.None);

        var content = BriefComposer.Read(edition);
        Assert.Equal(1, await app.WithDbAsync(db => db.Editions.CountAsync()));
        Assert.Equal(3, model.Requests.Count);
        Assert.Equal("Holders sold into the rally.", content.Items.Single(i => i.Title == "Holders distribute into strength").Summary);
        Assert.Equal(ExtractiveSummarizer.Summarize(Refused), content.Items.Single(i => i.Title == "A report the filter refuses").Summary);
        Assert.False(content.ComposedByModel);
        Assert.Contains(ExtractiveSummarizer.Summarize(Refused), content.Prose, StringComparison.Ordinal);
        var stored = await app.WithDbAsync(db => db.Summaries.AsNoTracking().Select(s => s.Model).OrderBy(m => m).ToListAsync());
        Assert.Equal([ArticleSummarizer.ExtractiveModel, "test-model"], stored);
    }

    [Fact]
    public async Task A_brief_whose_prose_call_fails_after_retries_is_stored_with_the_offline_prose()
    {
        await using var model = await ModelStandIn.StartAsync();
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync(), ModelSettings(model));
        var source = await AddSourceAsync(app, "Glassnode");
        await AddArticleAsync(app, source, "Holders distribute into strength", OnChain, hoursAgo: 3);
        model.EnqueueAnswer("Holders sold into the rally.");
        model.EnqueueStatus(HttpStatusCode.ServiceUnavailable);

        var edition = await app.Get<BriefComposer>().ComposeAsync(CancellationToken.None);

        var content = BriefComposer.Read(edition);
        Assert.Equal(2, model.Requests.Count);
        Assert.False(content.ComposedByModel);
        Assert.Equal("Holders sold into the rally.", Assert.Single(content.Items).Summary);
        Assert.Contains("Holders sold into the rally. (Glassnode)", content.Prose, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> ModelSettings(ModelStandIn model) => new()
    {
        ["AI:Endpoint"] = model.BaseUrl.ToString(),
        ["AI:Model"] = "test-model",
        // An outage "after retries": no retries keeps the scripted 503 the last word.
        ["AI:MaxRetries"] = "0",
    };

    private const string Refused = "The FlaggedTerm report covers an exchange outage. Withdrawals paused for six hours under FlaggedTerm rules. Users were repaid in full after the FlaggedTerm review.";

    private const string OnChain = "Bitcoin closed the week at $91,400 after spot ETF inflows of $1.1 billion. Exchange balances fell to 2.3 million BTC, the lowest level since 2018. Long-term holders sold 140,000 BTC over 30 days while short-term holders bought the dip.";
    private const string Macro = "The Federal Reserve held rates steady and the dollar index slipped 1.2% on the week. Global liquidity, measured by central bank balance sheets, rose for a third month. Bond yields eased as inflation expectations cooled.";
    private const string Miners = "Miners sent fewer coins to exchanges than in any week of the year. Hash rate reached a record 1.1 zettahash per second. Miner revenue per terahash held near its yearly low despite the price rise.";
    private const string Defi = "Restaking yields on EigenLayer fell below 4% as deposits passed $15 billion. Lending protocols saw stablecoin borrowing rise 8%. Aave governance approved a new risk framework for liquid staking tokens.";

    private static Task<ChatReply> Ask(TestApp app, string text) =>
        app.Get<ChatRouter>().HandleAsync(ChatRequest.FromText(ChatPlatform.Console, "c", "u", false, ChatCommandParser.Parse(text)), CancellationToken.None);

    private static Task<long> AddSourceAsync(TestApp app, string name) => app.WithDbAsync(async db =>
    {
        var source = new NewsletterSource { Name = name };
        db.Sources.Add(source);
        await db.SaveChangesAsync();
        return source.Id;
    });

    private static Task<int> AddArticleAsync(TestApp app, long sourceId, string title, string text, int hoursAgo) => app.WithDbAsync(db =>
    {
        var at = app.Time.GetUtcNow().AddHours(-hoursAgo);
        var slug = string.Join('-', title.ToLowerInvariant().Split(' '));
        db.Articles.Add(new Article
        {
            SourceId = sourceId,
            Guid = slug,
            Title = title,
            Url = new Uri($"https://news.example.com/{slug}"),
            Text = text,
            ContentHash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(title + text))),
            PublishedAt = at,
            FetchedAt = at,
        });
        return db.SaveChangesAsync();
    });
}
