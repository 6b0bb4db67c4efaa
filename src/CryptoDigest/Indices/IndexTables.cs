using System.Globalization;
using System.Text;

namespace CryptoDigest.Indices;

/// <summary>
/// Compact fixed-width tables of computed figures, shown as they are (monospace on Telegram, a
/// code block on Discord, plain in the console): the numbers in them come only from our code.
/// </summary>
public static class IndexTables
{
    public static string Weights(WeightsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = new List<string[]> { new[] { "#", "coin", "weight", "market cap" } };
        rows.AddRange(report.Constituents.Select((c, i) => new[]
        {
            (i + 1).ToString(CultureInfo.InvariantCulture),
            c.Coin.Symbol.ToUpperInvariant(),
            Percent(c.Weight),
            Money(c.Coin.MarketCap),
        }));
        var concentration = report.Concentration;
        return Layout(rows, rightAligned: [false, false, true, true])
            + string.Create(CultureInfo.InvariantCulture,
                $"largest {Percent(concentration.LargestWeight)}, HHI {concentration.Hhi:0.0000}, effective N {concentration.EffectiveN:0.00}\n");
    }

    public static string Figures(IReadOnlyList<(string Name, PerformanceFigures Figures, double? Turnover)> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var rows = new List<string[]> { new[] { "", "return", "vol", "sharpe", "max dd", "turnover" } };
        rows.AddRange(lines.Select(l => new[]
        {
            l.Name,
            Percent(l.Figures.TotalReturn),
            l.Figures.AnnualizedVolatility is { } vol ? Percent(vol) : "n/a",
            l.Figures.Sharpe is { } sharpe ? sharpe.ToString("0.00", CultureInfo.InvariantCulture) : "n/a",
            Percent(l.Figures.MaxDrawdown.Depth),
            l.Turnover is { } turnover ? turnover.ToString("0.00", CultureInfo.InvariantCulture) : "-",
        }));
        return Layout(rows, rightAligned: [false, true, true, true, true, true]);
    }

    public static string Percent(double fraction) => (fraction * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %";

    /// <summary>US dollars with a T/B/M suffix: market caps at a glance.</summary>
    public static string Money(double dollars) => "$" + (Math.Abs(dollars) switch
    {
        >= 1e12 => (dollars / 1e12).ToString("0.00", CultureInfo.InvariantCulture) + "T",
        >= 1e9 => (dollars / 1e9).ToString("0.00", CultureInfo.InvariantCulture) + "B",
        >= 1e6 => (dollars / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + "M",
        _ => dollars.ToString("0", CultureInfo.InvariantCulture),
    });

    private static string Layout(List<string[]> rows, bool[] rightAligned)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            var cells = row.Select((cell, c) => rightAligned[c] ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]));
            text.Append(string.Join("  ", cells).TrimEnd()).Append('\n');
        }

        return text.ToString();
    }
}
