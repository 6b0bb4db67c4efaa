namespace CryptoDigest.Replies;

/// <summary>
/// How sending a reply (or one part of a brief) to a chat ended, the same on every platform: each
/// adapter's sender classifies its platform's answers into these once, and the brief deliverer decides
/// what each means for a delivery (docs/jobs.md).
/// </summary>
public enum SendOutcome
{
    /// <summary>The platform accepted every message.</summary>
    Sent,

    /// <summary>The chat is gone for good (blocked, kicked, deleted, closed to the bot): stop and deactivate.</summary>
    ChatGone,

    /// <summary>The platform refused the message for a reason a retry will not fix.</summary>
    Rejected,

    /// <summary>A transient failure (network, 5xx, rate limits that outlasted the sender's own retries): try later.</summary>
    Failed,
}
