using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CryptoDigest.IntegrationTests.Telegram;

namespace CryptoDigest.Benchmarks;

/// <summary>
/// The Bot API stand-in in a child process of its own, so the CPU it spends (Kestrel, JSON, Telegram's
/// HTML rules) is measured apart from the bot's: in production that work happens at Telegram.
/// Protocol on stdin/stdout, one line each: the child prints "url &lt;base&gt;"; "report" prints the counts
/// as JSON; "answered" prints how many chats have had a message accepted; "first-sends" prints, as a JSON
/// object, each chat's first accepted message as a <see cref="Stopwatch.GetTimestamp"/> value; "calls
/// &lt;method&gt; &lt;status&gt;" prints how many calls of that method were answered with that status; end of
/// input stops it. On Linux Stopwatch.GetTimestamp reads CLOCK_MONOTONIC (nanoseconds since boot), one
/// clock for every process on the machine, so the parent can subtract its own timestamps from the child's.
/// </summary>
public sealed class StandInProcess : IAsyncDisposable
{
    public const string Verb = "bot-api-stand-in";
    public const string KeepHistoryArgument = "keep-history";
    public const string CountOnlyArgument = "count-only";
    public const string SingleThreadedArgument = "single-threaded";
    public const string ThreadPoolArgument = "thread-pool";

    private readonly Process _process;

    // One question at a time: the answers come back on one stream, in order.
    private readonly SemaphoreSlim _asking = new(1, 1);

    private StandInProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>
    /// Starts the child. With <paramref name="keepHistory"/> false (the default) the stand-in only counts per chat
    /// and per status, as a broadcast of 100,000 needs; true keeps every call and message, as the tests do.
    /// </summary>
    public static async Task<StandInProcess> StartAsync(int globalMessagesPerSecond, bool keepHistory = false, StandInServer? server = null)
    {
        server ??= StandInServer.Fast;
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("The benchmark's own executable path is unknown.");
        var start = new ProcessStartInfo(self, [
            Verb, globalMessagesPerSecond.ToString(CultureInfo.InvariantCulture), keepHistory ? KeepHistoryArgument : CountOnlyArgument,
            server.Milliseconds.ToString(CultureInfo.InvariantCulture), server.SingleThreaded ? SingleThreadedArgument : ThreadPoolArgument])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        // Run through `dotnet` when the benchmark itself was started as a dll.
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Insert(0, typeof(StandInProcess).Assembly.Location);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the Bot API stand-in process.");
        var line = await process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("The Bot API stand-in process exited before it listened.");
        return new StandInProcess(process, new Uri(line["url ".Length..]));
    }

    public async Task<StandInReport> ReportAsync() =>
        JsonSerializer.Deserialize<StandInReport>(await AskAsync("report")) ?? throw new InvalidOperationException("The Bot API stand-in sent an empty report.");

    /// <summary>How many chats have had at least one message accepted.</summary>
    public async Task<int> AnsweredChatsAsync() => int.Parse(await AskAsync("answered"), CultureInfo.InvariantCulture);

    /// <summary>Each chat's first accepted message, as a <see cref="Stopwatch.GetTimestamp"/> value of the child (same clock as ours on Linux).</summary>
    public async Task<Dictionary<long, long>> FirstSendsAsync() =>
        JsonSerializer.Deserialize<Dictionary<long, long>>(await AskAsync("first-sends")) ?? throw new InvalidOperationException("The Bot API stand-in sent no first sends.");

    /// <summary>How many calls of <paramref name="method"/> (lower case) the stand-in answered with <paramref name="status"/>.</summary>
    public async Task<int> CallCountAsync(string method, int status) =>
        int.Parse(await AskAsync(string.Create(CultureInfo.InvariantCulture, $"calls {method} {status}")), CultureInfo.InvariantCulture);

