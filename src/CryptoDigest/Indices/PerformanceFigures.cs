namespace CryptoDigest.Indices;

/// <summary>One dated value of a daily series (an index level or a price).</summary>
public readonly record struct DatedValue(DateOnly Date, double Value);

/// <summary>The largest fall from a running peak, with the dates of that peak and of the trough.</summary>
public readonly record struct Drawdown(double Depth, DateOnly Peak, DateOnly Trough)
{
    /// <summary>
    /// The lowest value / running peak - 1, the first value included in the peak. Ties keep the
    /// earliest trough, and the peak is the first date the running peak reached its level.
    /// </summary>
    public static Drawdown Maximum(IReadOnlyList<DatedValue> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0)
        {
            throw new IndexInputException("no values to measure a drawdown on");
        }

        var peak = series[0].Value;
        var peakDate = series[0].Date;
        var worst = new Drawdown(0, peakDate, peakDate);
        foreach (var point in series)
        {
            if (point.Value > peak)
            {
                peak = point.Value;
                peakDate = point.Date;
            }

            var depth = point.Value / peak - 1;
            if (depth < worst.Depth)
            {
                worst = new Drawdown(depth, peakDate, point.Date);
            }
        }

        return worst;
    }

    /// <summary>How far the last value is below the highest value of the series (0 at a new high), and that high's date.</summary>
    public static Drawdown Current(IReadOnlyList<DatedValue> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0)
        {
            throw new IndexInputException("no values to measure a drawdown on");
        }

        var peak = series[0];
        foreach (var point in series)
        {
            if (point.Value > peak.Value)
            {
                peak = point;
            }
        }

        var last = series[^1];
        return new Drawdown(last.Value / peak.Value - 1, peak.Date, last.Date);
    }
}

/// <summary>
/// Return and risk of a daily value series: daily returns annualized with 365 days (crypto trades
/// every day), sample standard deviation (ddof 1), a zero risk-free rate. Volatility and Sharpe are
/// null when they are undefined (fewer than two returns, or no variation for Sharpe).
/// </summary>
public sealed record PerformanceFigures(
    double TotalReturn,
    double? AnnualizedVolatility,
    double? Sharpe,
    Drawdown MaxDrawdown,
    double FinalValue,
    int Days)
{
    private static readonly double AnnualizationFactor = Math.Sqrt(365);

    public static PerformanceFigures Of(IReadOnlyList<DatedValue> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0)
        {
            throw new IndexInputException("no values to measure");
        }

        var returns = new double[series.Count - 1];
        for (var i = 1; i < series.Count; i++)
        {
            returns[i - 1] = series[i].Value / series[i - 1].Value - 1;
        }

        double? volatility = null;
        double? sharpe = null;
        if (returns.Length >= 2)
        {
            var mean = returns.Average();
            var squares = 0.0;
            foreach (var r in returns)
            {
                squares += (r - mean) * (r - mean);
            }

            var deviation = Math.Sqrt(squares / (returns.Length - 1));
            volatility = deviation * AnnualizationFactor;
            sharpe = deviation > 0 ? mean / deviation * AnnualizationFactor : null;
        }

        return new PerformanceFigures(
            series[^1].Value / series[0].Value - 1,
            volatility,
            sharpe,
            Drawdown.Maximum(series),
            series[^1].Value,
            series.Count);
    }
}
