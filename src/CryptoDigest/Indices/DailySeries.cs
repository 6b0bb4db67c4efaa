namespace CryptoDigest.Indices;

/// <summary>
/// Values by UTC date: a point belongs to the UTC date of its timestamp and per date the earliest
/// point counts, so CoinGecko's intraday "now" point on the last date is ignored (docs/market-data.md).
/// </summary>
public sealed class DailySeries
{
    private readonly SortedDictionary<DateOnly, double> values;

    private DailySeries(SortedDictionary<DateOnly, double> values) => this.values = values;

    public static DailySeries Empty { get; } = new(new SortedDictionary<DateOnly, double>());

    public int Count => values.Count;

    public IEnumerable<KeyValuePair<DateOnly, double>> Points => values;

    public DateOnly? FirstDate => values.Count == 0 ? null : values.Keys.First();

    public DateOnly? LastDate => values.Count == 0 ? null : values.Keys.Last();

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

            var date = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(at).UtcDateTime);
            if (!earliest.TryGetValue(date, out var seen) || at < seen.At)
            {
                earliest[date] = (at, value);
            }
        }

        return new DailySeries(new SortedDictionary<DateOnly, double>(earliest.ToDictionary(p => p.Key, p => p.Value.Value)));
    }

    /// <summary>From values already by date (tests, the sample generator).</summary>
    public static DailySeries FromDates(IEnumerable<KeyValuePair<DateOnly, double>> points) =>
        new(new SortedDictionary<DateOnly, double>(points.ToDictionary(p => p.Key, p => p.Value)));

    public bool TryGet(DateOnly date, out double value) => values.TryGetValue(date, out value);
}
