using CryptoDigest.Archive;
using CryptoDigest.IntegrationTests.Feeds;
using CryptoDigest.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.IntegrationTests.Archive;

/// <summary>
/// The archive kept in step by the ingest job, on both databases: loopback feeds in, passages and vectors stored,
/// an edit embedding only its changed passage, old issues aged out, and /search answering from what was stored.
/// </summary>
[Collection(PostgresCollection.Name)]
public class ArchiveIngestTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset Today = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Ingest_embeds_new_passages_once_and_an_edit_embeds_only_its_changed_passage(string database)
    {
        var second = ArchiveFeeds.PhishingSecond;
        await using var server = await FeedServer.StartAsync(app => app.MapGet("/feed", context => FeedResponses.WriteRssAsync(context, ArchiveFeeds.Rss(
            ("phish", "Phishing wave", ArchiveFeeds.PhishingFirst + "\n" + second, Today.AddDays(-2)),
            ("etf", "ETF flows", ArchiveFeeds.EtfText, Today.AddDays(-1))))));
        await using var app = await ArchiveTestApp.StartAsync(await DatabaseAsync(database), server.Url("/feed"), ("Archive:LocalEmbeddings", "true"));

        await app.IngestAsync();
        var first = await app.PassagesAsync();
        var embeddedFirst = app.Embeddings.Texts;
        await app.IngestAsync();
        var embeddedUnchanged = app.Embeddings.Texts;
        second = "The vendor later confirmed that no customer data had leaked from its own systems.";
        await app.IngestAsync();
        var edited = await app.PassagesAsync();

        Assert.Equal(3, first.Count);
        Assert.All(first, p => Assert.Equal(LocalSentenceEmbeddingGenerator.ModelName, p.EmbeddingModel));
        Assert.All(first, p => Assert.Equal(LocalSentenceEmbeddingGenerator.Dimensions * sizeof(float), p.Embedding!.Length));
        Assert.Equal(3, embeddedFirst);
        Assert.Equal(embeddedFirst, embeddedUnchanged);
        Assert.Equal(embeddedFirst + 1, app.Embeddings.Texts);
        Assert.Equal(3, edited.Count);
        var kept = edited.Single(p => p.Text == ArchiveFeeds.PhishingFirst);
        Assert.Equal(first.Single(p => p.Text == ArchiveFeeds.PhishingFirst).Id, kept.Id);
        Assert.Equal(first.Single(p => p.Text == ArchiveFeeds.PhishingFirst).Embedding, kept.Embedding);
        Assert.DoesNotContain(edited, p => p.Text == ArchiveFeeds.PhishingSecond);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Search_finds_a_paraphrase_with_its_newsletter_date_title_link_and_sentence(string database)
    {
        await using var server = await FeedServer.StartAsync(app => app.MapGet("/feed", context => FeedResponses.WriteRssAsync(context, ArchiveFeeds.Rss(
            ("phish", "Phishing wave", ArchiveFeeds.PhishingFirst + "\n" + ArchiveFeeds.PhishingSecond, Today.AddDays(-2)),
            ("etf", "ETF flows", ArchiveFeeds.EtfText, Today.AddDays(-1))))));
        await using var app = await ArchiveTestApp.StartAsync(await DatabaseAsync(database), server.Url("/feed"), ("Archive:LocalEmbeddings", "true"));
        await app.IngestAsync();

        var paraphrase = (await app.AskAsync("/search scam site pretending to be a ledger company")).ToString();
        var exact = (await app.AskAsync("/search IBIT source:security days:7")).ToString();
        var nothing = (await app.AskAsync("/search banana bread recipe with walnuts days:30")).ToString();

        Assert.Contains("Security Weekly · 4 Dec 2026 · Phishing wave", paraphrase, StringComparison.Ordinal);
        Assert.Contains("“A phishing campaign impersonated a hardware wallet vendor", paraphrase, StringComparison.Ordinal);
        Assert.Contains("Security Weekly · 5 Dec 2026 · ETF flows", exact, StringComparison.Ordinal);
        Assert.Contains("“Spot bitcoin ETFs took in $1.2 billion of net inflows on Tuesday, led by BlackRock's IBIT.”", exact, StringComparison.Ordinal);
        Assert.Equal("Nothing found for \"banana bread recipe with walnuts\" in the last 30 days.", nothing);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Passages_older_than_the_retention_are_never_indexed_and_age_out(string database)
    {
        await using var server = await FeedServer.StartAsync(app => app.MapGet("/feed", context => FeedResponses.WriteRssAsync(context, ArchiveFeeds.Rss(
            ("old", "Old issue", ArchiveFeeds.EtfText, Today.AddDays(-40)),
            ("new", "New issue", ArchiveFeeds.PhishingFirst, Today.AddDays(-10))))));
        await using var app = await ArchiveTestApp.StartAsync(await DatabaseAsync(database), server.Url("/feed"), ("Archive:LocalEmbeddings", "false"), ("Archive:RetentionDays", "30"));

        await app.IngestAsync();
        var first = await app.PassagesAsync();
        var found = (await app.AskAsync("/search phishing")).ToString();
        app.Time.Advance(TimeSpan.FromDays(25));
        await app.Services.GetRequiredService<ArchiveIndexer>().IndexStoredArticlesAsync(CancellationToken.None);
        var later = await app.PassagesAsync();
        var gone = (await app.AskAsync("/search phishing")).ToString();

        Assert.Equal([ArchiveFeeds.PhishingFirst], first.Select(p => p.Text));
        Assert.All(first, p => Assert.Null(p.Embedding));
        Assert.Contains("New issue", found, StringComparison.Ordinal);
        Assert.Empty(later);
        Assert.Equal("Nothing found for \"phishing\" in the last 30 days.", gone);
        Assert.Equal(0, app.Embeddings.Texts);
    }

    private async Task<string?> DatabaseAsync(string database) => database == "postgres" ? await postgres.CreateDatabaseAsync() : null;
}
