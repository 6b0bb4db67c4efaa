using System.Globalization;
using System.Net;
using System.Security;
using System.Text;
using CryptoDigest.Host;
using CryptoDigest.IntegrationTests.Feeds;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.IntegrationTests.Telegram;
using CryptoDigest.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CryptoDigest.Benchmarks;

/// <summary>
/// The embedded default under a burst: what `serve` composes with only a bot token set (SQLite file,
/// in-memory Hangfire with the real recurring jobs, long polling), and N private chats sending
/// "/subscribe HH:MM Zone" at once through the Bot API stand-in's getUpdates queue, for a time a minute
/// or two ahead. Measures how fast the replies come back, then whether every chat got its brief once.
/// The real clock: Hangfire's recurring scheduler and the stand-in's rate limit both run on it.
/// </summary>
public static class SubscribeBurstScenario
{
    public static readonly string[] Known = ["chats", "rate", "articles", "lead", "zone", "workers"];

    private const string ReplyPrefix = "Subscribed:";

    public static async Task<int> RunAsync(Options options, PostgresServer postgres, TextWriter output)
    {
        var chats = options.Int("chats", 3000, 1, 100_000);
        var rate = options.Int("rate", 300, 1, 1000);
        var articles = options.Int("articles", 20, 1, 500);
        // The brief is due at the first whole minute at least this many seconds after the burst starts.
        var lead = options.Int("lead", 60, 10, 1800);
        var zoneName = options.Text("zone", "Europe/Berlin");
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneName);
        // Telegram:MaxConcurrentUpdates; 0 keeps the bot's default.
        var workers = options.Int("workers", 0, 0, 256);

        await using var api = await BotApiStandIn.StartAsync();
        api.GlobalMessagesPerSecond = rate;
        var loopbackFeeds = new LoopbackFeeds();
        await using var feeds = await loopbackFeeds.StartAsync();
        var folder = Directory.CreateTempSubdirectory("cryptodigest-bench-burst-");
        var settings = new Dictionary<string, string?>
        {
            ["Storage:SqlitePath"] = Path.Combine(folder.FullName, "bot.db"),
            ["Telegram:BotToken"] = BotApiStandIn.Token,
            ["Telegram:ApiBaseUrl"] = api.BaseUrl.ToString(),
            ["Telegram:GlobalMessagesPerSecond"] = rate.ToString(CultureInfo.InvariantCulture),
            // Ingestion every minute instead of every five, so it certainly runs beside the burst and the broadcast.
            ["Jobs:IngestFeedsCron"] = "* * * * *",
            ["Feeds:AllowLoopback"] = "true",
        };
        if (workers > 0)
        {
            settings["Telegram:MaxConcurrentUpdates"] = workers.ToString(CultureInfo.InvariantCulture);
        }
        for (var i = 0; i < LoopbackFeeds.Count; i++)
        {
            settings[$"Feeds:Sources:{i}:Name"] = $"Loopback Weekly {i}";
            settings[$"Feeds:Sources:{i}:FeedUrl"] = new Uri(feeds.BaseUrl, $"feeds/{i}.xml").ToString();
            settings[$"Feeds:Sources:{i}:Description"] = "A feed on loopback";
        }

