using CryptoDigest.Indices;

namespace CryptoDigest.Tests.Indices;

public class BacktestTests
{
    private static readonly DateOnly Jan30 = new(2024, 1, 30);
    private static readonly DateOnly Feb3 = new(2024, 2, 3);

    /// <summary>
    /// A and B at the start; C lists on 31 January, between rebalances, and enters on 1 February
    /// (the monthly rebalance) in place of B; A has no price on 2 February and keeps its last one.
    /// </summary>
    private static readonly CoinHistory[] Coins =
    [
        Coin("a", (Jan30, 10, 600), (Jan30.AddDays(1), 12, 700), (Jan30.AddDays(2), 12, 600), (Jan30.AddDays(4), 6, 300)),
        Coin("b", (Jan30, 20, 400), (Jan30.AddDays(1), 20, 400), (Jan30.AddDays(2), 10, 200), (Jan30.AddDays(3), 10, 200), (Jan30.AddDays(4), 10, 200)),
        Coin("c", (Jan30.AddDays(1), 4, 240), (Jan30.AddDays(2), 5, 300), (Jan30.AddDays(3), 10, 600), (Jan30.AddDays(4), 10, 600)),
    ];

    [Fact]
    public void A_monthly_top_two_backtest_drifts_rebalances_on_the_first_and_carries_a_missing_price()
    {
        var result = Backtest.Run(Coins, new BacktestRequest(2, WeightingScheme.Cap, RebalanceFrequency.Monthly, Jan30, Feb3));

        // 30 Jan: A 0.6, B 0.4 -> units 0.06 and 0.02. 31 Jan: 0.72 + 0.4 (C listed, not held).
        // 1 Feb: 0.72 + 0.2 = 0.92, then A 2/3 and C 1/3 by 600 and 300. 2 Feb: A carries 12, C doubles.
        double[] expected = [1, 1.12, 0.92, 0.92 * 4 / 3, 0.92];
        Assert.Equal(expected.Length, result.Series.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(Jan30.AddDays(i), result.Series[i].Date);
            Assert.Equal(expected[i], result.Series[i].Value, 12);
        }

        // |2/3 - 0.72/0.92| + |0 - 0.2/0.92| + |1/3 - 0| = 2/3.
        Assert.Equal(2.0 / 3, result.Turnover, 12);
        Assert.Equal(-0.08, result.Figures.TotalReturn, 12);
        // 0.92 / 1.12 - 1 = -0.18 on 1 February, then 0.92 / (0.92 x 4/3) - 1 = -0.25 on 3 February.
        Assert.Equal(-0.25, result.Figures.MaxDrawdown.Depth, 12);
        Assert.Equal(Jan30.AddDays(3), result.Figures.MaxDrawdown.Peak);
        Assert.Equal(Feb3, result.Figures.MaxDrawdown.Trough);
        Assert.Equal(5, result.Figures.Days);
        Assert.Equal(["a", "c"], result.FinalConstituents);
    }

    [Fact]
    public void Costs_take_turnover_times_bps_before_buying_including_the_first_purchase()
    {
        var result = Backtest.Run(Coins, new BacktestRequest(2, WeightingScheme.Cap, RebalanceFrequency.Monthly, Jan30, Feb3, CostBps: 30));

        // First purchase: turnover 1 -> x 0.997. 1 February: turnover 2/3 -> x (1 - 0.002).
        Assert.Equal(0.997, result.Series[0].Value, 12);
        Assert.Equal(1.12 * 0.997, result.Series[1].Value, 12);
        Assert.Equal(0.92 * 0.997 * 0.998, result.Series[2].Value, 12);
        Assert.Equal(0.92 * 0.997 * 0.998, result.Figures.FinalValue, 12);
        Assert.Equal(2.0 / 3, result.Turnover, 12);
    }

    [Fact]
    public void Without_a_rebalance_in_range_the_start_holdings_drift_to_the_end()
    {
        var result = Backtest.Run(Coins, new BacktestRequest(2, WeightingScheme.Equal, RebalanceFrequency.Quarterly, Jan30, Feb3));

        // 0.5 each: A 0.05 units, B 0.025. 3 Feb: 0.05 x 6 + 0.025 x 10.
        Assert.Equal(0.55, result.Figures.FinalValue, 12);
        Assert.Equal(0, result.Turnover);
        Assert.Equal(["a", "b"], result.FinalConstituents);
    }

    [Theory]
    [InlineData(RebalanceFrequency.Weekly, "2024-01-10", true)]
    [InlineData(RebalanceFrequency.Weekly, "2024-01-17", true)]
    [InlineData(RebalanceFrequency.Weekly, "2024-01-09", false)]
    [InlineData(RebalanceFrequency.Weekly, "2024-01-03", false)]
    [InlineData(RebalanceFrequency.Monthly, "2024-02-01", true)]
    [InlineData(RebalanceFrequency.Monthly, "2024-02-02", false)]
    [InlineData(RebalanceFrequency.Quarterly, "2024-04-01", true)]
    [InlineData(RebalanceFrequency.Quarterly, "2024-02-01", false)]
    [InlineData(RebalanceFrequency.Quarterly, "2025-01-01", true)]
    public void Rebalance_dates_follow_the_frequency_after_the_start(RebalanceFrequency frequency, string date, bool expected)
    {
        var request = new BacktestRequest(10, WeightingScheme.Cap, frequency, new DateOnly(2024, 1, 3), new DateOnly(2025, 12, 31));

        Assert.Equal(expected, Backtest.IsRebalanceDate(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), request));
    }

    [Fact]
    public void A_start_with_no_coin_priced_is_an_error_naming_the_date()
    {
        var error = Assert.Throws<IndexInputException>(() =>
            Backtest.Run(Coins, new BacktestRequest(2, WeightingScheme.Cap, RebalanceFrequency.Monthly, Jan30.AddDays(-5), Feb3)));

        Assert.Contains("2024-01-25", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_end_after_the_data_is_an_error_naming_the_last_date()
    {
        var error = Assert.Throws<IndexInputException>(() =>
            Backtest.Run(Coins, new BacktestRequest(2, WeightingScheme.Cap, RebalanceFrequency.Monthly, Jan30, Feb3.AddDays(1))));

        Assert.Contains("2024-02-03", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cap_too_small_for_the_eligible_coins_on_a_date_is_an_error()
    {
        // Top 3 at 34 % is feasible in principle, but on 30 January only A and B are priced.
        var error = Assert.Throws<IndexInputException>(() =>
            Backtest.Run(Coins, new BacktestRequest(3, new WeightingScheme(WeightingKind.Capped, 34), RebalanceFrequency.Monthly, Jan30, Feb3)));

        Assert.Contains("only 2 coins are eligible", error.Message, StringComparison.Ordinal);
    }

    private static CoinHistory Coin(string id, params (DateOnly Date, double Price, double Cap)[] days) => new(
        id,
        DailySeries.FromDates(days.Select(d => KeyValuePair.Create(d.Date, d.Price))),
        DailySeries.FromDates(days.Select(d => KeyValuePair.Create(d.Date, d.Cap))));
}
