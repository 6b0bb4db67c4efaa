using CryptoDigest.Replies;

namespace CryptoDigest.Briefs;

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
