using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using CryptoDigest.Benchmarks.Peer;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.IntegrationTests.Telegram;

namespace CryptoDigest.Benchmarks;

/// <summary>
/// Commands through a real Telegram webhook, each from its own private chat, answered through the Bot API
/// stand-in. Three processes, so none pays for another's CPU: the system under test (the real Host running
/// `serve`, or the python-telegram-bot peer), the stand-in (<see cref="StandInProcess"/>), and this one, which
/// only posts updates and measures. Latency is from the moment this process posts an update to the moment the
/// stand-in accepts the chat's first reply, both read from the same monotonic clock; lost = posted − answered
/// (a 503 from a full queue counts as lost here, though Telegram would send it again).
/// </summary>
public static class CommandsScenario
{
    public static readonly string[] Known = ["rate", "seconds", "text", "storage", "senders", "warmup", "target", "workers", "metrics"];

    private const string Secret = "benchmark-secret_0123456789abcdef-long";
    private const string WebhookPath = "/hooks/telegram";
    private const long FirstChatId = 1_000_000;

    // Telegram's paid broadcast ceiling, for both the stand-in and the bot: every reply goes to its own chat,
    // so the per-chat limit never applies.
    private const int BotWideLimit = 1000;

    public static async Task<int> RunAsync(Options options, PostgresServer postgres, TextWriter output)
    {
        var load = new Load(
            Rate: options.Int("rate", 200, 0, 100_000),
            Seconds: options.Int("seconds", 10, 1, 600),
            // Seconds of the same load before measuring, not counted: the first second of a fresh process is
            // JIT compilation and connection set-up, which a long-running bot pays once.
            Warmup: options.Int("warmup", 0, 0, 600),
            Senders: options.Int("senders", 64, 1, 1024),
            Text: options.Text("text", "/help"),
            // Telegram:MaxConcurrentUpdates of the bot; 0 leaves the Host's own default. The peer's dispatcher runs one at a time.
            Workers: options.Int("workers", 0, 0, 256),
            // The Prometheus exporter on (as shipped when serve listens for HTTP) or off, to price metrics on the serving path (issue 22).
            Metrics: options.Text("metrics", "on"));
        if (load.Metrics is not ("on" or "off"))
        {
            throw new ArgumentException($"--metrics takes on or off, not '{load.Metrics}'");
        }

        if (!load.Text.StartsWith('/') || load.Text.Length < 2)
        {
            throw new ArgumentException($"--text must be a command such as /help, not '{load.Text}'");
        }

        var storages = options.Text("storage", "sqlite,postgres").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var storage in storages)
        {
            if (storage is not ("sqlite" or "postgres"))
            {
                throw new ArgumentException($"--storage takes sqlite and/or postgres, not '{storage}'");
            }
        }

        var targets = options.Text("target", PythonPeer.IsInstalled ? "bot,peer" : "bot").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (targets.Length == 0 || targets.Any(t => t is not ("bot" or "peer")))
        {
            throw new ArgumentException($"--target takes bot, peer or bot,peer, not '{string.Join(',', targets)}'");
        }

