namespace CryptoDigest.Indices;

/// <summary>One coin's daily prices and market caps (from a /coins/{id}/market_chart document).</summary>
public sealed record CoinHistory(string Id, DailySeries Prices, DailySeries MarketCaps);
