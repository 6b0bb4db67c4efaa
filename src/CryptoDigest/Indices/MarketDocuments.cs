using System.Globalization;
using System.Text.Json;

namespace CryptoDigest.Indices;

/// <summary>One row of a /coins/markets page that has a market cap.</summary>
public sealed record MarketCoin(string Id, string Symbol, string Name, double MarketCap, double? Price, int? Rank, DateTimeOffset? LastUpdated);

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
            var cap = Number(row, "market_cap");
            if (string.IsNullOrWhiteSpace(id) || cap is not > 0 || !seen.Add(id))
            {
                continue;
            }

            var rank = Number(row, "market_cap_rank");
            DateTimeOffset? updated = DateTimeOffset.TryParse(String(row, "last_updated"), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;
            coins.Add(new MarketCoin(id, String(row, "symbol") ?? id, String(row, "name") ?? id, cap.Value, Number(row, "current_price"),
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

        return new CoinHistory(id, Series(document.RootElement, "prices", name), Series(document.RootElement, "market_caps", name));
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

            // A null value (CoinGecko has gaps) is a missing point, not an error.
            if (pair[1].ValueKind == JsonValueKind.Number)
            {
                points.Add((Convert.ToInt64(pair[0].GetDouble()), pair[1].GetDouble()));
            }
        }

        return DailySeries.FromPoints(points);
    }

    private static string? String(JsonElement row, string property) =>
        row.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double? Number(JsonElement row, string property) =>
        row.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