        if (targets.Contains("peer"))
        {
            PythonPeer.EnsureInstalled();
        }
        else if (!PythonPeer.IsInstalled)
        {
            output.WriteLine($"(no peer run: python-telegram-bot 13 is not installed for {PythonPeer.Python}; {PythonPeer.InstallHint})");
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"commands: '{load.Text}' for {load.Seconds} s after {load.Warmup} s of warm-up, {(load.Workers > 0 ? $"bot with {load.Workers} update workers, " : "")}metrics exporter {load.Metrics}, {(load.Rate == 0 ? $"saturated ({load.Senders} senders, each posting when its last post was answered)" : $"offered at {load.Rate}/s")}; targets {string.Join(", ", targets)}; bot storage {string.Join(", ", storages)}"));
        output.WriteLine();

        var table = new Table("target", "storage", "mode", "posted", "answered", "lost", "503s", "429s", "commands/s", "p50 ms", "p99 ms", "max ms", "ack p50 ms", "ack p99 ms");
        var mode = load.Rate == 0 ? "saturated" : $"{load.Rate}/s";
        var ours = new List<(string Storage, Run Run)>();
        Run? peer = null;
        if (targets.Contains("bot"))
        {
            foreach (var storage in storages)
            {
                var run = await RunBotAsync(storage, load, postgres, output);
                ours.Add((storage, run));
                table.Add("bot", storage, mode, run.Posted, run.Answered, run.Posted - run.Answered, run.Unavailable, run.Floods, run.CommandsPerSecond, run.Percentile(0.50), run.Percentile(0.99), run.Percentile(1.0), run.AckPercentile(0.50), run.AckPercentile(0.99));
            }
        }

        if (targets.Contains("peer"))
        {
            peer = await RunPeerAsync(load, output);
            table.Add("peer (PTB " + PythonPeer.Version + ")", "none", mode, peer.Posted, peer.Answered, peer.Posted - peer.Answered, peer.Unavailable, peer.Floods, peer.CommandsPerSecond, peer.Percentile(0.50), peer.Percentile(0.99), peer.Percentile(1.0), peer.AckPercentile(0.50), peer.AckPercentile(0.99));
        }

        output.Write(table.ToString());
        if (peer is not null && ours.Count > 0)
        {
            // Above 1 is better for commands/s, below 1 is better for latency.
            var ratios = new Table("ours / peer", "commands/s", "p50", "p99", "max");
            foreach (var (storage, run) in ours)
            {
                ratios.Add("bot " + storage, run.CommandsPerSecond / peer.CommandsPerSecond, run.Percentile(0.50) / peer.Percentile(0.50),
                    run.Percentile(0.99) / peer.Percentile(0.99), run.Percentile(1.0) / peer.Percentile(1.0));
            }

            output.WriteLine();
            output.WriteLine("Ratios (ours / peer; commands/s: higher is better, latencies: lower is better):");
            output.Write(ratios.ToString());
        }

        return 0;
    }

    /// <summary>The real Host (`dotnet CryptoDigest.Host.dll serve`, Release, its own GC settings), configured by environment variables only.</summary>
    private static async Task<Run> RunBotAsync(string storage, Load load, PostgresServer postgres, TextWriter output)
    {
        await using var api = await StandInProcess.StartAsync(BotWideLimit);
        var environment = new Dictionary<string, string>
        {
            ["Telegram__BotToken"] = BotApiStandIn.Token,
            ["Telegram__ApiBaseUrl"] = api.BaseUrl.ToString(),
            // Webhook mode: Telegram posts to this public URL; here the benchmark posts to the same path on loopback.
            ["Telegram__WebhookUrl"] = "https://bot.example.test" + WebhookPath,
            ["Telegram__WebhookSecret"] = Secret,
            ["Telegram__GlobalMessagesPerSecond"] = BotWideLimit.ToString(CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__CryptoDigest.Knowledge.KnowledgeIndexLoader"] = "Information",
            // Nothing leaves 127.0.0.1: ingest-feeds would fetch the configured newsletters' feeds every five minutes.
            ["Jobs__IngestFeedsCron"] = "0 0 1 1 *",
        };
        environment["Telemetry__Prometheus"] = load.Metrics == "on" ? "true" : "false";
        if (load.Workers > 0)
        {
            environment["Telegram__MaxConcurrentUpdates"] = load.Workers.ToString(CultureInfo.InvariantCulture);
        }

        if (storage == "postgres")
        {
            environment["ConnectionStrings__Postgres"] = await postgres.CreateDatabaseAsync(Report.DatabaseName("commands", load.Rate));
        }

        // Without ConnectionStrings__Postgres the Host uses SQLite in its own (throwaway) working folder.
        await using var host = await RunningHost.StartAsync(environment);
        await WaitForAsync(async () => await api.CallCountAsync("setwebhook", 200) > 0, "the Host to call setWebhook");
        // A fresh database: the start embeds the knowledge base (seconds of processor time, once per database); a
        // running bot has done that long ago, so the measurement starts after it.
        await WaitForAsync(() => Task.FromResult(host.Log.Contains("vectors are ready", StringComparison.Ordinal)), "the Host's knowledge vectors");
        var run = await DriveAsync(new Uri(host.BaseUrl, WebhookPath), api, load);
        if (run.Answered == 0)
        {
            await output.WriteLineAsync("The Host answered nothing; its log:\n" + host.Log);
        }

        return run;
    }

    /// <summary>The python-telegram-bot peer (Peer/commands_peer.py): webhook mode, one CommandHandler answering a fixed text, no storage.</summary>
    private static async Task<Run> RunPeerAsync(Load load, TextWriter output)
    {
        await using var api = await StandInProcess.StartAsync(BotWideLimit);
        var port = PythonPeer.FreePort();
        var errors = new StringBuilder();
        var command = load.Text[1..].Split(' ')[0];
        using var peer = PythonPeer.Start("commands_peer.py",
            ["--api", api.BaseUrl.ToString(), "--token", BotApiStandIn.Token, "--port", port.ToString(CultureInfo.InvariantCulture), "--path", WebhookPath.TrimStart('/'), "--command", command],
            errors);
        try
        {
            if (await peer.StandardOutput.ReadLineAsync() != "ready")
            {
                throw new InvalidOperationException($"The peer did not start:\n{errors}");
            }

            // start_webhook returns before its server thread listens and before setWebhook is answered.
            await WaitForAsync(async () => await api.CallCountAsync("setwebhook", 200) > 0, "the peer to call setWebhook");
            await WaitForAsync(() => Task.FromResult(IsListening(port)), "the peer's webhook to listen");
            var run = await DriveAsync(new Uri($"http://127.0.0.1:{port}{WebhookPath}"), api, load);
            if (run.Answered == 0)
            {
                await output.WriteLineAsync("The peer answered nothing; what it printed:\n" + errors);
            }

            return run;
        }
        finally
        {
            await PythonPeer.StopAsync(peer);
        }
    }

    /// <summary>Warms up, then measures: posts updates to the webhook and reads each chat's first answer from the stand-in.</summary>
    private static async Task<Run> DriveAsync(Uri webhook, StandInProcess api, Load load)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Math.Max(load.Senders, 256) });
        var posted = new ConcurrentDictionary<long, long>();
        var acknowledged = new ConcurrentBag<double>();
        var unavailable = 0;
        var refusedShown = 0;
        var nextChat = FirstChatId;
        var measuring = load.Warmup == 0;
        var textJson = JsonSerializer.Serialize(load.Text);
        var commandLength = load.Text.IndexOf(' ', StringComparison.Ordinal) is var space and > 0 ? space : load.Text.Length;

        async Task PostOneAsync()
        {
            var chatId = Interlocked.Increment(ref nextChat);
            // What Telegram posts for a private message holding a command (the fields PTB and Telegram.Bot both read).
            var body = string.Create(CultureInfo.InvariantCulture,
                $$$"""{"update_id":{{{chatId}}},"message":{"message_id":1,"date":1760000000,"chat":{"id":{{{chatId}}},"type":"private","first_name":"Member"},"from":{"id":{{{chatId}}},"is_bot":false,"first_name":"Member"},"text":{{{textJson}}},"entities":[{"type":"bot_command","offset":0,"length":{{{commandLength}}}}]}}""");
            var postedAt = Stopwatch.GetTimestamp();
            if (measuring)
            {
                posted[chatId] = postedAt;
            }

            // Content-Type exactly as Telegram sends it, without a charset: PTB 13 refuses anything else with 403.
            using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, webhook) { Content = content };
            request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", Secret);
            using var response = await http.SendAsync(request);
            if (measuring)
            {
                // What Telegram waits for: the webhook's answer, apart from the reply that follows it.
                acknowledged.Add(Stopwatch.GetElapsedTime(postedAt).TotalMilliseconds);
            }

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
            if (load.Rate > 0)
            {
                // Open loop: the i-th command is posted at i / rate seconds, whether or not earlier ones were answered.
                var inFlight = new List<Task>();
                for (var i = 0; i < load.Rate * loadSeconds; i++)
                {
                    var wait = TimeSpan.FromSeconds((double)i / load.Rate) - Stopwatch.GetElapsedTime(loadStarted);
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
                await Task.WhenAll(Enumerable.Range(0, load.Senders).Select(async _ =>
                {
                    while (Stopwatch.GetElapsedTime(loadStarted) < until)
                    {
                        await PostOneAsync();
                    }
                }));
            }

            // Answers still on their way (the peer queues without bound): wait until every posted chat has one, or 5 quiet seconds pass.
            var answered = 0;
            var lastChange = Stopwatch.GetTimestamp();
            while (Stopwatch.GetElapsedTime(lastChange) < TimeSpan.FromSeconds(5))
            {
                var now = await api.AnsweredChatsAsync();
                if (now != answered)
                {
                    answered = now;
                    lastChange = Stopwatch.GetTimestamp();
                }

                if (answered >= Volatile.Read(ref nextChat) - FirstChatId)
                {
                    break;
                }

                await Task.Delay(50);
            }

            return loadStarted;
        }

        if (load.Warmup > 0)
        {
            await LoadAsync(load.Warmup);
            measuring = true;
            unavailable = 0;
            acknowledged.Clear();
        }

        var floodsBefore = await api.CallCountAsync("sendmessage", 429);
        var started = await LoadAsync(load.Seconds);
        var ended = Stopwatch.GetTimestamp();
        var floods = await api.CallCountAsync("sendmessage", 429) - floodsBefore;
        // Stopwatch timestamps of the stand-in child: on Linux both processes read CLOCK_MONOTONIC, so they subtract.
        var firstSends = await api.FirstSendsAsync();
        var latencies = new List<double>();
        var lastAnswer = started;
        foreach (var (chatId, postedAt) in posted)
        {
            if (firstSends.TryGetValue(chatId, out var answeredAt))
            {
                latencies.Add((answeredAt - postedAt) * 1000.0 / Stopwatch.Frequency);
                lastAnswer = Math.Max(lastAnswer, answeredAt);
            }
        }

        // From the first post to the last answer; with nothing answered, to the end of the wait.
        var elapsed = TimeSpan.FromSeconds((latencies.Count > 0 ? lastAnswer - started : ended - started) / (double)Stopwatch.Frequency);
        return new Run(posted.Count, latencies.Count, unavailable, floods, elapsed, [.. latencies.Order()], [.. acknowledged.Order()]);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var started = Stopwatch.GetTimestamp();
        while (!await condition())
        {
            if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"Waited 60 s for {what}.");
            }

            await Task.Delay(100);
        }
    }

    private static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private sealed record Load(int Rate, int Seconds, int Warmup, int Senders, string Text, int Workers, string Metrics);

    private sealed record Run(int Posted, int Answered, int Unavailable, int Floods, TimeSpan Elapsed, double[] Latencies, double[] Acknowledgements)
    {
        public double CommandsPerSecond => Answered / Elapsed.TotalSeconds;

        public double Percentile(double p) => Of(Latencies, p);

        public double AckPercentile(double p) => Of(Acknowledgements, p);

        private static double Of(double[] sorted, double p) =>
            sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