    private async Task<string> AskAsync(string command)
    {
        await _asking.WaitAsync();
        try
        {
            await _process.StandardInput.WriteLineAsync(command);
            await _process.StandardInput.FlushAsync();
            return await _process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("The Bot API stand-in process exited.");
        }
        finally
        {
            _asking.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Our own child, by its id: it did not stop when its input closed.
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        _asking.Dispose();
    }

    /// <summary>The child's side: run the stand-in until stdin closes.</summary>
    public static async Task<int> RunChildAsync(int globalMessagesPerSecond, bool keepHistory, StandInServer server)
    {
        await using var api = await BotApiStandIn.StartAsync();
        api.GlobalMessagesPerSecond = globalMessagesPerSecond;
        api.KeepHistory = keepHistory;
        api.ServerTime = TimeSpan.FromMilliseconds(server.Milliseconds);
        api.SingleThreaded = server.SingleThreaded;
        await WarmUpAsync(api);
        var firstSends = new ConcurrentDictionary<long, long>();
        api.Accepted = chatId => firstSends.TryAdd(chatId, Stopwatch.GetTimestamp());
        await Console.Out.WriteLineAsync("url " + api.BaseUrl);
        await Console.Out.FlushAsync();
        while (await Console.In.ReadLineAsync() is { } command)
        {
            if (command == "report")
            {
                var report = new StandInReport(
                    api.DeliveredCounts.ToDictionary(c => c.Key, c => c.Value),
                    api.CallCount("sendmessage", 200),
                    api.CallCount("sendmessage", 429),
                    api.CallCount("sendmessage", 400) + api.CallCount("sendmessage", 403) + api.CallCount("sendmessage", 500));
                await Console.Out.WriteLineAsync(JsonSerializer.Serialize(report));
            }
            else if (command == "answered")
            {
                await Console.Out.WriteLineAsync(firstSends.Count.ToString(CultureInfo.InvariantCulture));
            }
            else if (command == "first-sends")
            {
                await Console.Out.WriteLineAsync(JsonSerializer.Serialize(firstSends.ToDictionary(c => c.Key, c => c.Value)));
            }
            else if (command.Split(' ') is ["calls", var method, var status])
            {
                await Console.Out.WriteLineAsync(api.CallCount(method, int.Parse(status, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                await Console.Out.WriteLineAsync("unknown command: " + command);
            }

            await Console.Out.FlushAsync();
        }

        return 0;
    }

    // Telegram's servers are warm; a fresh stand-in compiles its request path on the first requests, which cost the
    // bot and the peer alike a few hundred milliseconds at the start of a broadcast. A few hundred sends of every
    // kind (accepted, per-chat and bot-wide 429s) before anyone measures, then every count and window forgotten.
    private static async Task WarmUpAsync(BotApiStandIn api)
    {
        using var http = new HttpClient();
        var sendMessage = new Uri($"{api.BaseUrl}bot{BotApiStandIn.Token}/sendMessage");
        var sends = Enumerable.Range(1, 300).Select(async i =>
        {
            using var body = new StringContent($$"""{"chat_id":{{i % 150}},"text":"warm-up"}""", System.Text.Encoding.UTF8, "application/json");
            using var answer = await http.PostAsync(sendMessage, body);
            await answer.Content.ReadAsByteArrayAsync();
        });
        await Task.WhenAll(sends);
        api.ResetCounts();
    }
}

public sealed record StandInReport(Dictionary<long, int> Delivered, int Accepted, int Floods, int OtherErrors);

/// <summary>Processor time of the machine, and of the PostgreSQL server's processes, from /proc (Linux).</summary>
public static class CpuMeter
{
    private static readonly double s_ticksPerSecond = 100; // USER_HZ, 100 on every Linux we run on.

    /// <summary>Busy and total processor time of the whole machine, all cores together.</summary>
    public static (TimeSpan Busy, TimeSpan Total) Machine()
    {
        if (!File.Exists("/proc/stat"))
        {
            return (TimeSpan.Zero, TimeSpan.Zero);
        }

        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var idle = fields[3] + fields[4];
        var total = fields.Take(8).Sum();
        return (Ticks(total - idle), Ticks(total));
    }

    /// <summary>CPU used so far by the postmaster whose data folder this is and every backend it started.</summary>
    public static TimeSpan Postgres(string dataDirectory)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).First(), CultureInfo.InvariantCulture, out var postmaster))
        {
            return TimeSpan.Zero;
        }

        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid) || Stat(pid) is not { } stat)
            {
                continue;
            }

            // Fields after the command: state ppid ... utime(14) stime(15) cutime(16) cstime(17).
            if (pid == postmaster)
            {
                ticks += stat[11] + stat[12] + stat[13] + stat[14];
            }
            else if (stat[1] == postmaster)
            {
                ticks += stat[11] + stat[12];
            }
        }

        return Ticks(ticks);
    }

    private static long[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            // The command may hold spaces; everything after its closing parenthesis is numbers (and the state letter).
            return text[(text.LastIndexOf(')') + 2)..].Split(' ').Select(f => long.TryParse(f, CultureInfo.InvariantCulture, out var v) ? v : 0).ToArray();
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static TimeSpan Ticks(long ticks) => TimeSpan.FromSeconds(ticks / s_ticksPerSecond);
}
