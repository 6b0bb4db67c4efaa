using System.Globalization;
using System.Runtime.InteropServices;
using CryptoDigest.Benchmarks;
using CryptoDigest.Benchmarks.Peer;
using CryptoDigest.IntegrationTests.Infrastructure;

// dotnet run -c Release --project tests/CryptoDigest.Benchmarks -- <scenario> [options]; see README.md.
const string Usage = "usage: <model-calls | broadcast | index-backtest | archive | commands | subscribe-burst | idle> [options]\n"
    + "  model-calls [--sizes 1,100,10000] [--articles 20]\n"
    + "  broadcast   [--sizes 1000,10000,100000] [--rate 1000] [--articles 20] [--workers 4] [--batch-size 500] [--concurrency 256] [--peer]\n"
    + "              [--server-ms 0 (comma-separated: 1,20,100)] [--single-threaded]\n"
    + "  index-backtest [--top 100] [--years 5] [--coins 150] [--runs 10]\n"
    + "  archive     [--articles 1000] [--sizes 10000,100000] [--queries 200] [--no-local]\n"
    + "  commands    [--rate 200 (0: saturated)] [--seconds 10] [--text /help] [--storage sqlite,postgres] [--senders 64] [--warmup 0]\n"
    + "              [--target bot,peer (default when python-telegram-bot 13 is installed; otherwise bot)] [--workers N (Telegram:MaxConcurrentUpdates)]\n"
    + "  subscribe-burst [--chats 3000] [--rate 300] [--articles 20] [--lead 60] [--zone Europe/Berlin] [--workers 0]\n"
    + "  idle        [--seconds 300] [--warmup 60]";

// The Bot API stand-in's own process (see StandInProcess), started by the broadcast and commands scenarios.
if (args is [StandInProcess.Verb, var childRate, var history, var serverMs, var threading])
{
    return await StandInProcess.RunChildAsync(int.Parse(childRate, CultureInfo.InvariantCulture), history == StandInProcess.KeepHistoryArgument,
        new StandInServer(int.Parse(serverMs, CultureInfo.InvariantCulture), threading == StandInProcess.SingleThreadedArgument));
}

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine(Usage);
    return args.Length == 0 ? 2 : 0;
}

// In process, no database: the archive's cutting, embedding and in-memory search.
if (args[0] == "archive")
{
    try
    {
        return await ArchiveScenario.RunAsync(Options.Parse(args[1..], ArchiveScenario.Known, ArchiveScenario.Flags), Console.Out);
    }
    catch (ArgumentException ex)
    {
        Console.Error.WriteLine($"error: {ex.Message}");
        return 2;
    }
}

// Pure computation: no database, no stand-ins.
if (args[0] == "index-backtest")
{
    try
    {
        return await IndexBacktestScenario.RunAsync(Options.Parse(args[1..], IndexBacktestScenario.Known), Console.Out);
    }
    catch (ArgumentException ex)
    {
        Console.Error.WriteLine($"error: {ex.Message}");
        return 2;
    }
}

var scenarios = new Dictionary<string, (string[] Known, string[] Flags, Func<Options, PostgresServer, TextWriter, Task<int>> Run)>
{
    ["model-calls"] = (ModelCallsScenario.Known, [], ModelCallsScenario.RunAsync),
    ["broadcast"] = (BroadcastScenario.Known, BroadcastScenario.Flags, BroadcastScenario.RunAsync),
    ["commands"] = (CommandsScenario.Known, [], CommandsScenario.RunAsync),
    ["subscribe-burst"] = (SubscribeBurstScenario.Known, [], SubscribeBurstScenario.RunAsync),
    ["idle"] = (IdleScenario.Known, [], IdleScenario.RunAsync),
};
if (!scenarios.TryGetValue(args[0], out var scenario))
{
    Console.Error.WriteLine($"error: unknown scenario '{args[0]}'.\n{Usage}");
    return 2;
}

Options options;
try
{
    options = Options.Parse(args[1..], scenario.Known, scenario.Flags);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}

// The stand-ins' own hosts would log every request at Information.
Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"CryptoDigest benchmarks, {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, {(IsRelease() ? "Release" : "Debug (numbers not representative)")}"));
await using var postgres = await PostgresServer.StartAsync();
try
{
    return await scenario.Run(options, postgres, Console.Out);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}
catch (PeerUnavailableException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 3;
}

static bool IsRelease() =>
    typeof(Options).Assembly.GetCustomAttributes(typeof(System.Diagnostics.DebuggableAttribute), false) is not [System.Diagnostics.DebuggableAttribute { IsJITOptimizerDisabled: true }];
