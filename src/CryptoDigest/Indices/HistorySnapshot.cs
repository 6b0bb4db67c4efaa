namespace CryptoDigest.Indices;

/// <summary>Daily histories and where they came from.</summary>
public sealed record HistorySnapshot(IReadOnlyList<CoinHistory> Coins, MarketDataSource Source);