        // As `serve` composes it (HostCommandLine), minus the configuration files: only these settings.
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        var logs = new CountingLoggerProvider();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddProvider(logs).AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Critical);
        builder.Services.AddCryptoDigest(builder.Configuration);
        builder.Services.AddServing(builder.Configuration, http: false);
        using var host = builder.Build();
        await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await BenchApp.SeedArticlesAsync(scope.ServiceProvider.GetRequiredService<DigestDbContext>(), articles);
        }

        logs.Clear();
        await host.StartAsync();
        try
        {
            // The bot is polling: now the whole burst arrives at once.
            await api.WaitForCallsAsync("getUpdates");
            var now = TimeProvider.System.GetUtcNow();
            var local = TimeZoneInfo.ConvertTime(now.AddSeconds(lead), zone).DateTime;
            var dueLocal = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified).AddMinutes(local.Second > 0 || local.Millisecond > 0 ? 1 : 0);
            var dueAt = new DateTimeOffset(dueLocal, zone.GetUtcOffset(dueLocal)).ToUniversalTime();
            var text = string.Create(CultureInfo.InvariantCulture, $"/subscribe {dueLocal:HH:mm} {zoneName}");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"subscribe-burst: {chats:N0} private chats send '{text}' at once (due {dueAt:HH:mm:ss} UTC, {(dueAt - now).TotalSeconds:F0} s after the burst); SQLite, long polling, in-memory Hangfire; L = {rate}/s; {articles} articles"));
            output.WriteLine();

            const long FirstChat = 2_000_000;
            var cpuBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            var burstAt = TimeProvider.System.GetUtcNow();
            for (var i = 0; i < chats; i++)
            {
                api.AddMessage(FirstChat + i, text);
            }

            // Replies: until every chat has one, or 30 s pass with none new.
            var replies = await WaitQuietAsync(() => Task.FromResult(Count(api, reply: true)), chats, TimeSpan.FromSeconds(30));
            var repliesDone = TimeProvider.System.GetUtcNow();
            // This process's processor time over the burst: the bot and the in-process Bot API stand-in together.
            var cpuPerCommand = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / Math.Max(1, replies);

            // Briefs: dispatch runs every minute after the due time; wait until each chat has one, or a quiet minute.
            var untilDue = dueAt - TimeProvider.System.GetUtcNow();
            if (untilDue > TimeSpan.Zero)
            {
                await Task.Delay(untilDue);
            }

            await WaitQuietAsync(() => Task.FromResult(Count(api, reply: false)), chats, TimeSpan.FromSeconds(75));
            // A brief of several parts: the last chats may still be on their later parts.
            await WaitQuietAsync(async () => await OpenDeliveriesAsync(host.Services) == 0 ? 1 : 0, 1, TimeSpan.FromSeconds(60));

            var calls = api.Calls.Where(c => c.Method == "sendmessage" && c.Status == 200).ToList();
            var replyCalls = calls.Where(c => IsReply(c)).ToList();
            var briefCalls = calls.Where(c => !IsReply(c)).ToList();
            var latencies = replyCalls.GroupBy(Chat).Select(g => (g.Min(c => c.At) - burstAt).TotalMilliseconds).Order().ToArray();
            var lastReply = latencies.Length == 0 ? double.NaN : latencies[^1] / 1000;
            var briefsPerChat = briefCalls.GroupBy(Chat).ToDictionary(g => g.Key, g => g.Count());
            // The brief's part count: what most chats got (20 articles make one Telegram message).
            var parts = briefsPerChat.Count == 0 ? 1 : briefsPerChat.Values.GroupBy(n => n).MaxBy(g => g.Count())!.Key;
            var missing = Enumerable.Range(0, chats).Count(i => briefsPerChat.GetValueOrDefault(FirstChat + i) < parts);
            var duplicates = briefsPerChat.Values.Sum(n => Math.Max(0, n - parts));
            var lateness = briefCalls.GroupBy(Chat).Select(g => (g.Max(c => c.At) - dueAt).TotalSeconds).Order().ToArray();
            var subscribedBeforeDue = replyCalls.Count(c => c.At <= dueAt);
            var (active, deliveries) = await CountRowsAsync(host.Services);

            var table = new Table("chats", "L msg/s", "replies", "lost", "last reply s", "commands/s", "rate / L", "p50 ms", "p99 ms", "429s", "getUpdates", "cpu ms/cmd", "subscribed", "replied before due");
            table.Add(chats, rate, replyCalls.Count, chats - latencies.Length, lastReply, latencies.Length / lastReply, latencies.Length / lastReply / rate,
                Percentile(latencies, 0.50), Percentile(latencies, 0.99), api.CallCount("sendmessage", 429), api.CallCount("getupdates", 200), cpuPerCommand, active, subscribedBeforeDue);
            output.Write(table.ToString());
            output.WriteLine();
            var briefs = new Table("parts/brief", "chats with brief", "missing", "duplicates", "first brief s after due", "p50 s", "last brief s after due", "deliveries (db)", "feed fetches");
            briefs.Add(parts, briefsPerChat.Count, missing, duplicates, Percentile(lateness, 0), Percentile(lateness, 0.5), Percentile(lateness, 1), deliveries, loopbackFeeds.Fetches);
            output.Write(briefs.ToString());
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"replies took {(repliesDone - burstAt).TotalSeconds:F1} s to settle; {replies} chats answered"));
            Report.Logs(logs, output);

            var met = latencies.Length == chats && lastReply <= chats / (0.9 * rate) && missing == 0 && duplicates == 0;
            output.WriteLine(met
                ? $"Target met: {chats:N0} replies at ≥ 0.9 L, none lost, every chat one brief."
                : string.Create(CultureInfo.InvariantCulture, $"Target NOT met (≥ {0.9 * rate:F0} commands/s, 0 lost, every chat exactly one brief)."));
            return met ? 0 : 1;
        }
        finally
        {
            await host.StopAsync();
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static bool IsReply(BotApiCall call) => ((string?)call.Parameters["text"] ?? string.Empty).StartsWith(ReplyPrefix, StringComparison.Ordinal);

    private static long Chat(BotApiCall call) => (long?)call.Parameters["chat_id"] ?? 0;

    private static int Count(BotApiStandIn api, bool reply) =>
        api.Calls.Where(c => c.Method == "sendmessage" && c.Status == 200 && IsReply(c) == reply).Select(Chat).Distinct().Count();

    /// <summary>Polls a count until it reaches <paramref name="target"/> or stops moving for <paramref name="quiet"/>.</summary>
    private static async Task<int> WaitQuietAsync(Func<Task<int>> count, int target, TimeSpan quiet)
    {
        var last = -1;
        var changed = TimeProvider.System.GetUtcNow();
        while (true)
        {
            var now = await count();
            if (now >= target)
            {
                return now;
            }

            if (now != last)
            {
                last = now;
                changed = TimeProvider.System.GetUtcNow();
            }
            else if (TimeProvider.System.GetUtcNow() - changed > quiet)
            {
                return now;
            }

            await Task.Delay(100);
        }
    }

    private static async Task<int> OpenDeliveriesAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DigestDbContext>().Deliveries
            .CountAsync(d => d.Status == DeliveryStatus.Pending || d.Status == DeliveryStatus.Claimed);
    }

    private static async Task<(int Active, string Deliveries)> CountRowsAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        var active = await db.Subscriptions.CountAsync(s => s.Active);
        var byStatus = await db.Deliveries.AsNoTracking().GroupBy(d => d.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        return (active, byStatus.Count == 0 ? "none" : string.Join(", ", byStatus.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Count}")));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>A few RSS feeds on loopback for the ingest-feeds job: each fetch sees one new item.</summary>
    private sealed class LoopbackFeeds
    {
        public const int Count = 3;
        private int _fetches;

        public int Fetches => Volatile.Read(ref _fetches);

        public Task<FeedServer> StartAsync() =>
            FeedServer.StartAsync(app => app.MapGet("/feeds/{n:int}.xml", (int n) => Results.Text(Rss(n), "application/rss+xml", Encoding.UTF8)));

        private string Rss(int feed)
        {
            var fetch = Interlocked.Increment(ref _fetches);
            var now = TimeProvider.System.GetUtcNow();
            var items = new StringBuilder();
            for (var i = 0; i <= fetch; i++)
            {
                var (title, body) = Articles.Make(100 + (feed * 1000) + i);
                items.Append(CultureInfo.InvariantCulture, $"<item><title>{SecurityElement.Escape(title)}</title><link>https://feed{feed}.example.com/{i}</link><guid>feed{feed}-{i}</guid><pubDate>{now.AddMinutes(-i):R}</pubDate><description>{SecurityElement.Escape(body)}</description></item>");
            }

            return $"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Loopback Weekly {feed}</title><link>https://feed{feed}.example.com/</link><description>test</description>{items}</channel></rss>";
        }
    }
}
