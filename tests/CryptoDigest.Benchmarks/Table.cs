using System.Globalization;
using System.Text;

namespace CryptoDigest.Benchmarks;

/// <summary>A plain-text table, right-aligned numbers, printed as Markdown so it can be pasted into the README.</summary>
public sealed class Table(params string[] headings)
{
    private readonly List<string[]> _rows = [];

    public void Add(params object[] cells) => _rows.Add(cells.Select(Format).ToArray());

    public override string ToString()
    {
        var widths = headings.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
        var text = new StringBuilder();
        text.AppendLine("| " + string.Join(" | ", headings.Select((h, i) => h.PadRight(widths[i]))) + " |");
        text.AppendLine("|" + string.Join("|", widths.Select(w => new string('-', w + 1) + ":")) + "|");
        foreach (var row in _rows)
        {
            text.AppendLine("| " + string.Join(" | ", row.Select((c, i) => c.PadLeft(widths[i]))) + " |");
        }

        return text.ToString();
    }

    private static string Format(object cell) => cell switch
    {
        int or long => string.Format(CultureInfo.InvariantCulture, "{0:N0}", cell),
        double d => d.ToString(d >= 100 ? "N0" : d >= 10 ? "N1" : "N2", CultureInfo.InvariantCulture),
        TimeSpan t => t.TotalSeconds.ToString(t.TotalSeconds >= 100 ? "N0" : "N2", CultureInfo.InvariantCulture),
        _ => Convert.ToString(cell, CultureInfo.InvariantCulture) ?? string.Empty,
    };
}
