using System.Globalization;
using CryptoDigest.Briefs;
using CryptoDigest.Feedback;
using CryptoDigest.Replies;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace CryptoDigest.Telegram;

/// <summary>
/// A pressed 👍/👎 button under a brief or an answer (https://core.telegram.org/bots/api#callbackquery). The payload
/// is untrusted: one that does not parse, or names a brief or answer this chat never got, is refused with an alert,
/// logged, and nothing is stored. Otherwise the member's vote is stored (or changed); a 👎 adds the "what was wrong?"
/// row under the message (editMessageReplyMarkup), and the callback is answered with a short private note.
/// </summary>
internal sealed partial class TelegramFeedbackHandler(FeedbackStore feedback, ITelegramBotClient bot, ILogger<TelegramFeedbackHandler> logger)
{
    public async Task HandleAsync(CallbackQuery callback, CancellationToken cancellationToken)
    {
        // Before anything is read, the member's own Telegram language; once the vote is read, the rated message's.
        var memberTexts = ReplyTexts.For(BriefLanguages.FromPlatform(callback.From.LanguageCode));
        // An inline-mode message has no chat to check the vote against: nothing of ours sends those.
        if (callback.Message is not { } message)
        {
            LogRefused(logger, callback.From.Id, 0, "comes without a message");
            await AnswerAsync(callback, memberTexts["Feedback.InvalidButton"], alert: true, cancellationToken);
            return;
        }

        if (!FeedbackPayload.TryDecode(callback.Data, out var press, out var reason))
        {
            LogRefused(logger, callback.From.Id, message.Chat.Id, "payload " + reason);
            await AnswerAsync(callback, memberTexts["Feedback.InvalidButton"], alert: true, cancellationToken);
            return;
        }

        var chatId = message.Chat.Id.ToString(CultureInfo.InvariantCulture);
        var (outcome, language) = await feedback.VoteAsync(ChatPlatform.Telegram, chatId, callback.From.Id.ToString(CultureInfo.InvariantCulture), press, cancellationToken);
        var texts = language is null ? memberTexts : ReplyTexts.For(language);
        if (outcome != FeedbackOutcome.Recorded)
        {
            if (outcome == FeedbackOutcome.NotHere)
            {
                LogRefused(logger, callback.From.Id, message.Chat.Id, "names a brief or answer this chat never got");
            }

            await AnswerAsync(callback, texts[outcome == FeedbackOutcome.NotHere ? "Feedback.InvalidButton" : "Feedback.NotSaved"], alert: true, cancellationToken);
            return;
        }

        if (!press.Up && press.Reason is null)
        {
            await ShowReasonsAsync(message, press.Target, texts, cancellationToken);
        }

        await AnswerAsync(callback, FeedbackButtons.Answer(press, texts), alert: false, cancellationToken);
    }

    // The second row stays once shown: another member may be choosing a reason from it.
    private async Task ShowReasonsAsync(Message message, FeedbackTarget target, ReplyTexts texts, CancellationToken cancellationToken)
    {
        if (message.ReplyMarkup is { } markup && markup.InlineKeyboard.Count() > 1)
        {
            return;
        }

        try
        {
            await bot.EditMessageReplyMarkup(message.Chat.Id, message.Id, TelegramKeyboards.From(FeedbackButtons.VotesAndReasons(target, texts)), cancellationToken: cancellationToken);
        }
        catch (ApiRequestException ex)
        {
            // The vote is stored; "message is not modified" (the row is there) or an old message only cannot show the row.
            LogEditFailed(logger, message.Chat.Id, ex.Message);
        }
    }

    private async Task AnswerAsync(CallbackQuery callback, string text, bool alert, CancellationToken cancellationToken)
    {
        try
        {
            await bot.AnswerCallbackQuery(callback.Id, text, showAlert: alert, cancellationToken: cancellationToken);
        }
        catch (ApiRequestException ex)
        {
            // A callback older than Telegram keeps them ("query is too old"): the member sees the spinner stop anyway.
            LogAnswerFailed(logger, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a feedback button press from Telegram user {UserId} in chat {ChatId}: it {Reason}")]
    private static partial void LogRefused(ILogger logger, long userId, long chatId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Could not show the feedback reasons in Telegram chat {ChatId}: {Error}")]
    private static partial void LogEditFailed(ILogger logger, long chatId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Could not answer a Telegram feedback callback query: {Error}")]
    private static partial void LogAnswerFailed(ILogger logger, string error);
}
