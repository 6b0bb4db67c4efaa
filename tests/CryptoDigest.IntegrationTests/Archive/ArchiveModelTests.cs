using System.Text.Json.Nodes;
using CryptoDigest.IntegrationTests.Feeds;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Orchestration;
using Microsoft.AspNetCore.Builder;

namespace CryptoDigest.IntegrationTests.Archive;

/// <summary>
/// Questions about what the newsletters wrote, answered by the model stand-in over the retrieved passages only, on
/// both databases (docs/archive.md, "With a model"): citations rendered by our code from the ids, a made-up number
/// removed, a citation to a passage that was not retrieved dropped, and abstention for an uncovered name by code.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ArchiveModelTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly DateTimeOffset Today = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);
    private ModelStandIn _model = null!;
    private FeedServer _feed = null!;

    public async Task InitializeAsync()
    {
        _model = await ModelStandIn.StartAsync();
        _feed = await FeedServer.StartAsync(app => app.MapGet("/feed", context => FeedResponses.WriteRssAsync(context, ArchiveFeeds.Rss(
            ("phish", "Phishing wave", ArchiveFeeds.PhishingFirst + "\n" + ArchiveFeeds.PhishingSecond, Today.AddDays(-2)),
            ("etf", "ETF flows", ArchiveFeeds.EtfText, Today.AddDays(-1))))));
    }

    public async Task DisposeAsync()
    {
        await _feed.DisposeAsync();
        await _model.DisposeAsync();
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task The_models_answer_cites_by_id_loses_its_made_up_number_and_its_citation_to_a_passage_not_retrieved(string database)
    {
        await using var app = await StartAsync(database);
        await app.IngestAsync();
        var before = _model.Requests.Count;
        _model.EnqueueAnswer("A phishing campaign copied a hardware wallet vendor's site with lookalike domains [p1]. Victims lost 4,500 BTC to it [p1]. Exchanges froze the stolen coins [p7].");

        var reply = await app.AskAsync("/ask what did security weekly write about fake wallet sites");

        Assert.Equal(before + 1, _model.Requests.Count);
        Assert.Equal("Security Weekly on “fake wallet sites”, from the issues of 4–6 Dec:", reply.Blocks[0].Text);
        var answer = reply.Blocks[1];
        Assert.Equal("A phishing campaign copied a hardware wallet vendor's site with lookalike domains [1].", answer.Text);
        var citation = Assert.Single(answer.Citations);
        Assert.Equal("[1] Security Weekly, 4 Dec 2026 · Phishing wave", citation.Title);
        Assert.Equal(new Uri("https://news.example.com/phish"), citation.Url);
        var text = reply.ToString();
        Assert.DoesNotContain("4,500", text, StringComparison.Ordinal);
        Assert.DoesNotContain("froze", text, StringComparison.Ordinal);
        Assert.Contains(reply.Blocks, b => b.Text == ArchiveModelAnswerer.Removed);
        Assert.Contains(reply.Blocks, b => b.Text == ArchiveModelAnswerer.Uncited);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task The_model_gets_only_the_retrieved_passages_fenced_as_data_and_no_tools(string database)
    {
        await using var app = await StartAsync(database);
        await app.IngestAsync();
        _model.EnqueueAnswer("Spot bitcoin ETFs took in $1.2 billion of net inflows on Tuesday [p1].");

        var reply = await app.AskAsync("/ask what do the newsletters say about ETF inflows");

        var request = _model.Requests[^1];
        Assert.Null(request["tools"]);
        var user = (string)request["messages"]!.AsArray().Last(m => (string?)m!["role"] == "user")!["content"]!;
        Assert.Contains("=== BEGIN PASSAGE p1 ===\nNewsletter: Security Weekly\nIssue date: 5 Dec 2026\nTitle: ETF flows\n" + ArchiveFeeds.EtfText, user, StringComparison.Ordinal);
        Assert.DoesNotContain("phishing campaign", user, StringComparison.Ordinal);
        Assert.Equal("1 of 1 newsletters wrote about “ETF inflows”, 4–6 Dec:", reply.Blocks[0].Text);
        Assert.Equal("Spot bitcoin ETFs took in $1.2 billion of net inflows on Tuesday [1].", reply.Blocks[1].Text);
        Assert.Equal(new Uri("https://news.example.com/etf"), Assert.Single(reply.Blocks[1].Citations).Url);
        Assert.Contains(reply.Blocks, b => b.Text == "Security Weekly: 1 issue" && b.Citations.Single().Url == new Uri("https://news.example.com/etf"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task An_uncovered_name_is_said_to_be_uncovered_by_code_without_asking_the_model(string database)
    {
        await using var app = await StartAsync(database);
        await app.IngestAsync();
        var before = _model.Requests.Count;

        var reply = await app.AskAsync("/ask what do the newsletters say about the Bybit hack");
        var found = await app.AskAsync("/search scam site pretending to be a ledger company");

        Assert.Equal(before, _model.Requests.Count);
        Assert.StartsWith("The newsletters I read do not cover Bybit: I searched the issues of ", reply.Blocks[0].Text, StringComparison.Ordinal);
        Assert.Contains(found.Blocks, b => b.Citations.Any(c => c.Url == new Uri("https://news.example.com/phish")));
    }

    [Fact]
    public async Task An_answer_left_with_nothing_cited_falls_back_to_the_quoted_offline_answer()
    {
        await using var app = await StartAsync("postgres");
        await app.IngestAsync();
        _model.EnqueueAnswer("The vendor lost 12 million dollars [p1].");

        var reply = await app.AskAsync("/ask what did security weekly write about fake wallet sites");

        var text = reply.ToString();
        Assert.DoesNotContain("12 million", text, StringComparison.Ordinal);
        // The issue's own sentences, quoted: a short best sentence with the one after it.
        Assert.Contains($"“{ArchiveFeeds.PhishingFirst}", text, StringComparison.Ordinal);
    }

    private async Task<ArchiveTestApp> StartAsync(string database) =>
        await ArchiveTestApp.StartAsync(
            database == "postgres" ? await postgres.CreateDatabaseAsync() : null,
            _feed.Url("/feed"),
            ("Archive:LocalEmbeddings", "true"),
            ("AI:Endpoint", _model.BaseUrl.ToString()),
            ("AI:Model", "test-model"),
            ("AI:ApiKey", "test-key"),
            ("AI:DailyTokenBudget", "100000"),
            ("AI:BriefReserveTokens", "0"));
}
