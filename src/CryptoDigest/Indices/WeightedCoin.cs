namespace CryptoDigest.Indices;

/// <summary>One constituent of an index and its weight (a fraction).</summary>
public sealed record WeightedCoin(MarketCoin Coin, double Weight);
