using CryptoDigest.Briefs;
using CryptoDigest.Replies;

namespace CryptoDigest.Discord;

/// <summary>
/// Scheduled briefs to Discord channels, part by part. Each part carries a nonce derived from the
/// delivery and part with enforce_nonce, so even a part in flight when the process died is not posted twice.
/// </summary>
public sealed class DiscordBriefChannel(DiscordChannelSender sender) : IBriefChannel
{
    public ChatPlatform Platform => ChatPlatform.Discord;

    public int CountParts(ChatReply brief) => DiscordChannelSender.CountParts(brief);

    public async Task<BriefPartResult> SendPartAsync(string chatId, string? threadId, ChatReply brief, int index, string idempotencyKey, CancellationToken cancellationToken)
    {
        var result = await sender.SendPartAsync(chatId, brief, index, idempotencyKey, cancellationToken);
        return result.Outcome == SendOutcome.Sent
            ? BriefPartResult.Sent(string.Join(',', result.MessageIds))
            : new BriefPartResult(result.Outcome, Error: result.Error);
    }
}
