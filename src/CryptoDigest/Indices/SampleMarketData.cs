using System.Reflection;

namespace CryptoDigest.Indices;

/// <summary>
/// The bundled sample snapshot: a /coins/markets page and about a year of daily market_chart
/// history for two dozen coins, in CoinGecko's shapes, with made-up plausible values. Used when no
/// market API is configured or it cannot be reached, and always labelled as sample data.
/// </summary>
public sealed class SampleMarketData
{
    private const string Prefix = "CryptoDigest.Indices.Sample.";
    private const string HistoryPrefix = Prefix + "history.";

    private static readonly Lazy<SampleMarketData> Loaded = new(Load);

    private SampleMarketData(IReadOnlyList<MarketCoin> markets, IReadOnlyDictionary<string, CoinHistory> histories, DateTimeOffset asOf)
    {
        Markets = markets;
        Histories = histories;
        Source = new MarketDataSource(MarketDataOrigin.Sample, asOf);
    }

    public static SampleMarketData Instance => Loaded.Value;

    public IReadOnlyList<MarketCoin> Markets { get; }

    public IReadOnlyDictionary<string, CoinHistory> Histories { get; }

    public MarketDataSource Source { get; }

    private static SampleMarketData Load()
    {
        var assembly = typeof(SampleMarketData).Assembly;
        var markets = MarketDocuments.ParseMarkets(Read(assembly, Prefix + "markets.json"), "the bundled sample markets page");
        var histories = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(HistoryPrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Select(n => n[HistoryPrefix.Length..^".json".Length])
            .ToDictionary(id => id, id => MarketDocuments.ParseMarketChart(id, Read(assembly, HistoryPrefix + id + ".json")), StringComparer.Ordinal);
        var asOf = markets.Max(m => m.LastUpdated) ?? DateTimeOffset.UnixEpoch;
        return new SampleMarketData(markets, histories, asOf);
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded resource {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
