using System.Globalization;
using System.Text.Json;

namespace CryptoDigest.Indices;

/// <summary>
/// Reads CoinGecko's documents in the shapes the API sends them (docs/market-data.md). A document
/// that is not in that shape is an <see cref="IndexInputException"/> saying what is wrong, never a
/// half-read answer.
/// </summary>
public static class MarketDocuments
{
    /// <summary>A /coins/markets array; rows without a positive market cap (0 or null on real pages) are skipped.</summary>
    public static IReadOnlyList<MarketCoin> ParseMarkets(string json, string name = "the markets document")
    {
        using var document = Open(json, name);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new IndexInputException($"{name} is not a /coins/markets array");
        }

        var coins = new List<MarketCoin>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in document.RootElement.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Object)
            {
                throw new IndexInputException($"{name} holds a row that is not an object");
            }

            var id = String(row, "id");
            var cap = Number(row, "market_cap", name);
            if (string.IsNullOrWhiteSpace(id) || cap is not > 0 || !seen.Add(id))
            {
                continue;
            }

            var rank = Number(row, "market_cap_rank", name);
            DateTimeOffset? updated = DateTimeOffset.TryParse(String(row, "last_updated"), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;
            coins.Add(new MarketCoin(id, String(row, "symbol") ?? id, String(row, "name") ?? id, cap.Value, Number(row, "current_price", name),
                rank is >= 1 and <= int.MaxValue ? (int)rank.Value : null, updated));
        }

        return coins;
    }

    /// <summary>A /coins/{id}/market_chart object: its prices and market caps by UTC date.</summary>
    public static CoinHistory ParseMarketChart(string id, string json, string? name = null)
    {
        name ??= $"the market chart of {id}";
        using var document = Open(json, name);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new IndexInputException($"{name} is not a /coins/{{id}}/market_chart object");
        }

        var prices = Series(document.RootElement, "prices", name);
        if (prices.Count == 0)
        {
            // An empty history would read as "no data" far down a backtest; it is a document we cannot use.
            throw new IndexInputException($"{name} holds no prices");
        }

        return new CoinHistory(id, prices, Series(document.RootElement, "market_caps", name));
    }

    /// <summary>The N largest by market cap, the exclusions left out; ties by rank, then id.</summary>
    public static IReadOnlyList<MarketCoin> Top(IEnumerable<MarketCoin> coins, int n, ExclusionList exclusions)
    {
        ArgumentNullException.ThrowIfNull(coins);
        ArgumentNullException.ThrowIfNull(exclusions);
        return coins.Where(c => !exclusions.Excludes(c.Id))
            .OrderByDescending(c => c.MarketCap)
            .ThenBy(c => c.Rank ?? int.MaxValue)
            .ThenBy(c => c.Id, StringComparer.Ordinal)
            .Take(n)
            .ToArray();
    }

    private static JsonDocument Open(string json, string name)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new IndexInputException($"{name} is not valid JSON ({ex.Message.Split('.')[0]})");
        }
    }

    private static DailySeries Series(JsonElement root, string property, string name)
    {
        if (!root.TryGetProperty(property, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw new IndexInputException($"{name} has no \"{property}\" array");
        }

        var points = new List<(long, double)>(array.GetArrayLength());
        foreach (var pair in array.EnumerateArray())
        {
            if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() < 2 || pair[0].ValueKind != JsonValueKind.Number)
            {
                throw new IndexInputException($"{name} has a \"{property}\" entry that is not a [milliseconds, value] pair");
            }

            if (!pair[0].TryGetDouble(out var at) || at is < EarliestMilliseconds or > LatestMilliseconds)
            {
                throw new IndexInputException($"{name} has a \"{property}\" timestamp outside the calendar (years 1 to 9999)");
            }

            // A null value (CoinGecko has gaps) is a missing point, not an error.
            if (pair[1].ValueKind == JsonValueKind.Number)
            {
                points.Add(((long)at, Finite(pair[1], name, property)));
            }
        }

        return DailySeries.FromPoints(points);
    }

    // The instants a date can hold (0001-01-01 to 9999-12-31): beyond them a timestamp would overflow, not be a day.
    private const double EarliestMilliseconds = -62_135_596_800_000;
    private const double LatestMilliseconds = 253_402_300_799_999;

    /// <summary>A number a double can hold: 1e400 is a malformed document, not infinity.</summary>
    private static double Finite(JsonElement value, string name, string property) =>
        value.TryGetDouble(out var number) && double.IsFinite(number)
            ? number
            : throw new IndexInputException($"{name} has a \"{property}\" value too large to read");

    private static string? String(JsonElement row, string property) =>
        row.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double? Number(JsonElement row, string property, string name) =>
        row.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? Finite(value, name, property) : null;
}
