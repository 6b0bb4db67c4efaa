namespace CryptoDigest.Storage;

/// <summary>A market-data API response kept for reuse (docs/market-data.md): one row per request, replaced on refresh.</summary>
public sealed class MarketCacheEntry
{
    public long Id { get; set; }

    /// <summary>What was asked, e.g. "markets:usd:250:1" or "market_chart:bitcoin:365".</summary>
    public required string Key { get; set; }

    /// <summary>The body as the API sent it, already checked to parse.</summary>
    public required string Body { get; set; }

    public DateTimeOffset FetchedAt { get; set; }
}
