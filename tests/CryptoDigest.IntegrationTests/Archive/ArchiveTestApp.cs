using CryptoDigest.Archive;
using CryptoDigest.Chat;
using CryptoDigest.Feeds;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Replies;
using CryptoDigest.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace CryptoDigest.IntegrationTests.Archive;

/// <summary>
/// The bot's composition on PostgreSQL or a fresh SQLite file, migrated, with a fake clock, loopback feeds allowed,
/// no bundled samples, and the embedding generator counted (the real local model inside, loaded once per process).
/// </summary>
public sealed class ArchiveTestApp : IAsyncDisposable
{
    private readonly DirectoryInfo? _folder;

    private ArchiveTestApp(ServiceProvider services, FakeTimeProvider time, CountingEmbeddingGenerator embeddings, DirectoryInfo? folder)
    {
        Services = services;
        Time = time;
        Embeddings = embeddings;
        _folder = folder;
    }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Time { get; }

    public CountingEmbeddingGenerator Embeddings { get; }

    public static async Task<ArchiveTestApp> StartAsync(string? postgres, Uri feed, params (string Key, string Value)[] settings)
    {
        var folder = postgres is null ? Directory.CreateTempSubdirectory("cryptodigest-archive-") : null;
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = postgres,
            ["Feeds:AllowLoopback"] = "true",
            ["Feeds:RetryDelayMilliseconds"] = "0",
            ["Feeds:UseSamplesWhenOffline"] = "false",
            ["Feeds:Sources:0:Name"] = "Security Weekly",
            ["Feeds:Sources:0:FeedUrl"] = feed.AbsoluteUri,
        };
        if (folder is not null)
        {
            values["Storage:SqlitePath"] = Path.Combine(folder.FullName, "bot.db");
        }

        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
        var embeddings = new CountingEmbeddingGenerator(new LocalSentenceEmbeddingGenerator());
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddBotForTest(configuration, time);
        services.Replace(ServiceDescriptor.Singleton<IEmbeddingGenerator<string, Embedding<float>>>(embeddings));
        var provider = services.BuildServiceProvider(validateScopes: true);
        await provider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        return new ArchiveTestApp(provider, time, embeddings, folder);
    }

    public Task<IReadOnlyList<SourceReport>> IngestAsync() => Services.GetRequiredService<FeedIngestor>().IngestAllAsync(dueOnly: false, CancellationToken.None);

    public async Task<List<ArchivePassage>> PassagesAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        return [.. (await db.ArchivePassages.AsNoTracking().ToListAsync()).OrderBy(p => p.ArticleId).ThenBy(p => p.Ordinal)];
    }

    /// <summary>A message through the router, as every adapter sends it.</summary>
    public Task<ChatReply> AskAsync(string text) =>
        Services.GetRequiredService<ChatRouter>().HandleAsync(ChatRequest.FromText(ChatPlatform.Console, "1", "1", false, ChatCommandParser.Parse(text)), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (_folder is not null)
        {
            SqliteConnection.ClearAllPools();
            _folder.Delete(recursive: true);
        }
    }
}
