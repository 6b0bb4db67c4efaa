namespace CryptoDigest.Indices;

/// <summary>
/// Values by UTC date: a point belongs to the UTC date of its timestamp and per date the earliest
/// point counts, so CoinGecko's intraday "now" point on the last date is ignored (docs/market-data.md).
/// Kept as two sorted arrays: reading five years of a hundred coins is the hot path of a backtest.
/// </summary>
public sealed class DailySeries
{
    private readonly DateOnly[] dates;
    private readonly double[] values;

    private DailySeries(DateOnly[] dates, double[] values)
    {
        this.dates = dates;
        this.values = values;
    }

    public static DailySeries Empty { get; } = new([], []);

    public int Count => dates.Length;

    public IEnumerable<KeyValuePair<DateOnly, double>> Points => dates.Select((d, i) => KeyValuePair.Create(d, values[i]));

    public DateOnly? FirstDate => dates.Length == 0 ? null : dates[0];

    public DateOnly? LastDate => dates.Length == 0 ? null : dates[^1];

    /// <summary>From (Unix milliseconds, value) points in any order; non-finite values are left out.</summary>
    public static DailySeries FromPoints(IEnumerable<(long UnixMilliseconds, double Value)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var earliest = new Dictionary<DateOnly, (long At, double Value)>();
        foreach (var (at, value) in points)
        {
            if (!double.IsFinite(value))
            {
                continue;
            }

            var date = DateOnly.FromDayNumber((int)Math.Floor(at / 86_400_000.0) + UnixEpochDayNumber);
            if (!earliest.TryGetValue(date, out var seen) || at < seen.At)
            {
                earliest[date] = (at, value);
            }
        }

        return FromDates(earliest.Select(p => KeyValuePair.Create(p.Key, p.Value.Value)));
    }

    /// <summary>From values already by date (tests, the sample generator); one value per date.</summary>
    public static DailySeries FromDates(IEnumerable<KeyValuePair<DateOnly, double>> points)
    {
        var sorted = points.OrderBy(p => p.Key).ToArray();
        return new DailySeries(sorted.Select(p => p.Key).ToArray(), sorted.Select(p => p.Value).ToArray());
    }

    public bool TryGet(DateOnly date, out double value)
    {
        var i = Array.BinarySearch(dates, date);
        value = i >= 0 ? values[i] : double.NaN;
        return i >= 0;
    }

    /// <summary>Copies the values into <paramref name="target"/> by day offset from <paramref name="from"/> (NaN where there is none).</summary>
    public void CopyTo(double[] target, DateOnly from)
    {
        ArgumentNullException.ThrowIfNull(target);
        Array.Fill(target, double.NaN);
        var first = Array.BinarySearch(dates, from);
        for (var i = first >= 0 ? first : ~first; i < dates.Length; i++)
        {
            var t = dates[i].DayNumber - from.DayNumber;
            if (t >= target.Length)
            {
                break;
            }

            target[t] = values[i];
        }
    }

    private static readonly int UnixEpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;
}
