using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using CryptoDigest.Host;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.IntegrationTests.Telegram;
using CryptoDigest.Storage;
using CryptoDigest.Telegram;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CryptoDigest.Benchmarks;

/// <summary>
/// Commands through the real Telegram webhook (Kestrel on loopback, AddCryptoDigest + AddTelegram),
/// each from its own private chat, answered through the Bot API stand-in. Latency is from the moment
/// the update is posted to the moment the stand-in receives the reply; lost = posted − answered
/// (a 503 from a full queue counts as lost here, though Telegram would send it again).
/// </summary>
public static class CommandsScenario
{
    public static readonly string[] Known = ["rate", "seconds", "text", "storage", "senders", "warmup"];

    private const string Secret = "benchmark-secret_0123456789abcdef-long";
    private const string WebhookPath = "/hooks/telegram";

    public static async Task<int> RunAsync(Options options, PostgresServer postgres, TextWriter output)
    {
        var rate = options.Int("rate", 200, 0, 100_000);
        var seconds = options.Int("seconds", 10, 1, 600);
        var senders = options.Int("senders", 64, 1, 1024);
        var text = options.Text("text", "/help");
        // Seconds of the same load before measuring, not counted: the first second of a fresh process is
        // JIT compilation and connection set-up, which a long-running bot pays once.
        var warmup = options.Int("warmup", 0, 0, 600);
        var storages = options.Text("storage", "sqlite,postgres").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"commands: '{text}' for {seconds} s after {warmup} s of warm-up, {(rate == 0 ? $"saturated ({senders} senders, each posting when its last post was answered)" : $"offered at {rate}/s")}; storage {string.Join(", ", storages)}"));
        output.WriteLine();

        var table = new Table("storage", "mode", "posted", "answered", "lost", "503s", "commands/s", "p50 ms", "p99 ms", "max ms");
        foreach (var storage in storages)
        {
            if (storage is not ("sqlite" or "postgres"))
            {
                throw new ArgumentException($"--storage takes sqlite and/or postgres, not '{storage}'");
            }

            var run = await RunOnceAsync(storage, rate, seconds, warmup, senders, text, postgres);
            table.Add(storage, rate == 0 ? "saturated" : $"{rate}/s", run.Posted, run.Answered, run.Posted - run.Answered, run.Unavailable,
                run.Answered / run.Elapsed.TotalSeconds, run.Percentile(0.50), run.Percentile(0.99), run.Percentile(1.0));
        }

        output.Write(table.ToString());
        return 0;
    }

    private static async Task<Run> RunOnceAsync(string storage, int rate, int seconds, int warmup, int senders, string text, PostgresServer postgres)
    {
        await using var api = await BotApiStandIn.StartAsync();
        // The replies go to distinct chats: the stand-in's per-chat limit never applies, and its bot-wide limit is Telegram's paid ceiling.
        api.GlobalMessagesPerSecond = 1000;
        var folder = Directory.CreateTempSubdirectory("cryptodigest-bench-commands-");
        var settings = new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = BotApiStandIn.Token,
            ["Telegram:ApiBaseUrl"] = api.BaseUrl.ToString(),
            ["Telegram:WebhookUrl"] = "https://bot.example.test" + WebhookPath,
            ["Telegram:WebhookSecret"] = Secret,
            ["Telegram:GlobalMessagesPerSecond"] = "1000",
            ["Storage:SqlitePath"] = Path.Combine(folder.FullName, "bot.db"),
        };
        if (storage == "postgres")
        {
            settings["ConnectionStrings:Postgres"] = await postgres.CreateDatabaseAsync(Report.DatabaseName("commands", rate));
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Production" });
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddCryptoDigest(builder.Configuration);
        builder.Services.AddTelegram(builder.Configuration);
        await using var app = builder.Build();
        app.MapTelegramWebhook();
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        await app.StartAsync();
        try
        {
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Math.Max(senders, 256) }) { BaseAddress = address };
            var posted = new System.Collections.Concurrent.ConcurrentDictionary<long, long>();
            var unavailable = 0;
            var refusedShown = 0;
            var nextChat = 1_000_000L;

            var measuring = warmup == 0;

            async Task PostOneAsync()
            {
                var chatId = Interlocked.Increment(ref nextChat);
                var body = api.AddMessage(chatId, text, queue: false).ToJsonString();
                if (measuring)
                {
                    posted[chatId] = Stopwatch.GetTimestamp();
                }

                using var request = new HttpRequestMessage(HttpMethod.Post, WebhookPath) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", Secret);
                using var response = await http.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    Interlocked.Increment(ref unavailable);
                }
                else if (response.StatusCode != HttpStatusCode.OK && Interlocked.Increment(ref refusedShown) == 1)
                {
                    Console.Error.WriteLine($"the webhook answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }

            async Task<long> LoadAsync(int loadSeconds)
            {
                var loadStarted = Stopwatch.GetTimestamp();
                var until = TimeSpan.FromSeconds(loadSeconds);
                if (rate > 0)
                {
                    // Open loop: the i-th command is posted at i / rate seconds, whether or not earlier ones were answered.
                    var inFlight = new List<Task>();
                    for (var i = 0; i < rate * loadSeconds; i++)
                    {
                        var due = TimeSpan.FromSeconds((double)i / rate);
                        var wait = due - Stopwatch.GetElapsedTime(loadStarted);
                        if (wait > TimeSpan.Zero)
                        {
                            await Task.Delay(wait);
                        }

                        inFlight.Add(PostOneAsync());
                    }

                    await Task.WhenAll(inFlight);
                }
                else
                {
                    await Task.WhenAll(Enumerable.Range(0, senders).Select(async _ =>
                    {
                        while (Stopwatch.GetElapsedTime(loadStarted) < until)
                        {
                            await PostOneAsync();
                        }
                    }));
                }

                // Answers still on their way: wait until every posted chat has one, or a few quiet seconds pass.
                var answered = 0;
                var lastChange = Stopwatch.GetTimestamp();
                while (Stopwatch.GetElapsedTime(lastChange) < TimeSpan.FromSeconds(5))
                {
                    var now = api.DeliveredCounts.Count;
                    if (now != answered)
                    {
                        answered = now;
                        lastChange = Stopwatch.GetTimestamp();
                    }

                    if (answered >= nextChat - 1_000_000L)
                    {
                        break;
                    }

                    await Task.Delay(50);
                }

                return loadStarted;
            }

            if (warmup > 0)
            {
                await LoadAsync(warmup);
                measuring = true;
                unavailable = 0;
            }

            var started = await LoadAsync(seconds);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var wallNow = TimeProvider.System.GetUtcNow();
            var stopwatchNow = Stopwatch.GetTimestamp();
            var latencies = new List<double>();
            foreach (var call in api.Calls.Where(c => c.Method == "sendmessage" && c.Status == 200))
            {
                var chatId = (long?)call.Parameters["chat_id"] ?? 0;
                if (posted.TryGetValue(chatId, out var postedAt))
                {
                    // The stand-in stamps calls with the wall clock; turn that back into this process's stopwatch.
                    var answeredAt = stopwatchNow - (long)((wallNow - call.At).TotalSeconds * Stopwatch.Frequency);
                    latencies.Add((answeredAt - postedAt) * 1000.0 / Stopwatch.Frequency);
                    posted.TryRemove(chatId, out _);
                }
            }

            if (latencies.Count == 0)
            {
                Console.Error.WriteLine("no answers; Bot API calls: " + string.Join(", ", api.Calls.GroupBy(c => $"{c.Method}={c.Status}").Select(g => $"{g.Key} x{g.Count()}")));
            }

            var total = latencies.Count + posted.Count;
            return new Run(total, latencies.Count, unavailable, elapsed, [.. latencies.Order()]);
        }
        finally
        {
            await app.StopAsync();
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private sealed record Run(int Posted, int Answered, int Unavailable, TimeSpan Elapsed, double[] Latencies)
    {
        public double Percentile(double p) =>
            Latencies.Length == 0 ? double.NaN : Latencies[Math.Clamp((int)Math.Ceiling(p * Latencies.Length) - 1, 0, Latencies.Length - 1)];
    }
}
