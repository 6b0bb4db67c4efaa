using CryptoDigest.Replies;

namespace CryptoDigest.Briefs;

/// <summary>
/// The result of sending one part, with the platform's message id when sent, and the chat's new id
/// when the platform said it had moved (the part then went there).
/// </summary>
public sealed record BriefPartResult(SendOutcome Outcome, string? MessageId = null, string? Error = null, string? MovedTo = null)
{
    public static BriefPartResult Sent(string messageId, string? movedTo = null) => new(SendOutcome.Sent, messageId, MovedTo: movedTo);
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
