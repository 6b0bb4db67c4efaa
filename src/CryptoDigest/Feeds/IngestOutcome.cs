namespace CryptoDigest.Feeds;

/// <summary>How one source's fetch ended.</summary>
public enum IngestOutcome
{
    Fetched,
    NotModified,
    Failed,
    NoFeed,

    /// <summary>The mailbox only: not read this time, because another reader was reading it.</summary>
    Skipped,
}
