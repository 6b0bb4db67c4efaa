using System.Globalization;

namespace CryptoDigest.Indices;

/// <summary>
/// Backtests a top-N index on daily data, exactly as docs/market-data.md describes: value 1 at the
/// start, target weights at the start and on every rebalance date among the coins with a price and
/// a market cap that date, drift in between (a missing price carries the last one), costs on
/// two-way turnover taken before buying.
/// </summary>
public static class Backtest
{
    public static BacktestResult Run(IReadOnlyList<CoinHistory> coins, BacktestRequest request)
    {
        ArgumentNullException.ThrowIfNull(coins);
        ArgumentNullException.ThrowIfNull(request);
        Validate(coins, request);

        var days = request.To.DayNumber - request.From.DayNumber + 1;
        var prices = new double[coins.Count][];
        var caps = new double[coins.Count][];
        for (var c = 0; c < coins.Count; c++)
        {
            prices[c] = Align(coins[c].Prices, request.From, days);
            caps[c] = Align(coins[c].MarketCaps, request.From, days);
        }

        var holdings = new Holdings(coins.Count);
        var series = new List<DatedValue>(days);
        var turnoverAfterFirst = 0.0;
        for (var t = 0; t < days; t++)
        {
            var date = request.From.AddDays(t);
            holdings.MarkToMarket(prices, t);
            if (t == 0 || IsRebalanceDate(date, request))
            {
                var turnover = Rebalance(holdings, coins, prices, caps, t, request);
                if (t > 0)
                {
                    turnoverAfterFirst += turnover;
                }
            }

            series.Add(new DatedValue(date, holdings.Value));
        }

        return new BacktestResult(series, PerformanceFigures.Of(series), turnoverAfterFirst, holdings.Held.Select(c => coins[c].Id).ToArray());
    }

    /// <summary>Buys the target weights of day <paramref name="t"/>'s top coins, costs taken first; returns the two-way turnover traded.</summary>
    private static double Rebalance(Holdings holdings, IReadOnlyList<CoinHistory> coins, double[][] prices, double[][] caps, int t, BacktestRequest request)
    {
        var date = request.From.AddDays(t);
        var top = TopByMarketCap(coins, prices, caps, t, request.Top);
        if (top.Count == 0 && t == 0)
        {
            throw new IndexInputException(string.Create(CultureInfo.InvariantCulture, $"no coin has both a price and a market cap on {date:yyyy-MM-dd}, the start of the backtest"));
        }

        // A rebalance date with no eligible coin at all (a gap in every file) keeps the holdings as they are.
        if (top.Count == 0)
        {
            return 0;
        }

        if (!IndexWeights.IsFeasible(top.Count, request.Scheme))
        {
            throw new IndexInputException(
                string.Create(CultureInfo.InvariantCulture, $"on {date:yyyy-MM-dd} only {top.Count} coins are eligible, too few for a cap of {request.Scheme.CapPercent:0.####} %"));
        }

        var weights = IndexWeights.Compute(top.Select(c => caps[c][t]).ToArray(), request.Scheme);
        return holdings.TradeTo(top, weights, prices, t, request.CostBps);
    }

    /// <summary>Rebalance dates after the start: the start itself is always a purchase.</summary>
    public static bool IsRebalanceDate(DateOnly date, BacktestRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (date <= request.From)
        {
            return false;
        }

        return request.Rebalance switch
        {
            RebalanceFrequency.Weekly => (date.DayNumber - request.From.DayNumber) % 7 == 0,
            RebalanceFrequency.Monthly => date.Day == 1,
            RebalanceFrequency.Quarterly => date.Day == 1 && date.Month is 1 or 4 or 7 or 10,
            _ => false,
        };
    }

