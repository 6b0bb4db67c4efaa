using ScottPlot;

namespace CryptoDigest.Indices;

/// <summary>
/// PNG charts of cumulative index values (ScottPlot). The text is drawn with the bundled DejaVu Sans
/// (Indices/Fonts, with its licence) loaded explicitly, so a chart looks the same on every machine
/// whatever fonts it has installed.
/// </summary>
public static class IndexChart
{
    public const int Width = 800;
    public const int Height = 450;
    private const string FontName = "CryptoDigest DejaVu Sans";

    private static readonly Lazy<string> FontFile = new(ExtractFont);
    private static readonly Lock RenderLock = new();

    public static byte[] Render(string title, IReadOnlyList<ChartLine> lines, string footnote)
    {
        ArgumentNullException.ThrowIfNull(lines);
        // ScottPlot's font registry is process-wide; one chart at a time keeps it simple and cheap.
        lock (RenderLock)
        {
            Fonts.AddFontFile(FontName, FontFile.Value, bold: false, italic: false);
            var plot = new Plot();
            foreach (var line in lines)
            {
                var xs = line.Values.Select(v => v.Date.ToDateTime(TimeOnly.MinValue).ToOADate()).ToArray();
                var ys = line.Values.Select(v => v.Value).ToArray();
                var scatter = plot.Add.Scatter(xs, ys);
                scatter.LegendText = line.Name;
                scatter.MarkerSize = 0;
                scatter.LineWidth = 2;
            }

            plot.Axes.DateTimeTicksBottom();
            plot.Title(title);
            plot.YLabel("value (start = 1)");
            plot.XLabel(footnote);
            plot.ShowLegend(Alignment.UpperLeft);
            plot.Font.Set(FontName);
            return plot.GetImageBytes(Width, Height, ImageFormat.Png);
        }
    }

    private static string ExtractFont()
    {
        const string resource = "CryptoDigest.Indices.Fonts.DejaVuSans.ttf";
        using var stream = typeof(IndexChart).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded resource {resource} is missing from the build.");
        var folder = Directory.CreateTempSubdirectory("cryptodigest-font-").FullName;
        var path = Path.Combine(folder, "DejaVuSans.ttf");
        using (var file = File.Create(path))
        {
            stream.CopyTo(file);
        }

        return path;
    }
}
