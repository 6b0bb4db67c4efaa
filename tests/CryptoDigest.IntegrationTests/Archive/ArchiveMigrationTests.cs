using CryptoDigest.IntegrationTests.Feeds;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.IntegrationTests.Archive;

/// <summary>The ArchivePassages migration on both providers: the table exists, vectors round-trip as bytes, and a deleted article takes its passages with it.</summary>
[Collection(PostgresCollection.Name)]
public class ArchiveMigrationTests(PostgresFixture postgres)
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Passages_store_vector_bytes_and_go_with_their_article(string database)
    {
        await using var server = await FeedServer.StartAsync(app => app.MapGet("/feed", context => FeedResponses.WriteRssAsync(context, ArchiveFeeds.Rss(
            ("etf", "ETF flows", ArchiveFeeds.EtfText, new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero))))));
        await using var app = await ArchiveTestApp.StartAsync(database == "postgres" ? await postgres.CreateDatabaseAsync() : null, server.Url("/feed"), ("Archive:LocalEmbeddings", "false"));
        await app.IngestAsync();
        byte[] vector = [0, 0, 128, 63, 0, 0, 0, 64];

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
            var passage = await db.ArchivePassages.SingleAsync();
            passage.Embedding = vector;
            passage.EmbeddingModel = "test";
            await db.SaveChangesAsync();
        }

        var stored = Assert.Single(await app.PassagesAsync());
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
            await db.Articles.ExecuteDeleteAsync();
        }

        Assert.Equal(vector, stored.Embedding);
        Assert.Equal([1f, 2f], VectorBytes.ToVector(stored.Embedding)!);
        Assert.Empty(await app.PassagesAsync());
    }
}
