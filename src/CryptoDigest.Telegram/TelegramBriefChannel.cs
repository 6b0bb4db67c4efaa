using System.Globalization;
using CryptoDigest.Briefs;
using CryptoDigest.Replies;

namespace CryptoDigest.Telegram;

/// <summary>
/// Scheduled briefs to Telegram chats, part by part, through the one paced <see cref="TelegramSender"/>.
/// The Bot API has no idempotency key: a part in flight when the process dies may be sent again (docs/jobs.md).
/// </summary>
public sealed class TelegramBriefChannel(TelegramSender sender) : IBriefChannel
{
    public ChatPlatform Platform => ChatPlatform.Telegram;

    public int CountParts(ChatReply brief) => TelegramSender.CountParts(brief);

    public async Task<BriefPartResult> SendPartAsync(string chatId, string? threadId, ChatReply brief, int index, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (!long.TryParse(chatId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var chat))
        {
            return new BriefPartResult(SendOutcome.Rejected, Error: $"'{chatId}' is not a Telegram chat id");
        }

        int? thread = int.TryParse(threadId, NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : null;
        // Link previews off: a brief links to many articles, and previews of the first would crowd it.
        var result = await sender.SendPartAsync(chat, thread, brief, index, disableLinkPreviews: true, cancellationToken);
        // A migrated group: the part went to its new id, which the deliverer passes on to the subscriptions.
        var movedTo = result.MigratedFrom is null ? null : result.ChatId.ToString(CultureInfo.InvariantCulture);
        return result.Outcome == SendOutcome.Sent
            ? BriefPartResult.Sent(string.Join(',', result.MessageIds.Select(id => id.ToString(CultureInfo.InvariantCulture))), movedTo)
            : new BriefPartResult(result.Outcome, Error: result.Error, MovedTo: movedTo);
    }
}
