using System.Globalization;
using CryptoDigest.Briefs;
using CryptoDigest.Chat;
using CryptoDigest.Chat.Commands;
using CryptoDigest.Replies;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace CryptoDigest.Telegram;

/// <summary>
/// A pressed inline keyboard button (https://core.telegram.org/bots/api#callbackquery). The payload is
/// untrusted: one that does not parse, or names another chat than the message's, is refused and logged;
/// a member who may not change the chat's settings gets the command's refusal as an alert and nothing
/// changes. Otherwise the change goes through the router as "/settings &lt;setting&gt; &lt;value&gt;" would, the
/// message is edited to show the new state, and the callback is answered (Telegram shows a spinner until then).
/// </summary>
internal sealed partial class TelegramCallbackHandler(
    ChatRouter router,
    ChatAdminCache admins,
    ITelegramBotClient bot,
    ILogger<TelegramCallbackHandler> logger)
{
    internal const string InvalidButton = "This button is not valid here. Send /settings for fresh buttons.";

    public async Task HandleAsync(CallbackQuery callback, CancellationToken cancellationToken)
    {
        // An inline-mode message has no chat to check the payload against: nothing of ours sends those.
        if (callback.Message is not { } message)
        {
            LogRefused(logger, callback.From.Id, 0, "no message");
            await AnswerAsync(callback, InvalidButton, alert: true, cancellationToken);
            return;
        }

        var chatId = message.Chat.Id.ToString(CultureInfo.InvariantCulture);
        if (!SettingsButtonPayload.TryDecode(callback.Data, chatId, out var change, out var reason))
        {
            LogRefused(logger, callback.From.Id, message.Chat.Id, reason);
            await AnswerAsync(callback, InvalidButton, alert: true, cancellationToken);
            return;
        }

        if (!await MayChangeAsync(message, callback.From, cancellationToken))
        {
            // In the chat's brief language, as the settings message the button sits under.
            var asker = new ChatRequest(ChatPlatform.Telegram, chatId, callback.From.Id.ToString(CultureInfo.InvariantCulture), false, SettingsCommand.Entry.Name, string.Empty,
                message.IsTopicMessage ? message.MessageThreadId?.ToString(CultureInfo.InvariantCulture) : null) { MemberLocale = callback.From.LanguageCode };
            await AnswerAsync(callback, ChatCommands.RefusalFor(SettingsCommand.Entry.Name, await router.LanguageAsync(asker, cancellationToken)), alert: true, cancellationToken);
            return;
        }

        int? threadId = message.IsTopicMessage ? message.MessageThreadId : null;
        var request = new ChatRequest(
            ChatPlatform.Telegram,
            chatId,
            callback.From.Id.ToString(CultureInfo.InvariantCulture),
            IsChatAdmin: true,
            SettingsCommand.Entry.Name,
            $"{change.Setting} {change.Value}",
            threadId?.ToString(CultureInfo.InvariantCulture));
        var reply = await router.HandleAsync(request, cancellationToken);
        await EditAsync(message, reply, cancellationToken);
        await AnswerAsync(callback, $"{change.Setting}: {change.Value}", alert: false, cancellationToken);
    }

    // The same check as a typed /settings change: a private chat is the member's own; a group asks getChatMember (cached).
    private async Task<bool> MayChangeAsync(Message message, User from, CancellationToken cancellationToken) =>
        message.Chat.Type == ChatType.Private || await admins.IsAdminAsync(message.Chat.Id, from.Id, cancellationToken);

    private async Task EditAsync(Message message, ChatReply reply, CancellationToken cancellationToken)
    {
        var part = TelegramHtmlFormatter.Format(reply)[0];
        try
        {
            await bot.EditMessageText(
                message.Chat.Id,
                message.Id,
                part.Html,
                parseMode: ParseMode.Html,
                linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true },
                replyMarkup: reply.Buttons.Count > 0 ? TelegramKeyboards.From(reply.Buttons) : null,
                cancellationToken: cancellationToken);
        }
        catch (ApiRequestException ex) when (ex.Message.Contains("message is not modified", StringComparison.OrdinalIgnoreCase))
        {
            // The button pressed was the current choice: nothing to show differently.
        }
        catch (ApiRequestException ex)
        {
            // The setting is saved; an old or deleted message only cannot show it.
            LogEditFailed(logger, message.Chat.Id, ex.Message);
        }
    }

    private async Task AnswerAsync(CallbackQuery callback, string text, bool alert, CancellationToken cancellationToken)
    {
        try
        {
            await bot.AnswerCallbackQuery(callback.Id, text.Length <= 200 ? text : text[..200], showAlert: alert, cancellationToken: cancellationToken);
        }
        catch (ApiRequestException ex)
        {
            // A callback older than Telegram keeps them ("query is too old"): the member sees the spinner stop anyway.
            LogAnswerFailed(logger, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a button press from Telegram user {UserId} in chat {ChatId}: payload {Reason}")]
    private static partial void LogRefused(ILogger logger, long userId, long chatId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not edit the settings message in Telegram chat {ChatId}: {Error}")]
    private static partial void LogEditFailed(ILogger logger, long chatId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Could not answer a Telegram callback query: {Error}")]
    private static partial void LogAnswerFailed(ILogger logger, string error);
}
