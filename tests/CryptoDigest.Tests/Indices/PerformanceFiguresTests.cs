using CryptoDigest.Indices;

namespace CryptoDigest.Tests.Indices;

public class PerformanceFiguresTests
{
    private static readonly DateOnly Start = new(2024, 3, 1);

    [Fact]
    public void A_loss_on_the_first_day_counts_against_the_first_value_as_the_peak()
    {
        var drawdown = Drawdown.Maximum(Series(100, 50, 200));

        Assert.Equal(-0.5, drawdown.Depth, 12);
        Assert.Equal(Start, drawdown.Peak);
        Assert.Equal(Start.AddDays(1), drawdown.Trough);
    }

    [Fact]
    public void The_maximum_drawdown_is_measured_from_the_running_peak_not_the_first_value()
    {
        // Peaks 100 then 120; 80/100 - 1 = -0.2, then 60/120 - 1 = -0.5.
        var drawdown = Drawdown.Maximum(Series(100, 80, 90, 120, 60, 70));

        Assert.Equal(-0.5, drawdown.Depth, 12);
        Assert.Equal(Start.AddDays(3), drawdown.Peak);
        Assert.Equal(Start.AddDays(4), drawdown.Trough);
    }

    [Fact]
    public void A_series_that_only_rises_has_no_drawdown_dated_at_its_start()
    {
        var drawdown = Drawdown.Maximum(Series(1, 2, 3));

        Assert.Equal(0, drawdown.Depth);
        Assert.Equal(Start, drawdown.Peak);
        Assert.Equal(Start, drawdown.Trough);
    }

    [Fact]
    public void The_current_drawdown_compares_the_last_value_with_the_highest()
    {
        var drawdown = Drawdown.Current(Series(50, 200, 100, 150));

        Assert.Equal(-0.25, drawdown.Depth, 12);
        Assert.Equal(Start.AddDays(1), drawdown.Peak);
        Assert.Equal(Start.AddDays(3), drawdown.Trough);
    }

    [Fact]
    public void Volatility_and_sharpe_use_the_sample_deviation_of_daily_returns_and_365_days()
    {
        // Returns +10 %, -10 %, +10 %: mean 1/30, sample deviation sqrt(0.04/3) = 0.11547.
        var figures = PerformanceFigures.Of(Series(1, 1.1, 0.99, 1.089));

        Assert.Equal(0.089, figures.TotalReturn, 12);
        Assert.Equal(2.206052281036573, figures.AnnualizedVolatility!.Value, 9);
        Assert.Equal(5.515130702591431, figures.Sharpe!.Value, 9);
        Assert.Equal(1.089, figures.FinalValue, 12);
        Assert.Equal(4, figures.Days);
    }

    [Fact]
    public void One_return_leaves_volatility_and_sharpe_undefined()
    {
        var figures = PerformanceFigures.Of(Series(1, 1.5));

        Assert.Null(figures.AnnualizedVolatility);
        Assert.Null(figures.Sharpe);
        Assert.Equal(0.5, figures.TotalReturn, 12);
    }

    [Fact]
    public void Daily_points_belong_to_their_utc_date_and_the_first_of_a_date_counts()
    {
        var midnight = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        const long hour = 3_600_000;
        var series = DailySeries.FromPoints([
            (midnight + 24 * hour, 20),
            (midnight + 37 * hour, 99),
            (midnight, 10),
            (midnight - 1, 5),
        ]);

        Assert.Equal(3, series.Count);
        Assert.True(series.TryGet(new DateOnly(2024, 2, 29), out var leap));
        Assert.Equal(5, leap);
        Assert.True(series.TryGet(new DateOnly(2024, 3, 1), out var first));
        Assert.Equal(10, first);
        Assert.True(series.TryGet(new DateOnly(2024, 3, 2), out var second));
        Assert.Equal(20, second);
    }

    private static DatedValue[] Series(params double[] values) =>
        values.Select((v, i) => new DatedValue(Start.AddDays(i), v)).ToArray();
}
