using System.Diagnostics;
using System.Globalization;
using CryptoDigest.Benchmarks.Peer;
using CryptoDigest.Briefs;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.IntegrationTests.Telegram;
using CryptoDigest.Storage;
using CryptoDigest.Telegram;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CryptoDigest.Benchmarks;

/// <summary>
/// Issue 7: one edition broadcast to N Telegram subscriptions through the real adapter
/// (TelegramBriefChannel → TelegramSender → Telegram.Bot → the Bot API stand-in on loopback, which
/// enforces the per-chat limit and a bot-wide limit of L messages a second), driven the way the jobs
/// drive it: dispatch to the outbox, then W deliver-briefs workers claiming batches.
/// Target: achieved rate ≥ 0.95 L, no 429, no duplicate, nothing missing.
/// </summary>
public static class BroadcastScenario
{
    public static readonly string[] Known = ["sizes", "rate", "articles", "workers", "batch-size", "concurrency", "server-ms"];

    /// <summary>
    /// --peer: also run the python-telegram-bot peer for each size (Peer/BroadcastPeer.cs); --single-threaded: the
    /// stand-in does its own work one request at a time (with --server-ms waited concurrently), as an event-loop server.
    /// </summary>
    public static readonly string[] Flags = ["peer", "single-threaded"];

    private const long FirstChatId = 1_000_000;

