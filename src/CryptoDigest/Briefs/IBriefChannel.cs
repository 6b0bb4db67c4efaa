using CryptoDigest.Replies;

namespace CryptoDigest.Briefs;

/// <summary>How sending one part of a brief ended.</summary>
public enum BriefPartOutcome
{
    /// <summary>The platform accepted the message.</summary>
    Sent,

    /// <summary>The chat is gone for good (blocked, kicked, deleted): stop and deactivate.</summary>
    ChatGone,

    /// <summary>The platform refused this message for a reason a retry will not fix.</summary>
    Rejected,

    /// <summary>A transient failure (network, 5xx, rate limits that outlasted the sender's own retries): try later.</summary>
    Failed,
}

/// <summary>The result of sending one part, with the platform's message id when sent.</summary>
public sealed record BriefPartResult(BriefPartOutcome Outcome, string? MessageId = null, string? Error = null)
{
    public static BriefPartResult Sent(string messageId) => new(BriefPartOutcome.Sent, messageId);
}

/// <summary>
/// A platform's way of sending a brief part by part, so the delivery engine can record each
/// sent part and resume a multi-part brief at the first unsent one. Each adapter implements it
/// over its own rate-limited sender (the seam exists because there are several platforms).
/// </summary>
public interface IBriefChannel
{
    ChatPlatform Platform { get; }

    /// <summary>How many messages the reply becomes on this platform.</summary>
    int CountParts(ChatReply brief);

    /// <summary>Sends part <paramref name="index"/> of the reply; <paramref name="idempotencyKey"/> is stable per delivery and part.</summary>
    Task<BriefPartResult> SendPartAsync(string chatId, string? threadId, ChatReply brief, int index, string idempotencyKey, CancellationToken cancellationToken);
}