    private static void Validate(IReadOnlyList<CoinHistory> coins, BacktestRequest request)
    {
        if (request.Top < 1)
        {
            throw new IndexInputException("--top must be at least 1");
        }

        if (request.To < request.From)
        {
            throw new IndexInputException(string.Create(CultureInfo.InvariantCulture, $"--to {request.To:yyyy-MM-dd} is before --from {request.From:yyyy-MM-dd}"));
        }

        if (!double.IsFinite(request.CostBps) || request.CostBps < 0 || request.CostBps >= 10_000)
        {
            throw new IndexInputException("--cost-bps must be at least 0 and below 10000");
        }

        IndexWeights.EnsureFeasible(request.Top, request.Scheme);

        var lastDate = coins.Select(c => c.Prices.LastDate).Where(d => d is not null).Max();
        if (lastDate is null)
        {
            throw new IndexInputException("the data holds no prices");
        }

        if (request.To > lastDate)
        {
            throw new IndexInputException(string.Create(CultureInfo.InvariantCulture, $"--to {request.To:yyyy-MM-dd} is after the data's last date {lastDate:yyyy-MM-dd}"));
        }
    }

    private static double[] Align(DailySeries series, DateOnly from, int days)
    {
        var aligned = new double[days];
        series.CopyTo(aligned, from);
        return aligned;
    }

    /// <summary>The N largest by that date's market cap among coins with a positive price and market cap that date; ties by id.</summary>
    private static List<int> TopByMarketCap(IReadOnlyList<CoinHistory> coins, double[][] prices, double[][] caps, int t, int n)
    {
        var eligible = new List<int>();
        for (var c = 0; c < coins.Count; c++)
        {
            if (prices[c][t] > 0 && caps[c][t] > 0)
            {
                eligible.Add(c);
            }
        }

        eligible.Sort((a, b) =>
        {
            var bySize = caps[b][t].CompareTo(caps[a][t]);
            return bySize != 0 ? bySize : string.CompareOrdinal(coins[a].Id, coins[b].Id);
        });
        return eligible.Count > n ? eligible.GetRange(0, n) : eligible;
    }

    /// <summary>The units held, each coin's last known price (a missing price carries the last one) and the portfolio's value.</summary>
    private sealed class Holdings
    {
        private readonly double[] _lastPrice;
        private readonly double[] _units;
        private readonly double[] _target;

        public Holdings(int coins)
        {
            _lastPrice = new double[coins];
            Array.Fill(_lastPrice, double.NaN);
            _units = new double[coins];
            _target = new double[coins];
        }

        public List<int> Held { get; } = [];

        public double Value { get; private set; } = 1.0;

        /// <summary>Takes day <paramref name="t"/>'s prices and, after the start, values the holdings at them.</summary>
        public void MarkToMarket(double[][] prices, int t)
        {
            for (var c = 0; c < prices.Length; c++)
            {
                if (!double.IsNaN(prices[c][t]))
                {
                    _lastPrice[c] = prices[c][t];
                }
            }

            if (t > 0)
            {
                Value = 0;
                foreach (var c in Held)
                {
                    Value += _units[c] * _lastPrice[c];
                }
            }
        }

        /// <summary>Sells everything and buys <paramref name="top"/> at <paramref name="weights"/> after the costs; the start's turnover is 1.</summary>
        public double TradeTo(List<int> top, double[] weights, double[][] prices, int t, double costBps)
        {
            Array.Clear(_target);
            for (var i = 0; i < top.Count; i++)
            {
                _target[top[i]] = weights[i];
            }

            var turnover = t == 0 ? 1.0 : TwoWayTurnover(top);
            Value *= 1 - turnover * costBps / 10_000;
            foreach (var c in Held)
            {
                _units[c] = 0;
            }

            Held.Clear();
            foreach (var c in top)
            {
                _units[c] = Value * _target[c] / prices[c][t];
                Held.Add(c);
            }

            return turnover;
        }

        /// <summary>Sum over every coin held or targeted of |target weight - drifted weight|.</summary>
        private double TwoWayTurnover(List<int> top)
        {
            var turnover = 0.0;
            var counted = new HashSet<int>();
            foreach (var c in Held)
            {
                var drifted = Value > 0 ? _units[c] * _lastPrice[c] / Value : 0;
                turnover += Math.Abs(_target[c] - drifted);
                counted.Add(c);
            }

            foreach (var c in top)
            {
                if (!counted.Contains(c))
                {
                    turnover += _target[c];
                }
            }

            return turnover;
        }
    }
}
