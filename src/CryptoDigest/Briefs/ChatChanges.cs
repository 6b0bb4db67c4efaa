using CryptoDigest.Replies;
using Microsoft.Extensions.Logging;

namespace CryptoDigest.Briefs;

/// <summary>
/// The one place that changes subscriptions because a platform said something about a chat: it is
/// gone for good (blocked, kicked, deleted, closed to the bot) or it has a new id (a Telegram group
/// upgraded to a supergroup). The senders only report what the platform answered; the brief
/// deliverer and the adapters' reply paths bring those answers here (docs/architecture.md).
/// </summary>
public sealed partial class ChatChanges(SubscriptionStore subscriptions, ILogger<ChatChanges> logger)
{
    /// <summary>Stops every subscription of the chat, with the platform's reason; returns how many.</summary>
    public async Task<int> ChatGoneAsync(ChatPlatform platform, string chatId, string reason, CancellationToken cancellationToken)
    {
        var stopped = await subscriptions.DeactivateAsync(platform, chatId, reason, cancellationToken);
        LogChatGone(logger, platform, chatId, reason, stopped);
        return stopped;
    }

    /// <summary>Moves the chat's subscriptions to its new id, keeping their settings; returns how many moved.</summary>
    public async Task<int> ChatMovedAsync(ChatPlatform platform, string oldChatId, string newChatId, CancellationToken cancellationToken)
    {
        var moved = await subscriptions.MoveChatAsync(platform, oldChatId, newChatId, cancellationToken);
        LogChatMoved(logger, platform, oldChatId, newChatId, moved);
        return moved;
    }

    /// <summary>
    /// Follows what one send reported: a new id first (the send already went to it), then a chat gone
    /// for good, at the id it has now. Other outcomes change no subscription.
    /// </summary>
    public async Task FollowAsync(ChatPlatform platform, string chatId, SendOutcome outcome, string? error, string? movedTo, CancellationToken cancellationToken)
    {
        if (movedTo is not null && movedTo != chatId)
        {
            await ChatMovedAsync(platform, chatId, movedTo, cancellationToken);
            chatId = movedTo;
        }

        if (outcome == SendOutcome.ChatGone)
        {
            await ChatGoneAsync(platform, chatId, error ?? "the chat is gone", cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Platform} chat {ChatId} is gone ({Reason}); deactivated {Count} subscription(s)")]
    private static partial void LogChatGone(ILogger logger, ChatPlatform platform, string chatId, string reason, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Platform} chat {ChatId} now has the id {NewChatId}; moved {Count} subscription(s)")]
    private static partial void LogChatMoved(ILogger logger, ChatPlatform platform, string chatId, string newChatId, int count);
}
