using System.CommandLine;
using System.CommandLine.Parsing;
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

    public static Command Create(VerbConsole console)
    {
        var options = new IndexOptions();
        var weights = new Command("weights", "the top N's weights") { options.Data, options.Top, options.Scheme, options.IncludeExcluded, options.Json };
        weights.TreatUnmatchedTokensAsErrors = false;
        weights.SetAction((parsed, cancellationToken) => RunAsync(parsed, options, console, arguments => WeightsAsync(arguments, console.Output, cancellationToken)));
        var backtest = new Command("backtest", "a daily backtest")
        {
            options.Data, options.Top, options.Scheme, options.Rebalance, options.From, options.To, options.CostBps, options.Chart, options.IncludeExcluded, options.Json,
        };
        backtest.TreatUnmatchedTokensAsErrors = false;
        backtest.SetAction((parsed, cancellationToken) => RunAsync(parsed, options, console, arguments => BacktestAsync(arguments, console.Output, cancellationToken)));
        var index = new Command("index", "index analytics") { weights, backtest };
        UsageAction.AddTo(index, Usage, console.Output);
        index.TreatUnmatchedTokensAsErrors = false;
        index.SetAction(_ => console.Fail("index needs a sub-verb: index weights [--data markets.json] ... | index backtest [--data FOLDER] ... (index --help)"));
        return index;
    }

    /// <summary>Tokens that are no option of the sub-verb must be settings; bad data and impossible requests are usage errors too.</summary>
    private static async Task<int> RunAsync(ParseResult parsed, IndexOptions options, VerbConsole console, Func<IndexArguments, Task<int>> runAsync)
    {
        var (settings, unknown) = VerbArguments.SplitSettings(parsed.UnmatchedTokens);
        if (unknown is [var first, ..])
        {
            return console.Fail($"unknown option '{first}' (index --help)");
        }

        try
        {
            return await runAsync(options.Read(parsed, settings));
        }
        catch (Exception ex) when (ex is IndexInputException or IOException or UnauthorizedAccessException)
        {
            return console.Fail(ex.Message);
        }
    }

    private static async Task<int> WeightsAsync(IndexArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        // Built, never started: the settings (Market:ExcludedIds) and the market data, no database.
        using var host = CryptoDigestBuilder.CreateBuilder(arguments.Settings, quiet: true).Build();
        var data = host.Services.GetRequiredService<MarketData>();
        var (markets, source) = await LoadMarketsAsync(arguments, host, cancellationToken);
        var report = WeightsReport.Compute(markets, arguments.Top, arguments.Scheme, arguments.IncludeExcluded ? ExclusionList.None : data.Exclusions);
        if (arguments.Json)
        {
            await output.WriteLineAsync(WeightsJson(report, source));
        }
        else
        {
            await output.WriteAsync(WeightsTable(report, source));
        }

        return HostCommandLine.Ok;
    }

    /// <summary>The markets from the --data file, or from the market data (saying which source).</summary>
    private static async Task<(IReadOnlyList<MarketCoin> Markets, MarketDataSource? Source)> LoadMarketsAsync(IndexArguments arguments, IHost host, CancellationToken cancellationToken)
    {
        if (arguments.Data is { } file)
        {
            return (MarketDocuments.ParseMarkets(await File.ReadAllTextAsync(file, cancellationToken), file), null);
        }

        await PrepareCacheAsync(host, cancellationToken);
        var snapshot = await host.Services.GetRequiredService<MarketData>().GetMarketsAsync(cancellationToken, arguments.Top);
        return (snapshot.Coins, snapshot.Source);
    }

    private static string WeightsJson(WeightsReport report, MarketDataSource? source) => WriteJson(writer =>
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
    });

    private static string WeightsTable(WeightsReport report, MarketDataSource? source)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Top {report.Constituents.Count}, {report.Scheme} weighting, as of {(report.AsOf is { } at ? Iso(at) : "an unknown time")}");
        if (source is not null)
        {
            text.AppendLine(source.Describe());
        }

        text.Append(IndexTables.Weights(report));
        return text.ToString();
    }

    private static async Task<int> BacktestAsync(IndexArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        using var host = CryptoDigestBuilder.CreateBuilder(arguments.Settings, quiet: true).Build();
        var data = host.Services.GetRequiredService<MarketData>();
        var (coins, source) = arguments.Data is { } folder
            ? (await ReadHistoriesAsync(folder, cancellationToken), null)
            : await FetchHistoriesAsync(arguments, host, cancellationToken);
        if (!arguments.IncludeExcluded)
        {
            coins = [.. coins.Where(c => !data.Exclusions.Excludes(c.Id))];
        }

        var lastDate = coins.Select(c => c.Prices.LastDate).Max() ?? throw new IndexInputException("the data holds no prices");
        var to = arguments.To ?? lastDate;
        var from = arguments.From ?? to.AddDays(-365);
        var result = Backtest.Run(coins, new BacktestRequest(arguments.Top, arguments.Scheme, arguments.Rebalance, from, to, arguments.CostBps));
        if (arguments.Chart is { } chart)
        {
            await File.WriteAllBytesAsync(chart, IndexChart.Render(
                $"Top {arguments.Top} {arguments.Scheme}, {arguments.Rebalance.ToString().ToLowerInvariant()} rebalancing",
                [new ChartLine($"top {arguments.Top} {arguments.Scheme}", result.Series)],
                source?.Describe() ?? "Data: supplied files"), cancellationToken);
        }

        if (arguments.Json)
        {
            await output.WriteLineAsync(BacktestJson(result, source));
        }
        else
        {
            await output.WriteAsync(BacktestTable(arguments, from, to, result, source));
        }

        return HostCommandLine.Ok;
    }

    /// <summary>One /coins/{id}/market_chart response per coin, named &lt;id&gt;.json, in name order.</summary>
    private static async Task<IReadOnlyList<CoinHistory>> ReadHistoriesAsync(string folder, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
        {
            throw new IndexInputException($"--data {folder} is not a folder of <id>.json market_chart files");
        }

        var histories = new List<CoinHistory>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            histories.Add(MarketDocuments.ParseMarketChart(Path.GetFileNameWithoutExtension(file), await File.ReadAllTextAsync(file, cancellationToken), file));
        }

        return histories.Count > 0 ? histories : throw new IndexInputException($"--data {folder} holds no <id>.json files");
    }

    /// <summary>Today's leaders and a few more from the market data: a coin that has since left the top is missing (docs/market-data.md).</summary>
    private static async Task<(IReadOnlyList<CoinHistory> Coins, MarketDataSource? Source)> FetchHistoriesAsync(IndexArguments arguments, IHost host, CancellationToken cancellationToken)
    {
        await PrepareCacheAsync(host, cancellationToken);
        var data = host.Services.GetRequiredService<MarketData>();
        var markets = await data.GetMarketsAsync(cancellationToken, arguments.Top);
        var candidates = MarketDocuments.Top(markets.Coins, arguments.Top + 5, arguments.IncludeExcluded ? ExclusionList.None : data.Exclusions);
        var today = DateOnly.FromDateTime(host.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var days = Math.Max(1, today.DayNumber - (arguments.From ?? today.AddDays(-365)).DayNumber + 1);
        var snapshot = await data.GetHistoriesAsync(candidates.Select(c => c.Id), Math.Min(days, 3650), cancellationToken);
        return (snapshot.Coins, snapshot.Source);
    }

    private static string BacktestJson(BacktestResult result, MarketDataSource? source) => WriteJson(writer =>
    {
        var figures = result.Figures;
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
    });

    private static string BacktestTable(IndexArguments arguments, DateOnly from, DateOnly to, BacktestResult result, MarketDataSource? source)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Top {arguments.Top}, {arguments.Scheme} weighting, {arguments.Rebalance.ToString().ToLowerInvariant()} rebalancing, {Iso(from)} to {Iso(to)}, {arguments.CostBps.ToString(CultureInfo.InvariantCulture)} bps");
        if (source is not null)
        {
            text.AppendLine(source.Describe());
        }

        text.Append(IndexTables.Figures([("index", result.Figures, result.Turnover)]));
        return text.ToString();
    }

    /// <summary>The live path keeps responses in the database: its table must exist (as for every verb that stores).</summary>
    private static async Task PrepareCacheAsync(IHost host, CancellationToken cancellationToken)
    {
        if (host.Services.GetRequiredService<IOptions<MarketOptions>>().Value.IsLive
            && host.Services.GetRequiredService<IOptions<StorageOptions>>().Value.MigrateOnStart)
        {
            await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        }
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

    /// <summary>What one index sub-verb was asked for, with the defaults filled in.</summary>
    private sealed record IndexArguments(
        string? Data,
        int Top,
        WeightingScheme Scheme,
        RebalanceFrequency Rebalance,
        DateOnly? From,
        DateOnly? To,
        double CostBps,
        string? Chart,
        bool IncludeExcluded,
        bool Json,
        string[] Settings);

    /// <summary>
    /// The options of both sub-verbs (made once per command line), each read into its type as it is
    /// parsed, or refused with one line naming the option.
    /// </summary>
    private sealed class IndexOptions
    {
        public Option<string?> Data { get; } = Value("--data", text => text);

        public Option<int?> Top { get; } = Value<int?>("--top", text =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var top) && top is >= 1 and <= 1000
                ? top
                : throw new IndexInputException($"--top must be a whole number from 1 to 1000, not '{text}'"));

        public Option<WeightingScheme?> Scheme { get; } = Value("--scheme", text =>
            WeightingScheme.TryParse(text, out var scheme, out var problem) ? scheme : throw new IndexInputException("--scheme: " + problem));

        public Option<RebalanceFrequency?> Rebalance { get; } = Value<RebalanceFrequency?>("--rebalance", text => text switch
        {
            "weekly" => RebalanceFrequency.Weekly,
            "monthly" => RebalanceFrequency.Monthly,
            "quarterly" => RebalanceFrequency.Quarterly,
            _ => throw new IndexInputException($"--rebalance must be weekly, monthly or quarterly, not '{text}'"),
        });

        public Option<DateOnly?> From { get; } = Date("--from");

        public Option<DateOnly?> To { get; } = Date("--to");

        public Option<double?> CostBps { get; } = Value<double?>("--cost-bps", text =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var bps) && double.IsFinite(bps) && bps is >= 0 and < 10_000
                ? bps
                : throw new IndexInputException($"--cost-bps must be a number of basis points from 0 to below 10000, not '{text}'"));

        public Option<string?> Chart { get; } = Value("--chart", text => text);

        public Option<bool> IncludeExcluded { get; } = new("--include-excluded");

        public Option<bool> Json { get; } = new("--json");

        /// <summary>Defaults: top 10, cap weighting, monthly, 0 bps; the dates default from the data.</summary>
        public IndexArguments Read(ParseResult parsed, string[] settings) => new(
            parsed.GetValue(Data),
            parsed.GetValue(Top) ?? 10,
            parsed.GetValue(Scheme) ?? WeightingScheme.Cap,
            parsed.GetValue(Rebalance) ?? RebalanceFrequency.Monthly,
            parsed.GetValue(From),
            parsed.GetValue(To),
            parsed.GetValue(CostBps) ?? 0,
            parsed.GetValue(Chart),
            parsed.GetValue(IncludeExcluded),
            parsed.GetValue(Json),
            settings);

        private static Option<T?> Value<T>(string name, Func<string, T> read) =>
            VerbArguments.ValueOption<T>(name, $"{name} needs a value (index --help)", (text, result) =>
            {
                try
                {
                    return read(text);
                }
                catch (IndexInputException ex)
                {
                    result.AddError(ex.Message);
                    return default;
                }
            });

        private static Option<DateOnly?> Date(string name) => Value<DateOnly?>(name, text =>
            DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : throw new IndexInputException($"{name} must be a date as YYYY-MM-DD, not '{text}'"));
    }
}
