using System.Globalization;
using System.Text.Json;
using CryptoDigest.IntegrationTests.Infrastructure;
using SkiaSharp;

namespace CryptoDigest.IntegrationTests.Indices;

/// <summary>The index verbs end to end: the real Host process on CoinGecko-shaped files.</summary>
public sealed class IndexVerbTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("cryptodigest-index-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public async Task Weights_prints_the_capped_top_three_with_concentration_skipping_stablecoins_and_capless_rows()
    {
        var markets = WriteMarkets();

        var run = await HostProcess.RunAsync(["index", "weights", "--data", markets, "--top", "3", "--scheme", "capped:40", "--json"]);

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.StandardOutput);
        var root = json.RootElement;
        Assert.Equal("2026-11-30T12:04:00.000Z", root.GetProperty("asOf").GetString());
        Assert.Equal("capped:40", root.GetProperty("scheme").GetString());
        var constituents = root.GetProperty("constituents").EnumerateArray().ToArray();
        // Caps 700, 200, 100 (tether and the capless row left out): 0.7 is fixed at 0.4, 0.6 shared 2:1.
        Assert.Equal(["bitcoin", "ethereum", "solana"], constituents.Select(c => c.GetProperty("id").GetString()));
        Assert.Equal([0.4, 0.4, 0.2], constituents.Select(c => Math.Round(c.GetProperty("weight").GetDouble(), 12)));
        Assert.Equal(700e9, constituents[0].GetProperty("marketCap").GetDouble());
        Assert.Equal("btc", constituents[0].GetProperty("symbol").GetString());
        Assert.Equal(0.4, root.GetProperty("largestWeight").GetDouble(), 12);
        Assert.Equal(0.36, root.GetProperty("hhi").GetDouble(), 12);
        Assert.Equal(1 / 0.36, root.GetProperty("effectiveN").GetDouble(), 12);
    }

    [Fact]
    public async Task Weights_with_include_excluded_keeps_the_stablecoin()
    {
        var run = await HostProcess.RunAsync(["index", "weights", "--data", WriteMarkets(), "--top", "2", "--include-excluded", "--json"]);

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.StandardOutput);
        Assert.Equal(["bitcoin", "tether"], json.RootElement.GetProperty("constituents").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Backtest_prints_the_contracts_figures_and_series_and_writes_a_chart_that_decodes()
    {
        var data = WriteHistories();
        var chart = Path.Combine(folder.FullName, "chart.png");

        var run = await HostProcess.RunAsync(["index", "backtest", "--data", data, "--top", "2", "--scheme", "cap", "--rebalance", "monthly",
            "--from", "2024-01-30", "--to", "2024-02-03", "--cost-bps", "30", "--chart", chart, "--json"]);

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.StandardOutput);
        var root = json.RootElement;
        // Hand-worked in tests/CryptoDigest.Tests/Indices/BacktestTests.cs: 1, 1.12, 0.92, 0.92 x 4/3, 0.92 before costs;
        // costs 0.997 on the first purchase and 0.998 on 1 February (turnover 2/3).
        var costs = 0.997 * 0.998;
        double[] values = [0.997, 1.12 * 0.997, 0.92 * costs, 0.92 * 4 / 3 * costs, 0.92 * costs];
        var series = root.GetProperty("series").EnumerateArray().ToArray();
        Assert.Equal(["2024-01-30", "2024-01-31", "2024-02-01", "2024-02-02", "2024-02-03"], series.Select(p => p.GetProperty("date").GetString()));
        for (var i = 0; i < values.Length; i++)
        {
            Assert.Equal(values[i], series[i].GetProperty("value").GetDouble(), 12);
        }

        Assert.Equal(0.92 * costs / 0.997 - 1, root.GetProperty("totalReturn").GetDouble(), 12);
        Assert.Equal(-0.25, root.GetProperty("maxDrawdown").GetDouble(), 12);
        Assert.Equal("2024-02-02", root.GetProperty("maxDrawdownPeak").GetString());
        Assert.Equal("2024-02-03", root.GetProperty("maxDrawdownTrough").GetString());
        Assert.Equal(2.0 / 3, root.GetProperty("turnover").GetDouble(), 12);
        Assert.Equal(0.92 * costs, root.GetProperty("finalValue").GetDouble(), 12);
        Assert.Equal(5, root.GetProperty("days").GetInt32());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("annualizedVolatility").ValueKind);
        Assert.Equal(JsonValueKind.Number, root.GetProperty("sharpe").ValueKind);

        using var png = SKBitmap.Decode(chart);
        Assert.NotNull(png);
        Assert.Equal((800, 450), (png.Width, png.Height));
    }

    [Fact]
    public async Task Without_data_the_verbs_use_the_bundled_sample_and_say_so()
    {
        var run = await HostProcess.RunAsync(["index", "weights", "--top", "5"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("bundled SAMPLE data dated 2026-11-30", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("BTC", run.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("USDT", run.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("weights --top 3 --scheme capped:30", "a cap of 30 % cannot hold 3 names")]
    [InlineData("weights --top zero", "--top must be a whole number")]
    [InlineData("weights --scheme market", "--scheme: unknown scheme 'market'")]
    [InlineData("weights --frobnicate", "unknown option '--frobnicate'")]
    [InlineData("backtest --rebalance daily", "--rebalance must be weekly, monthly or quarterly")]
    [InlineData("backtest --from 2024-02-03 --to 2024-01-30", "--to 2024-01-30 is before --from 2024-02-03")]
    [InlineData("backtest --from 2024-13-01", "--from must be a date as YYYY-MM-DD")]
    [InlineData("backtest --from 2024-01-30 --to 2024-02-09", "--to 2024-02-09 is after the data's last date 2024-02-03")]
    [InlineData("backtest --cost-bps -1", "--cost-bps must be a number of basis points")]
    [InlineData("rebuild", "index needs a sub-verb")]
    public async Task Bad_arguments_and_impossible_caps_exit_two_with_one_line(string arguments, string message)
    {
        var words = arguments.Split(' ');
        var data = words[0] == "weights" ? WriteMarkets() : WriteHistories();
        string[] args = words[0] == "rebuild" ? ["index", .. words] : ["index", words[0], "--data", data, .. words[1..]];

        var run = await HostProcess.RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.StandardError.Trim().Split('\n'));
        Assert.StartsWith("error: " + message, line, StringComparison.Ordinal);
        Assert.Empty(run.StandardOutput);
    }

    [Fact]
    public async Task A_malformed_market_chart_file_is_named_in_the_one_line_error()
    {
        var data = WriteHistories();
        File.WriteAllText(Path.Combine(data, "broken.json"), "{\"prices\": [[1, 2], \"x\"], \"market_caps\": []}");

        var run = await HostProcess.RunAsync(["index", "backtest", "--data", data, "--json"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("broken.json has a \"prices\" entry that is not a [milliseconds, value] pair", run.StandardError, StringComparison.Ordinal);
    }

    private string WriteMarkets()
    {
        var path = Path.Combine(folder.FullName, "markets.json");
        File.WriteAllText(path, """
            [
              {"id": "bitcoin", "symbol": "btc", "name": "Bitcoin", "current_price": 35000, "market_cap": 700000000000, "market_cap_rank": 1, "ath_change_percentage": -10.5, "max_supply": 21000000, "roi": null, "last_updated": "2026-11-30T12:04:00.000Z"},
              {"id": "tether", "symbol": "usdt", "name": "Tether", "current_price": 1.0, "market_cap": 300000000000, "market_cap_rank": 2, "max_supply": null, "roi": null, "last_updated": "2026-11-30T12:03:00.000Z"},
              {"id": "ethereum", "symbol": "eth", "name": "Ethereum", "current_price": 1666.5, "market_cap": 200000000000, "market_cap_rank": 3, "roi": {"times": 40.1, "currency": "btc", "percentage": 4010.0}, "last_updated": "2026-11-30T12:02:00.000Z"},
              {"id": "ghost-token", "symbol": "gho", "name": "Ghost", "current_price": 0.01, "market_cap": 0, "market_cap_rank": null, "last_updated": "2026-11-30T12:01:00.000Z"},
              {"id": "solana", "symbol": "sol", "name": "Solana", "current_price": 20, "market_cap": 100000000000, "market_cap_rank": 4, "last_updated": null},
              {"id": "nullcap", "symbol": "nul", "name": "No Cap", "current_price": 1, "market_cap": null, "market_cap_rank": null, "last_updated": "2026-11-30T12:00:00.000Z"}
            ]
            """);
        return path;
    }

    /// <summary>The unit tests' three coins as market_chart files, each with an intraday "now" point on its last date, plus a stablecoin.</summary>
    private string WriteHistories()
    {
        var data = Path.Combine(folder.FullName, "history");
        Directory.CreateDirectory(data);
        var jan30 = new DateOnly(2024, 1, 30);
        WriteChart(data, "a", jan30, [(0, 10, 600), (1, 12, 700), (2, 12, 600), (4, 6, 300)]);
        WriteChart(data, "b", jan30, [(0, 20, 400), (1, 20, 400), (2, 10, 200), (3, 10, 200), (4, 10, 200)]);
        WriteChart(data, "c", jan30, [(1, 4, 240), (2, 5, 300), (3, 10, 600), (4, 10, 600)]);
        // Excluded by default: were it held, its 10,000 market cap would put it in the top two.
        WriteChart(data, "tether", jan30, [(0, 1, 10_000), (1, 1, 10_000), (2, 1, 10_000), (3, 1, 10_000), (4, 1, 10_000)]);
        return data;
    }

    private static void WriteChart(string folder, string id, DateOnly start, (int Day, double Price, double Cap)[] days)
    {
        static string Pairs(IEnumerable<(long At, double Value)> points) =>
            "[" + string.Join(",", points.Select(p => string.Create(CultureInfo.InvariantCulture, $"[{p.At},{p.Value}]"))) + "]";

        var points = days.Select(d => (At: new DateTimeOffset(start.AddDays(d.Day).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds(), d.Price, d.Cap)).ToList();
        // CoinGecko's last point is "now", later on the last date: it must not replace that date's daily point.
        var last = points[^1];
        points.Add((last.At + 13 * 3_600_000, last.Price * 5, last.Cap * 5));
        File.WriteAllText(Path.Combine(folder, id + ".json"),
            $"{{\"prices\":{Pairs(points.Select(p => (p.At, p.Price)))},\"market_caps\":{Pairs(points.Select(p => (p.At, p.Cap)))},\"total_volumes\":{Pairs(points.Select(p => (p.At, 1.0)))}}}");
    }
}
