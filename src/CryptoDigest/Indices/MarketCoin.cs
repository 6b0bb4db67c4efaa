namespace CryptoDigest.Indices;

/// <summary>One row of a /coins/markets page that has a market cap.</summary>
public sealed record MarketCoin(string Id, string Symbol, string Name, double MarketCap, double? Price, int? Rank, DateTimeOffset? LastUpdated);
