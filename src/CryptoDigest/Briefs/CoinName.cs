namespace CryptoDigest.Briefs;

/// <summary>A coin as topic filters know it: CoinGecko id, ticker symbol, name, and the nicknames newsletters use.</summary>
public sealed record CoinName(string Id, string Symbol, string Name, IReadOnlyList<string> Nicknames);
