using System.Globalization;
using System.Text.RegularExpressions;

namespace CryptoDigest.IntegrationTests.Host;

/// <summary>One sample of a Prometheus text exposition: the series' name, its labels and its value.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>
/// What GET /metrics answered, parsed from Prometheus' text format (name{label="value",...} value), so the
/// tests read the series exactly as a Prometheus server would name them.
/// </summary>
public sealed partial class PrometheusScrape(string text, IReadOnlyList<PrometheusSample> samples)
{
    public string Text { get; } = text;

    public IReadOnlyList<PrometheusSample> Samples { get; } = samples;

    /// <summary>Scrapes <paramref name="baseUrl"/>/metrics over HTTP.</summary>
    public static async Task<PrometheusScrape> ReadAsync(Uri baseUrl)
    {
        using var http = new HttpClient { BaseAddress = baseUrl };
        var text = await http.GetStringAsync("/metrics");
        return Parse(text);
    }

    /// <summary>Scrapes until <paramref name="done"/> holds (the exporter caches an answer briefly), failing after 30 s.</summary>
    public static async Task<PrometheusScrape> ReadUntilAsync(Uri baseUrl, Func<PrometheusScrape, bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var scrape = await ReadAsync(baseUrl);
            if (done(scrape))
            {
                return scrape;
            }

            if (timeout.IsCancellationRequested)
            {
                Assert.Fail("/metrics never showed what the test waited for. Last scrape:\n" + scrape.Text);
            }

            await Task.Delay(200, CancellationToken.None);
        }
    }

    public static PrometheusScrape Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"Not a Prometheus sample line: {line}");
            var labels = LabelPair().Matches(match.Groups["labels"].Value)
                .ToDictionary(m => m.Groups["key"].Value, m => m.Groups["value"].Value);
            samples.Add(new PrometheusSample(match.Groups["name"].Value, labels, Number(match.Groups["value"].Value)));
        }

        return new PrometheusScrape(text, samples);
    }

    private static double Number(string value) => value switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(value, CultureInfo.InvariantCulture),
    };

    /// <summary>The samples of one series name.</summary>
    public IReadOnlyList<PrometheusSample> Series(string name) => Samples.Where(s => s.Name == name).ToList();

    /// <summary>The sum of a series' samples whose labels include every one given.</summary>
    public double Sum(string name, params (string Key, string Value)[] labels) =>
        Series(name).Where(s => labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value)).Sum(s => s.Value);

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\d+)?$""", RegexOptions.None, 1000)]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)""", RegexOptions.None, 1000)]
    private static partial Regex LabelPair();
}