    public static async Task<int> RunAsync(Options options, PostgresServer postgres, TextWriter output)
    {
        var defaults = new DeliveryOptions();
        var sizes = options.Sizes("sizes", [1_000, 10_000, 100_000], 1, 1_000_000);
        var rate = options.Int("rate", 1_000, 1, 1_000);
        var articles = options.Int("articles", 20, 1, 500);
        var workers = options.Int("workers", defaults.ParallelBatches, 1, 64);
        var batchSize = options.Int("batch-size", defaults.BatchSize, 1, 10_000);
        var concurrency = options.Int("concurrency", defaults.MaxConcurrentChats, 1, 10_000);
        var singleThreaded = options.Flag("single-threaded");
        var servers = options.Sizes("server-ms", [0], 0, 10_000).Select(ms => new StandInServer(ms, singleThreaded)).ToList();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"broadcast: L = {rate} msg/s (stand-in limit and Telegram:GlobalMessagesPerSecond), {articles} articles, {workers} deliver workers x batch {batchSize} x {concurrency} concurrent chats; sizes {string.Join(", ", sizes)}; stand-in server time {string.Join(", ", servers)}\n"));

        var results = new Table("N", "server", "parts/brief", "messages", "elapsed s", "msg/s", "rate / L", "429s", "duplicates", "missing", "model calls", "peak WS MB", "peak heap MB", "not sent (db)");
        var profile = new Table("N", "server", "seed s", "compose s", "dispatch s", "deliver s", "db cmds/msg", "selects/msg", "updates/msg", "db ms/msg", "send ms", "http ms", "pacing ms", "sends in flight");
        var cpuTable = new Table("N", "server", "bot cpu ms/msg", "postgres cpu ms/msg", "stand-in cpu ms/msg", "machine busy %", "other load %", "ceiling msg/s");
        var peer = options.Flag("peer") ? new BroadcastPeer(rate) : null;
        var memoryTable = new Table("N", "server", "WS before dispatch MB", "peak WS MB", "peak heap MB", "peak GC committed MB", "gen0 / gen1 / gen2 GCs");
        var ok = true;
        foreach (var (size, server) in servers.SelectMany(server => sizes.Select(size => (size, server))))
        {
            var run = await RunOneAsync(size, server, rate, articles, workers, batchSize, concurrency, postgres, output);
            var elapsed = run.Deliver.TotalSeconds;
            var achieved = run.Delivered / elapsed;
            ok &= achieved >= 0.95 * rate && run.Floods == 0 && run.Duplicates == 0 && run.Missing == 0;
            results.Add(size, server, run.Parts, run.Delivered, run.Deliver, achieved, achieved / rate, run.Floods, run.Duplicates, run.Missing, run.ModelCalls,
                Report.Megabytes(run.PeakWorkingSet), Report.Megabytes(run.PeakHeap), run.NotSent);
            var messages = Math.Max(run.Delivered, 1);
            profile.Add(size, server, run.Seed, run.Compose, run.Dispatch, run.Deliver,
                (double)run.Db.Commands / messages, (double)run.Db.Selects / messages, (double)run.Db.Updates / messages, run.Db.Time.TotalMilliseconds / messages,
                run.Sends.Mean.TotalMilliseconds, run.Http.Mean.TotalMilliseconds, (run.Sends.Mean - run.Http.Mean).TotalMilliseconds,
                run.Sends.Total / run.Deliver);
            var bot = run.Cpu.Bot.TotalMilliseconds / messages;
            var pg = run.Cpu.Postgres.TotalMilliseconds / messages;
            var others = run.Cpu.MachineBusy - run.Cpu.Bot - run.Cpu.Postgres - run.Cpu.StandIn;
            cpuTable.Add(size, server, bot, pg, run.Cpu.StandIn.TotalMilliseconds / messages,
                100 * run.Cpu.MachineBusy / run.Cpu.MachineTotal, 100 * Math.Max(0, others / run.Cpu.MachineTotal),
                Environment.ProcessorCount * 1000 / (bot + pg));
            if (peer is not null)
            {
                await peer.AddAsync(size, server, FirstChatId, run.PartsHtml,
                    new BroadcastOutcome(run.Delivered, run.Deliver, run.Floods, run.Duplicates, run.Missing, run.Cpu.Bot, run.Cpu.StandIn), output);
            }
            memoryTable.Add(size, server, Report.Megabytes(run.StartWorkingSet), Report.Megabytes(run.PeakWorkingSet), Report.Megabytes(run.PeakHeap),
                Report.Megabytes(run.PeakGcCommitted), run.Collections);
        }

        await output.WriteLineAsync(results.ToString());
        await output.WriteLineAsync("Where the time goes (deliver phase; per message = per Bot API sendMessage accepted):");
        await output.WriteLineAsync(profile.ToString());
        await output.WriteLineAsync("Processor time in the deliver phase (the stand-in runs in its own process; its work is Telegram's in production; ceiling = cores x 1000 / (bot + postgres ms per message)):");
        await output.WriteLineAsync(cpuTable.ToString());
        await output.WriteLineAsync("Memory of the bot's process during dispatch + deliver (sampled every 100 ms; GCs counted over the same phase):");
        await output.WriteLineAsync(memoryTable.ToString());
        await output.WriteLineAsync(ok
            ? "Target met: rate ≥ 0.95 L, no 429, no duplicate, nothing missing."
            : "Target NOT met (rate ≥ 0.95 L, no 429, no duplicate, nothing missing): see the tables above.");
        if (peer is not null)
        {
            await output.WriteLineAsync("\nThe same brief to the same chats at the same L, sent by the python-telegram-bot peer through a fresh stand-in (sender cpu: our bot process, or the peer's python):");
            await output.WriteLineAsync(peer.ToString());
        }

        return ok ? 0 : 1;
    }

    private static async Task<Run> RunOneAsync(int size, StandInServer server, int rate, int articles, int workers, int batchSize, int concurrency, PostgresServer postgres, TextWriter output)
    {
        await using var api = await StandInProcess.StartAsync(rate, server: server);
        await using var model = await ModelStandIn.StartAsync();
        for (var i = 0; i < (2 * articles) + 2; i++)
        {
            // K summaries, the brief, and spares: an extra call would be answered and counted, not retried.
            model.EnqueueAnswer(i == articles
                ? "Flows, miners and macro led the newsletters today; stablecoins kept growing. Not financial advice."
                : $"Summary {i + 1}: the newsletter's main point, in two sentences of plain words.");
        }

        var sends = new TimingStats();
        var http = new TimingStats();
        await using var app = await BenchApp.StartAsync(
            await postgres.CreateDatabaseAsync(Report.DatabaseName("broadcast", size)),
            new Dictionary<string, string?>
            {
                ["AI:Endpoint"] = model.BaseUrl.ToString(),
                ["AI:Model"] = "bench-model",
                ["Telegram:BotToken"] = BotApiStandIn.Token,
                ["Telegram:ApiBaseUrl"] = api.BaseUrl.ToString(),
                ["Telegram:GlobalMessagesPerSecond"] = rate.ToString(CultureInfo.InvariantCulture),
                ["Delivery:BatchSize"] = batchSize.ToString(CultureInfo.InvariantCulture),
                ["Delivery:MaxConcurrentChats"] = concurrency.ToString(CultureInfo.InvariantCulture),
            },
            (services, configuration) =>
            {
                services.AddTelegram(configuration);
                // The same Telegram channel, timed; and each Bot API round trip timed on its own.
                services.RemoveAll<IBriefChannel>();
                services.AddSingleton<IBriefChannel>(sp => new TimedBriefChannel(new TelegramBriefChannel(sp.GetRequiredService<TelegramSender>()), sends));
                services.AddHttpClient("Telegram").AddHttpMessageHandler(() => new TimingHandler(http));
            },
            LogLevel.Error);

        var started = Stopwatch.GetTimestamp();
        await app.SeedArticlesAsync(articles);
        await app.SeedSubscriptionsAsync(size, FirstChatId);
        var seed = Stopwatch.GetElapsedTime(started);

        // compose-brief runs before the deliveries, as in production.
        started = Stopwatch.GetTimestamp();
        var edition = await app.Get<BriefComposer>().ComposeAsync(CancellationToken.None);
        var compose = Stopwatch.GetElapsedTime(started);
        var reply = BriefReplyBuilder.ToReply(BriefComposer.Read(edition));
        var parts = TelegramSender.CountParts(reply);

        GC.Collect();
        var memory = new MemorySampler();
        int[] gcsBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        started = Stopwatch.GetTimestamp();
        await app.Get<BriefDispatcher>().DispatchNowAsync(null, CancellationToken.None);
        var dispatch = Stopwatch.GetElapsedTime(started);

        var db = app.DbStats.Snapshot();
        var dataDirectory = await DataDirectoryAsync(postgres);
        var cpu = CpuSnapshot.Take(dataDirectory, api);
        started = Stopwatch.GetTimestamp();
        var deliverStarted = started;
        // What dispatch-due-briefs does: start ParallelBatches deliver-briefs jobs, each claiming batches until none is left.
        var deliverer = app.Get<BriefDeliverer>();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => deliverer.DeliverDueAsync(CancellationToken.None))));
        var deliver = Stopwatch.GetElapsedTime(started);
        var cpuUsed = CpuSnapshot.Take(dataDirectory, api) - cpu;
        var dbDeliver = app.DbStats.Snapshot() - db;
        await memory.DisposeAsync();
        var collections = string.Create(CultureInfo.InvariantCulture,
            $"{GC.CollectionCount(0) - gcsBefore[0]} / {GC.CollectionCount(1) - gcsBefore[1]} / {GC.CollectionCount(2) - gcsBefore[2]}");

        var report = await api.ReportAsync();
        var counts = report.Delivered;
        long duplicates = 0, missing = 0, delivered = 0;
        for (var chat = FirstChatId; chat < FirstChatId + size; chat++)
        {
            var got = counts.GetValueOrDefault(chat);
            delivered += got;
            duplicates += Math.Max(0, got - parts);
            missing += Math.Max(0, parts - got);
        }

        // Anything sent to a chat that was never subscribed would be a bug of its own: count it as a duplicate.
        duplicates += counts.Where(c => c.Key < FirstChatId || c.Key >= FirstChatId + size).Sum(c => c.Value);
        var (byStatus, _) = await app.DeliveryTotalsAsync();
        var notSent = byStatus.Where(s => s.Key != DeliveryStatus.Sent).Sum(s => s.Value);
        Report.Logs(app.Logs, output);
        await output.WriteLineAsync("  " + Timeline(await api.FirstSendsAsync(), deliverStarted) + string.Create(CultureInfo.InvariantCulture,
            $"; first brief send began {Since(deliverStarted, sends.FirstStart)} ms into the deliver phase, first Bot API request {Since(deliverStarted, http.FirstStart)} ms"));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  N = {size:N0}, server {server}: {delivered:N0} messages in {deliver.TotalSeconds:N1} s; stand-in answered {report.Accepted:N0} x 200, {report.Floods:N0} x 429, {report.OtherErrors:N0} x 4xx/5xx; deliveries {string.Join(", ", byStatus.OrderBy(s => s.Key).Select(s => $"{s.Key.ToString().ToLowerInvariant()} {s.Value:N0}"))}"));

        return new Run(parts, delivered, report.Floods, duplicates, missing, model.Requests.Count, notSent,
            seed, compose, dispatch, deliver, dbDeliver, sends, http, cpuUsed, memory.MaxWorkingSet, memory.MaxManagedHeap,
            [.. TelegramHtmlFormatter.Format(reply).Select(p => p.Html)],
            memory.StartWorkingSet, memory.MaxGcCommitted, collections);
    }

    // Chats whose first message the stand-in accepted, per quarter second since the deliver phase began: where a
    // broadcast slowed. Both processes read the same monotonic clock.
    private static string Timeline(Dictionary<long, long> firstSends, long deliverStarted)
    {
        var quarter = Stopwatch.Frequency / 4;
        var buckets = firstSends.Values.GroupBy(t => Math.Max(0, t - deliverStarted) / quarter).ToDictionary(g => g.Key, g => g.Count());
        var last = buckets.Count == 0 ? -1 : buckets.Keys.Max();
        var counts = Enumerable.Range(0, (int)last + 1).Select(i => buckets.GetValueOrDefault(i).ToString(CultureInfo.InvariantCulture));
        return "accepted per 250 ms: " + string.Join(" ", counts);
    }

    private static long Since(long start, long timestamp) => timestamp == 0 ? -1 : (long)Stopwatch.GetElapsedTime(start, timestamp).TotalMilliseconds;

    private static async Task<string> DataDirectoryAsync(PostgresServer postgres)
    {
        await using var connection = new Npgsql.NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT current_setting('data_directory')", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private sealed record Run(
        int Parts, long Delivered, int Floods, long Duplicates, long Missing, int ModelCalls, int NotSent,
        TimeSpan Seed, TimeSpan Compose, TimeSpan Dispatch, TimeSpan Deliver, DbSnapshot Db, TimingStats Sends, TimingStats Http, CpuSnapshot Cpu,
        long PeakWorkingSet, long PeakHeap, string[] PartsHtml, long StartWorkingSet, long PeakGcCommitted, string Collections);
}

/// <summary>Processor time so far: this process (the bot), PostgreSQL, the stand-in process, and the whole machine.</summary>
internal readonly record struct CpuSnapshot(TimeSpan Bot, TimeSpan Postgres, TimeSpan StandIn, TimeSpan MachineBusy, TimeSpan MachineTotal)
{
    public static CpuSnapshot Take(string postgresDataDirectory, StandInProcess standIn)
    {
        var (busy, total) = CpuMeter.Machine();
        return new(Process.GetCurrentProcess().TotalProcessorTime, CpuMeter.Postgres(postgresDataDirectory), standIn.ProcessorTime, busy, total);
    }

    public static CpuSnapshot operator -(CpuSnapshot a, CpuSnapshot b) =>
        new(a.Bot - b.Bot, a.Postgres - b.Postgres, a.StandIn - b.StandIn, a.MachineBusy - b.MachineBusy, a.MachineTotal - b.MachineTotal);
}
