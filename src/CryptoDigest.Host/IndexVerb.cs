using System.Globalization;
using System.Text;
using System.Text.Json;
using CryptoDigest.Indices;
using CryptoDigest.Storage;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Host;

/// <summary>
/// index weights | index backtest: index analytics on files (--data) or, without them, on the
/// configured market data (the bundled sample when none is configured). One JSON object with
/// --json, a table otherwise; exit 2 with one line on bad arguments, bad data or an impossible cap.
/// The computations and the JSON shapes are described in docs/market-data.md.
/// </summary>
internal static class IndexVerb
{
    public const string Usage = """
        Usage: CryptoDigest.Host index <sub-verb> [options] [--Section:Key=value ...]
          index weights [--data markets.json] [--top N] [--scheme cap|equal|sqrt|capped:P] [--include-excluded] [--json]
          index backtest [--data FOLDER] [--top N] [--scheme S] [--rebalance weekly|monthly|quarterly]
                         [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--cost-bps B] [--chart out.png] [--include-excluded] [--json]
        markets.json is a saved /coins/markets response; FOLDER holds one /coins/{id}/market_chart response per coin, named <id>.json.
        Defaults: top 10, cap weighting, monthly, the last 365 days of the data, 0 bps.
        """;

    private static readonly string[] ValueOptions = ["--data", "--top", "--scheme", "--rebalance", "--from", "--to", "--cost-bps", "--chart"];
    private static readonly string[] FlagOptions = ["--json", "--include-excluded"];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var sub = args.Length == 0 ? "" : args[0];
        if (sub is "help" or "--help" or "-h")
        {
            await output.WriteLineAsync(Usage);
            return HostCommandLine.Ok;
        }

        if (sub is not ("weights" or "backtest"))
        {
            return Fail(error, "index needs a sub-verb: index weights [--data markets.json] ... | index backtest [--data FOLDER] ... (index --help)");
        }

        if (!TryReadOptions(args[1..], out var options, out var settings, out var problem))
        {
            return Fail(error, problem);
        }

        try
        {
            return sub == "weights"
                ? await WeightsAsync(options, settings, output)
                : await BacktestAsync(options, settings, output);
        }
        catch (IndexInputException ex)
        {
            return Fail(error, ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail(error, ex.Message.ReplaceLineEndings(" "));
        }
    }

