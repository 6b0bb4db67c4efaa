namespace CryptoDigest.Telemetry;

/// <summary>How one fetch of a feed source ended, as the feed fetches counter tags it.</summary>
public enum FeedFetchOutcome
{
    /// <summary>The feed answered and was read.</summary>
    Fetched,

    /// <summary>The feed answered that nothing changed since the last fetch.</summary>
    NotModified,

    /// <summary>The fetch or the parse failed.</summary>
    Failed,
}
