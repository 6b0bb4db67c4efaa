using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CryptoDigest.Host;
using CryptoDigest.Replies;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CryptoDigest.Benchmarks;

/// <summary>
/// The bot's real composition (AddCryptoDigest, and whatever a scenario adds) on a fresh PostgreSQL
/// database with the real clock: the senders pace against it, so a fake clock would stall them.
/// </summary>
public sealed class BenchApp : IAsyncDisposable
{
    private BenchApp(ServiceProvider services, DbStats dbStats, CountingLoggerProvider logs)
    {
        Services = services;
        DbStats = dbStats;
        Logs = logs;
    }

    public ServiceProvider Services { get; }

    /// <summary>Every database command the app ran, counted and timed.</summary>
    public DbStats DbStats { get; }

    /// <summary>Warnings and errors the app logged, counted.</summary>
    public CountingLoggerProvider Logs { get; }

    public static TimeProvider Time => TimeProvider.System;

    public static async Task<BenchApp> StartAsync(
        string connectionString,
        IDictionary<string, string?> settings,
        Action<IServiceCollection, IConfiguration> configure,
        LogLevel consoleLevel)
    {
        var all = new Dictionary<string, string?>(settings) { ["ConnectionStrings:Postgres"] = connectionString };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var dbStats = new DbStats();
        var logs = new CountingLoggerProvider();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(b => b
                .SetMinimumLevel(LogLevel.Warning)
                .AddProvider(logs)
                .AddSimpleConsole(o => o.SingleLine = true)
                .AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(null, consoleLevel)
                // Migrating a fresh database first probes for the missing history table, which EF logs as an error.
                .AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Critical))
            .AddCryptoDigest(configuration);
        // Counts and times the commands without touching how storage is registered.
        services.ConfigureDbContext<PostgresDigestDbContext>(o => o.AddInterceptors(dbStats));
        configure(services, configuration);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        logs.Clear();
        return new BenchApp(provider, dbStats, logs);
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async Task<TResult> WithDbAsync<TResult>(Func<DigestDbContext, Task<TResult>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<DigestDbContext>());
    }

    /// <summary>
    /// K new articles spread over a few sources, fetched within the last hours, each on its own story
    /// (distinct words, so the grouper keeps them apart and the brief has K items).
    /// </summary>
    public Task SeedArticlesAsync(int count) => WithDbAsync(db => SeedArticlesAsync(db, count));

    /// <summary>The same articles written through any database context (the SQLite scenarios have no BenchApp).</summary>
    public static async Task<int> SeedArticlesAsync(DigestDbContext db, int count)
    {
        string[] sources = ["Glassnode", "Bankless", "Coin Metrics", "Kaiko", "Lyn Alden"];
        var rows = sources.Select(name => new NewsletterSource { Name = name }).ToList();
        db.Sources.AddRange(rows);
        await db.SaveChangesAsync();
        var now = Time.GetUtcNow();
        for (var i = 0; i < count; i++)
        {
            var (title, text) = Articles.Make(i);
            var at = now.AddMinutes(-30 - (i * 7));
            var slug = $"{i:D3}-" + string.Join('-', title.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
            db.Articles.Add(new Article
            {
                SourceId = rows[i % rows.Count].Id,
                Guid = slug,
                Title = title,
                Url = new Uri($"https://news.example.com/{slug}"),
                Text = text,
                ContentHash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(title + text))),
                PublishedAt = at,
                FetchedAt = at,
            });
        }

        return await db.SaveChangesAsync();
    }

    /// <summary>N active Telegram subscriptions to private chats (ids firstChatId, firstChatId + 1, ...).</summary>
    public async Task SeedSubscriptionsAsync(int count, long firstChatId)
    {
        const int Chunk = 5_000;
        var now = Time.GetUtcNow();
        for (var start = 0; start < count; start += Chunk)
        {
            var size = Math.Min(Chunk, count - start);
            await WithDbAsync(db =>
            {
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                db.Subscriptions.AddRange(Enumerable.Range(start, size).Select(i => new Subscription
                {
                    Platform = nameof(ChatPlatform.Telegram),
                    ChatId = (firstChatId + i).ToString(CultureInfo.InvariantCulture),
                    DeliveryTime = new TimeOnly(8, 0),
                    TimeZone = "UTC",
                    CreatedAt = now.AddDays(-1),
                }));
                return db.SaveChangesAsync();
            });
        }
    }

    /// <summary>Deliveries by status, and the possible duplicates the engine itself counted.</summary>
    public Task<(Dictionary<DeliveryStatus, int> ByStatus, int PossibleDuplicates)> DeliveryTotalsAsync() => WithDbAsync(async db =>
    {
        var byStatus = await db.Deliveries.AsNoTracking().GroupBy(d => d.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var duplicates = await db.Deliveries.AsNoTracking().SumAsync(d => d.PossibleDuplicates);
        return (byStatus, duplicates);
    });

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
