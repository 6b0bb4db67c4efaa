using CryptoDigest.IntegrationTests.Archive;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Knowledge;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.IntegrationTests.Knowledge;

/// <summary>
/// The knowledge passages' vectors kept in the database on both providers: a start after the first reads them and
/// embeds only passages it has not seen, so a restart does not spend seconds of processor time (or paid calls) again.
/// </summary>
[Collection(PostgresCollection.Name)]
public class KnowledgeVectorStoreTests(PostgresFixture postgres)
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_later_start_embeds_only_the_passages_the_database_does_not_hold(string database)
    {
        // Texts of this run only: the process keeps vectors per set of texts, and another test's must not answer here.
        var run = Guid.NewGuid().ToString("N");
        var first = Knowledge(run, "Cold storage keeps keys offline", "Seed phrases");
        var later = Knowledge(run, "Cold storage keeps keys offline", "Seed phrases", "Phishing sites copy exchange logins");
        await using var app = await ArchiveTestApp.StartAsync(
            database == "postgres" ? await postgres.CreateDatabaseAsync() : null, new Uri("http://127.0.0.1:9/unused"), ("Archive:LocalEmbeddings", "true"));
        var embedder = app.Services.GetRequiredService<ISentenceEmbedder>();
        var store = app.Services.GetRequiredService<KnowledgeVectorStore>();

        await new KnowledgeVectors(first, embedder, store).WarmUpAsync(CancellationToken.None);
        var embeddedFirst = app.Embeddings.Texts;
        var storedFirst = await StoredCountAsync(app);
        var vectors = new KnowledgeVectors(later, embedder, store);
        await vectors.WarmUpAsync(CancellationToken.None);
        var ranked = await vectors.RankAsync("how do i keep my keys offline", [], CancellationToken.None);

        Assert.Equal(4, embeddedFirst);
        Assert.Equal(4, storedFirst);
        // The later start embedded the new passage's title and body only, and stored them beside the others.
        Assert.Equal(embeddedFirst + 2 + 1, app.Embeddings.Texts);
        Assert.Equal(6, await StoredCountAsync(app));
        Assert.StartsWith("Cold storage", ranked[0].Passage.Title, StringComparison.Ordinal);
    }

    private static KnowledgeBase Knowledge(string run, params string[] titles) => new(titles.SelectMany(title => KnowledgeTextParser.Parse(
        KnowledgeTopic.Security,
        $"## {title}\nSource: Test {run}\nKeywords: {title.ToLowerInvariant()}, {run}\n\n{title} ({run}): a passage written for this test.",
        "security.md")));

    private static async Task<int> StoredCountAsync(ArchiveTestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DigestDbContext>().StoredEmbeddings.CountAsync();
    }
}
