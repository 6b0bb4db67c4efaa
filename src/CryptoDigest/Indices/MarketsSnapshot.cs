namespace CryptoDigest.Indices;

/// <summary>A markets page and where it came from.</summary>
public sealed record MarketsSnapshot(IReadOnlyList<MarketCoin> Coins, MarketDataSource Source);
