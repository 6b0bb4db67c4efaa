namespace CryptoDigest.Indices;

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
