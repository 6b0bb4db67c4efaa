namespace CryptoDigest.Indices;

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
