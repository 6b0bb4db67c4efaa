using CryptoDigest.Feeds;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Summaries;
using Microsoft.EntityFrameworkCore;

namespace CryptoDigest.IntegrationTests.Feeds;

/// <summary>The bundled sample issues stand in until a live feed is read, even when many requests arrive at once.</summary>
[Collection(PostgresCollection.Name)]
public class SampleArticlesTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Stores_racing_on_a_fresh_database_all_report_the_whole_sample_set()
    {
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync());
        var expected = SampleArticles.Load(app.Time.GetUtcNow()).Items.Count;

        var stored = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() =>
            app.WithDbAsync(db => SampleArticles.EnsureAsync(db, app.Time, CancellationToken.None)))));

        Assert.All(stored, count => Assert.Equal(expected, count));
    }

    [Fact]
    public async Task Requests_racing_on_a_fresh_database_all_see_the_whole_sample_set()
    {
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync());
        var expected = SampleArticles.Load(app.Time.GetUtcNow()).Items.Count;

        // Twelve first requests at once: each finds no samples, and all but one lose the race to store them.
        var digests = await Task.WhenAll(Enumerable.Range(0, 12)
            .Select(_ => Task.Run(() => app.Get<DigestReader>().LatestAsync(null, expected, CancellationToken.None))));

        Assert.All(digests, digest =>
        {
            Assert.NotNull(digest);
            Assert.Equal(expected, digest.Count);
            Assert.All(digest, entry => Assert.True(entry.IsSample));
        });
        Assert.Equal(expected, await app.WithDbAsync(db => db.Articles.CountAsync()));
    }
}