    private static async Task<int> WeightsAsync(Dictionary<string, string?> options, string[] settings, TextWriter output)
    {
        var top = ReadTop(options);
        var scheme = ReadScheme(options);
        // Built, never started: the settings (Market:ExcludedIds) and the market data, no database.
        using var host = CryptoDigestBuilder.CreateBuilder(settings, quiet: true).Build();
        var data = host.Services.GetRequiredService<MarketData>();
        IReadOnlyList<MarketCoin> markets;
        MarketDataSource? source = null;
        if (options.TryGetValue("--data", out var file))
        {
            markets = MarketDocuments.ParseMarkets(await File.ReadAllTextAsync(file!), file!);
        }
        else
        {
            await PrepareCacheAsync(host);
            var snapshot = await data.GetMarketsAsync(CancellationToken.None, top);
            (markets, source) = (snapshot.Coins, snapshot.Source);
        }

        var report = WeightsReport.Compute(markets, top, scheme, options.ContainsKey("--include-excluded") ? ExclusionList.None : data.Exclusions);
        if (options.ContainsKey("--json"))
        {
            await output.WriteLineAsync(WriteJson(writer =>
            {
                writer.WriteString("asOf", report.AsOf is { } asOf ? Iso(asOf) : null);
                writer.WriteString("scheme", report.Scheme.ToString());
                if (source is not null)
                {
                    writer.WriteString("source", source.Describe());
                }

                writer.WriteStartArray("constituents");
                foreach (var c in report.Constituents)
                {
                    writer.WriteStartObject();
                    writer.WriteString("id", c.Coin.Id);
                    writer.WriteString("symbol", c.Coin.Symbol);
                    writer.WriteNumber("weight", c.Weight);
                    writer.WriteNumber("marketCap", c.Coin.MarketCap);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteNumber("largestWeight", report.Concentration.LargestWeight);
                writer.WriteNumber("hhi", report.Concentration.Hhi);
                writer.WriteNumber("effectiveN", report.Concentration.EffectiveN);
            }));
            return HostCommandLine.Ok;
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Top {report.Constituents.Count}, {report.Scheme} weighting, as of {(report.AsOf is { } at ? Iso(at) : "an unknown time")}");
        if (source is not null)
        {
            text.AppendLine(source.Describe());
        }

        text.Append(IndexTables.Weights(report));
        await output.WriteAsync(text.ToString());
        return HostCommandLine.Ok;
    }

    private static async Task<int> BacktestAsync(Dictionary<string, string?> options, string[] settings, TextWriter output)
    {
        var top = ReadTop(options);
        var scheme = ReadScheme(options);
        var rebalance = ReadRebalance(options);
        var costBps = ReadCost(options);
        using var host = CryptoDigestBuilder.CreateBuilder(settings, quiet: true).Build();
        var data = host.Services.GetRequiredService<MarketData>();
        IReadOnlyList<CoinHistory> coins;
        MarketDataSource? source = null;
        if (options.TryGetValue("--data", out var folder))
        {
            if (!Directory.Exists(folder))
            {
                throw new IndexInputException($"--data {folder} is not a folder of <id>.json market_chart files");
            }

            var histories = new List<CoinHistory>();
            foreach (var file in Directory.EnumerateFiles(folder!, "*.json").Order(StringComparer.Ordinal))
            {
                histories.Add(MarketDocuments.ParseMarketChart(Path.GetFileNameWithoutExtension(file), await File.ReadAllTextAsync(file), file));
            }

            if (histories.Count == 0)
            {
                throw new IndexInputException($"--data {folder} holds no <id>.json files");
            }

            coins = histories;
        }
        else
        {
            await PrepareCacheAsync(host);
            var markets = await data.GetMarketsAsync(CancellationToken.None, top);
            // Today's leaders and a few more: a coin that has since left the top is missing (docs/market-data.md).
            var candidates = MarketDocuments.Top(markets.Coins, top + 5, options.ContainsKey("--include-excluded") ? ExclusionList.None : data.Exclusions);
            var today = DateOnly.FromDateTime(host.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
            var days = Math.Max(1, today.DayNumber - (ReadDate(options, "--from") ?? today.AddDays(-365)).DayNumber + 1);
            var snapshot = await data.GetHistoriesAsync(candidates.Select(c => c.Id), Math.Min(days, 3650), CancellationToken.None);
            (coins, source) = (snapshot.Coins, snapshot.Source);
        }

        if (!options.ContainsKey("--include-excluded"))
        {
            coins = coins.Where(c => !data.Exclusions.Excludes(c.Id)).ToArray();
        }

        var lastDate = coins.Select(c => c.Prices.LastDate).Max() ?? throw new IndexInputException("the data holds no prices");
        var to = ReadDate(options, "--to") ?? lastDate;
        var from = ReadDate(options, "--from") ?? to.AddDays(-365);
        var result = Backtest.Run(coins, new BacktestRequest(top, scheme, rebalance, from, to, costBps));
        if (options.TryGetValue("--chart", out var chart))
        {
            await File.WriteAllBytesAsync(chart!, IndexChart.Render(
                $"Top {top} {scheme}, {rebalance.ToString().ToLowerInvariant()} rebalancing",
                [new ChartLine($"top {top} {scheme}", result.Series)],
                source?.Describe() ?? "Data: supplied files"));
        }

        var figures = result.Figures;
        if (options.ContainsKey("--json"))
        {
            await output.WriteLineAsync(WriteJson(writer =>
            {
                writer.WriteNumber("totalReturn", figures.TotalReturn);
                WriteNullable(writer, "annualizedVolatility", figures.AnnualizedVolatility);
                WriteNullable(writer, "sharpe", figures.Sharpe);
                writer.WriteNumber("maxDrawdown", figures.MaxDrawdown.Depth);
                writer.WriteString("maxDrawdownPeak", Iso(figures.MaxDrawdown.Peak));
                writer.WriteString("maxDrawdownTrough", Iso(figures.MaxDrawdown.Trough));
                writer.WriteNumber("turnover", result.Turnover);
                writer.WriteNumber("finalValue", figures.FinalValue);
                writer.WriteNumber("days", figures.Days);
                if (source is not null)
                {
                    writer.WriteString("source", source.Describe());
                }

                writer.WriteStartArray("series");
                foreach (var point in result.Series)
                {
                    writer.WriteStartObject();
                    writer.WriteString("date", Iso(point.Date));
                    writer.WriteNumber("value", point.Value);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }));
            return HostCommandLine.Ok;
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Top {top}, {scheme} weighting, {rebalance.ToString().ToLowerInvariant()} rebalancing, {Iso(from)} to {Iso(to)}, {costBps.ToString(CultureInfo.InvariantCulture)} bps");
        if (source is not null)
        {
            text.AppendLine(source.Describe());
        }

        text.Append(IndexTables.Figures([("index", figures, result.Turnover)]));
        await output.WriteAsync(text.ToString());
        return HostCommandLine.Ok;
    }

    /// <summary>The live path keeps responses in the database: its table must exist (as for every verb that stores).</summary>
    private static async Task PrepareCacheAsync(IHost host)
    {
        if (host.Services.GetRequiredService<IOptions<MarketOptions>>().Value.IsLive
            && host.Services.GetRequiredService<IOptions<StorageOptions>>().Value.MigrateOnStart)
        {
            await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        }
    }

    private static bool TryReadOptions(string[] args, out Dictionary<string, string?> options, out string[] settings, out string problem)
    {
        options = new Dictionary<string, string?>(StringComparer.Ordinal);
        var configuration = new List<string>();
        settings = [];
        problem = "";
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (FlagOptions.Contains(arg))
            {
                options[arg] = null;
            }
            else if (ValueOptions.Contains(arg))
            {
                if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    problem = $"{arg} needs a value (index --help)";
                    return false;
                }

                options[arg] = args[++i];
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains(':', StringComparison.Ordinal))
            {
                configuration.Add(arg);
            }
            else
            {
                problem = $"unknown option '{arg}' (index --help)";
                return false;
            }
        }

        settings = [.. configuration];
        return true;
    }

    private static int ReadTop(Dictionary<string, string?> options)
    {
        if (!options.TryGetValue("--top", out var text))
        {
            return 10;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var top) && top is >= 1 and <= 1000
            ? top
            : throw new IndexInputException($"--top must be a whole number from 1 to 1000, not '{text}'");
    }

    private static WeightingScheme ReadScheme(Dictionary<string, string?> options) =>
        !options.TryGetValue("--scheme", out var text) ? WeightingScheme.Cap
        : WeightingScheme.TryParse(text, out var scheme, out var problem) ? scheme
        : throw new IndexInputException("--scheme: " + problem);

    private static RebalanceFrequency ReadRebalance(Dictionary<string, string?> options) =>
        !options.TryGetValue("--rebalance", out var text) ? RebalanceFrequency.Monthly
        : text switch
        {
            "weekly" => RebalanceFrequency.Weekly,
            "monthly" => RebalanceFrequency.Monthly,
            "quarterly" => RebalanceFrequency.Quarterly,
            _ => throw new IndexInputException($"--rebalance must be weekly, monthly or quarterly, not '{text}'"),
        };

    private static double ReadCost(Dictionary<string, string?> options)
    {
        if (!options.TryGetValue("--cost-bps", out var text))
        {
            return 0;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var bps) && double.IsFinite(bps) && bps is >= 0 and < 10_000
            ? bps
            : throw new IndexInputException($"--cost-bps must be a number of basis points from 0 to below 10000, not '{text}'");
    }

    private static DateOnly? ReadDate(Dictionary<string, string?> options, string name)
    {
        if (!options.TryGetValue(name, out var text))
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new IndexInputException($"{name} must be a date as YYYY-MM-DD, not '{text}'");
    }

    private static string WriteJson(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine($"error: {message.ReplaceLineEndings(" ")}");
        return HostCommandLine.BadUsage;
    }
}
