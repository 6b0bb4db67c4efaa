namespace CryptoDigest.Indices;

/// <summary>The market API could not give what was asked (unreachable, too slow, rate limited, a key's limit, a malformed body); the message says which.</summary>
public sealed class MarketDataException(string message) : Exception(message);
