namespace CryptoDigest.Indices;

/// <summary>Where market data came from.</summary>
public enum MarketDataOrigin
{
    /// <summary>Fetched from CoinGecko for this answer.</summary>
    Live,

    /// <summary>A CoinGecko response stored earlier and still fresh enough, or kept when a fetch failed.</summary>
    Cached,

    /// <summary>The snapshot bundled with the bot: made-up, plausible values, never current prices.</summary>
    Sample,

    /// <summary>Files an operator supplied (the Host verbs' --data).</summary>
    File,
}
