using System.Diagnostics;
using System.Globalization;
using System.Text;
using CryptoDigest.Indices;

namespace CryptoDigest.Benchmarks;

/// <summary>
/// issue 13: a backtest of the top N over Y years of daily data with weekly rebalancing, on a
/// deterministic synthetic universe of market_chart documents (more coins than N, some listing
/// late, a few gaps), parsed once; then Backtest.Run timed alone. Target: well under a second.
/// </summary>
public static class IndexBacktestScenario
{
    public static readonly string[] Known = ["top", "years", "coins", "runs"];

    public static Task<int> RunAsync(Options options, TextWriter output)
    {
        var top = options.Int("top", 100, 1, 1000);
        var years = options.Int("years", 5, 1, 20);
        var coinCount = options.Int("coins", 150, 1, 5000);
        var runs = options.Int("runs", 10, 1, 1000);
        if (coinCount < top)
        {
            throw new ArgumentException("--coins must be at least --top");
        }

        var to = new DateOnly(2026, 11, 30);
        var from = to.AddYears(-years);
        var documents = Documents(coinCount, from.AddDays(-1), to);
        var parse = Stopwatch.StartNew();
        var coins = documents.Select(d => MarketDocuments.ParseMarketChart(d.Id, d.Json)).ToArray();
        parse.Stop();
        var request = new BacktestRequest(top, WeightingScheme.Cap, RebalanceFrequency.Weekly, from, to, CostBps: 10);

        var warmUp = Backtest.Run(coins, request);
        var times = new List<double>();
        var allocations = new List<long>();
        for (var i = 0; i < runs; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            var result = Backtest.Run(coins, request);
            watch.Stop();
            allocations.Add(GC.GetAllocatedBytesForCurrentThread() - before);
            times.Add(watch.Elapsed.TotalMilliseconds);
            if (result.Figures.FinalValue != warmUp.Figures.FinalValue)
            {
                throw new InvalidOperationException("The backtest is not deterministic.");
            }
        }

        times.Sort();
        var table = new Table("top", "coins", "days", "rebalances", "parse ms", "run ms (median)", "run ms (max)", "allocated MB / run", "final value");
        table.Add(top, coinCount, warmUp.Figures.Days, warmUp.Series.Count(p => Backtest.IsRebalanceDate(p.Date, request)), parse.Elapsed.TotalMilliseconds,
            times[times.Count / 2], times[^1], allocations.Average() / 1e6, warmUp.Figures.FinalValue);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\nindex-backtest: top {top} of {coinCount} coins, {from:yyyy-MM-dd} to {to:yyyy-MM-dd}, weekly, cap-weighted, 10 bps, {runs} timed runs after one warm-up\n"));
        output.WriteLine(table);
        var met = times[times.Count / 2] < 1000;
        output.WriteLine(met ? "Target met: median run under 1 s." : "Target missed: median run 1 s or more.");
        return Task.FromResult(met ? 0 : 1);
    }

    /// <summary>market_chart documents with prices on a seeded random walk; every 10th coin lists a year late, every 7th misses a day a month.</summary>
    private static List<(string Id, string Json)> Documents(int count, DateOnly from, DateOnly to)
    {
        var random = new Random(13);
        var documents = new List<(string, string)>(count);
        for (var c = 0; c < count; c++)
        {
            var start = c % 10 == 9 ? from.AddYears(1) : from;
            var price = 1 + random.NextDouble() * 1000;
            var supply = 1e6 * Math.Pow(10, random.NextDouble() * 4);
            var prices = new StringBuilder("[");
            var caps = new StringBuilder("[");
            for (var date = start; date <= to; date = date.AddDays(1))
            {
                price *= Math.Exp(0.04 * (random.NextDouble() - 0.5));
                if (c % 7 == 6 && date.Day == 15)
                {
                    continue;
                }

                var at = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
                prices.Append(CultureInfo.InvariantCulture, $"[{at},{price:R}],");
                caps.Append(CultureInfo.InvariantCulture, $"[{at},{price * supply:R}],");
            }

            prices[^1] = ']';
            caps[^1] = ']';
            documents.Add(($"coin-{c:D4}", $"{{\"prices\":{prices},\"market_caps\":{caps},\"total_volumes\":[]}}"));
        }

        return documents;
    }
}
