using Telegram.Bot;
using Telegram.Bot.Requests;

namespace CryptoDigest.Telegram;

/// <summary>
/// sendMessage with a prepared body, sent through <see cref="ITelegramBotClient.SendRequest{TResponse}"/>,
/// so the client still does the HTTP, the error parsing and the exceptions the sender handles. The
/// answer is read only for the message id: Telegram echoes the whole message (text and every entity),
/// which nothing here uses.
/// </summary>
internal sealed class PreparedMessageRequest(PreparedMessage message, long chatId) : RequestBase<SentMessageId>("sendMessage")
{
    public override HttpContent ToHttpContent() => message.ContentFor(chatId);
}
