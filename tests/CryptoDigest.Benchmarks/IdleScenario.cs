using System.Diagnostics;
using System.Globalization;
using CryptoDigest.Briefs;
using CryptoDigest.IntegrationTests.Feeds;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.IntegrationTests.Telegram;
using CryptoDigest.Replies;
using CryptoDigest.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CryptoDigest.Benchmarks;

/// <summary>
/// Issue 23, point 10: what the bot costs PostgreSQL while it has nothing to do. The real Host runs `serve` on a fresh
/// database with every job on (Hangfire on PostgreSQL, Telegram long polling against the Bot API stand-in, feeds,
/// the dispatch minute by minute), at its default settings, its newsletters' feeds served on loopback (answering 304
/// when unchanged, as real feeds do; nothing reaches the internet). The warm-up lasts until the first ingest has read
/// every feed (start-up work, not idle cost), then the database's committed and rolled back transactions are counted
/// over a window: by default ten minutes, a whole number of every recurring job's periods. Then one subscription, made before the host started and due at the first
/// whole minute after the window, must be delivered: how long after its minute the stand-in had it is the price of
/// the quiet. Target: at most 2 transactions a second, the brief within 60 s of its minute.
/// </summary>
public static class IdleScenario
{
    public static readonly string[] Known = ["seconds", "warmup"];

    private const long ChatId = 77_000_001;

    // The newsletters the Host ships with (src/CryptoDigest.Host/appsettings.json), each given a loopback feed.
    private const int ShippedSources = 10;

    public static async Task<int> RunAsync(Options options, PostgresServer postgres, TextWriter output)
    {
        var seconds = options.Int("seconds", 600, 10, 3_600);
        var warmup = options.Int("warmup", 30, 0, 600);
        var connectionString = await postgres.CreateDatabaseAsync(Report.DatabaseName("idle", seconds));
        await using var api = await BotApiStandIn.StartAsync();
        api.KeepHistory = false;
        var arrived = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        api.Accepted = chat =>
        {
            if (chat == ChatId)
            {
                arrived.TrySetResult(TimeProvider.System.GetUtcNow());
            }
        };

        await using var feeds = await FeedServer.StartAsync(MapFeeds);
        var environment = api.ServeEnvironment(connectionString);
        environment["Feeds__AllowLoopback"] = "true";
        for (var i = 0; i < ShippedSources; i++)
        {
            environment[$"Feeds__Sources__{i}__FeedUrl"] = feeds.Url($"feed/{i}").ToString();
        }

        // The first ingest runs at the next five-minute mark of the clock, within 5 min of the start.
        var due = FirstWholeMinuteAfter(TimeProvider.System.GetUtcNow().AddSeconds(330 + warmup + seconds + 60));
        await SeedAsync(connectionString, due);
        await using var host = await RunningHost.StartAsync(environment);
        await FirstIngestAsync(connectionString, TimeSpan.FromMinutes(7));
        await Task.Delay(TimeSpan.FromSeconds(warmup));

        var before = await TransactionsAsync(connectionString);
        var window = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        var transactions = await TransactionsAsync(connectionString) - before - 1; // less our own first count
        var elapsed = window.Elapsed;
        var perSecond = transactions / elapsed.TotalSeconds;
        var load = File.Exists("/proc/loadavg") ? (await File.ReadAllTextAsync("/proc/loadavg")).Split(' ')[..3] : ["?", "?", "?"];

        var arrival = await arrived.Task.WaitAsync(due.AddMinutes(5) - TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(1));
        var lag = arrival - due;
        var table = new Table("window s", "transactions", "per second", "brief due (UTC)", "lag after its minute s", "load average 1 / 5 / 15");
        table.Add(elapsed, transactions, perSecond, due.ToString("HH:mm", CultureInfo.InvariantCulture), lag, string.Join(" / ", load));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"idle: `serve` at its defaults on PostgreSQL (Hangfire, Telegram long polling against the stand-in, every recurring job), {warmup} s warm-up, then {seconds} s counted\n"));
        await output.WriteLineAsync(table.ToString());
        var ok = perSecond <= 2 && lag <= TimeSpan.FromSeconds(60);
        await output.WriteLineAsync(ok
            ? "Target met: at most 2 transactions a second idle, the brief within 60 s of its minute."
            : "Target NOT met (at most 2 transactions a second idle, the brief within 60 s of its minute).");
        return ok ? 0 : 1;
    }

    // Three items a feed with a fixed ETag: the first fetch stores them, every later one is answered 304.
    private static void MapFeeds(WebApplication app) =>
        app.MapGet("/feed/{n:int}", (HttpContext context, int n) =>
        {
            var etag = $"\"idle-{n}\"";
            if (context.Request.Headers.IfNoneMatch.ToString() == etag)
            {
                context.Response.StatusCode = 304;
                return Task.CompletedTask;
            }

            context.Response.Headers.ETag = etag;
            return FeedResponses.WriteRssAsync(context, FeedDocuments.Simple($"newsletter{n}", 3));
        });

    // Every shipped source fetched once: what the first ingest stores is start-up work, not idle cost.
    private static async Task FirstIngestAsync(string connectionString, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(timeout.Token);
        await using var command = new NpgsqlCommand("""SELECT count(*) FROM "Sources" WHERE "LastFetchedAt" IS NOT NULL""", connection);
        while ((long)(await command.ExecuteScalarAsync(timeout.Token))! < ShippedSources)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), timeout.Token);
        }
    }

    private static DateTimeOffset FirstWholeMinuteAfter(DateTimeOffset at) =>
        new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, TimeSpan.Zero).AddMinutes(1);

    // The schema, a few articles to brief, and the one subscription, written before the host starts.
    private static async Task SeedAsync(string connectionString, DateTimeOffset due)
    {
        await using var app = await BenchApp.StartAsync(connectionString, new Dictionary<string, string?>(), (_, _) => { }, LogLevel.Error);
        await app.SeedArticlesAsync(5);
        await app.WithDbAsync(db =>
        {
            db.Subscriptions.Add(new Subscription
            {
                Platform = nameof(ChatPlatform.Telegram),
                ChatId = ChatId.ToString(CultureInfo.InvariantCulture),
                DeliveryTime = TimeOnly.FromTimeSpan(due.TimeOfDay),
                TimeZone = "UTC",
                CreatedAt = due.AddDays(-1),
            });
            return db.SaveChangesAsync();
        });
    }

    private static async Task<long> TransactionsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // The statistics are a snapshot per transaction; this query is its own.
        await using var command = new NpgsqlCommand("SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
