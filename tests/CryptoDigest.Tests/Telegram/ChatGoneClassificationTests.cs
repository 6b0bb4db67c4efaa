using CryptoDigest.Telegram;

namespace CryptoDigest.Tests.Telegram;

/// <summary>Which Bot API errors end a chat's subscriptions: only those saying the bot can never write there again.</summary>
public class ChatGoneClassificationTests
{
    [Theory]
    [InlineData(403, "Forbidden: bot was blocked by the user")]
    [InlineData(403, "Forbidden: bot was kicked from the group chat")]
    [InlineData(403, "Forbidden: bot was kicked from the supergroup chat")]
    [InlineData(403, "Forbidden: bot was kicked from the channel chat")]
    [InlineData(403, "Forbidden: user is deactivated")]
    [InlineData(403, "Forbidden: bot is not a member of the supergroup chat")]
    [InlineData(403, "Forbidden: bot is not a member of the channel chat")]
    [InlineData(403, "Forbidden: the group chat was deleted")]
    [InlineData(400, "Bad Request: chat not found")]
    [InlineData(403, "Forbidden: chat not found")]
    public void A_blocked_kicked_removed_deactivated_or_missing_chat_is_gone(int code, string description)
    {
        Assert.True(TelegramSender.MeansChatGone(code, description));
    }

    [Theory]
    [InlineData(403, "Forbidden: not enough rights to send photos to the chat")]
    [InlineData(403, "Forbidden: not enough rights to send text messages to the chat")]
    [InlineData(403, "Forbidden: bot can't initiate conversation with a user")]
    [InlineData(403, "Forbidden: bot can't send messages to bots")]
    [InlineData(400, "Bad Request: message is too long")]
    [InlineData(429, "Too Many Requests: retry after 5")]
    public void Any_other_refusal_leaves_the_chat_subscribed(int code, string description)
    {
        Assert.False(TelegramSender.MeansChatGone(code, description));
    }
}
