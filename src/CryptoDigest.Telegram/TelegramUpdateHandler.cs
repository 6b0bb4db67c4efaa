using System.Globalization;
using CryptoDigest.Briefs;
using CryptoDigest.Chat;
using CryptoDigest.Chat.Commands;
using CryptoDigest.Feedback;
using CryptoDigest.Replies;
using CryptoDigest.Security.LinkCheck;
using CryptoDigest.Telemetry;
using Telegram.Bot;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace CryptoDigest.Telegram;

/// <summary>
/// Turns one Telegram update into a <see cref="ChatRequest"/>, answers it through the router and sends
/// the reply back to the chat (and forum topic) it came from. Decides what the bot should not answer:
/// other bots, commands for other bots, and group chatter that neither mentions nor replies to it.
/// </summary>
internal sealed partial class TelegramUpdateHandler(
    ChatRouter router,
    TelegramSender sender,
    TelegramBotIdentity identity,
    ChatAdminCache admins,
    ChatChanges chats,
    LinkScanner scanner,
    SlowAnswerFallback slowAnswers,
    IOptions<TelegramOptions> options,
    ITelegramBotClient bot,
    TimeProvider time,
    BotMetrics metrics,
    ILogger<TelegramUpdateHandler> logger,
    TelegramCallbackHandler callbacks,
    TelegramFeedbackHandler feedbackButtons)
{
    private static readonly TimeSpan SlowAnswerLanguageWait = TimeSpan.FromSeconds(5);

    internal const string PrivacyModeHint = "Note: I cannot see ordinary messages in this group yet. Telegram bots in privacy mode only receive commands and replies to them. "
        + "To let me check the links members post, make me an admin of this group, or have my operator turn privacy mode off in @BotFather (/setprivacy, Disable) and then remove and re-add me here.";

    public async Task HandleAsync(Update update, CancellationToken cancellationToken)
    {
        var received = time.GetTimestamp();
        if (update.MyChatMember is { } membership)
        {
            await HandleMembershipAsync(membership, update.Id, cancellationToken);
            return;
        }

        if (update.EditedMessage is { } edited)
        {
            await ScanEditAsync(edited, update.Id, cancellationToken);
            return;
        }

        if (update.CallbackQuery is { } callback)
        {
            // A pressed button: 👍/👎 under a brief or answer, or the /settings keyboard; each with its own checks.
            await (FeedbackPayload.IsFeedback(callback.Data)
                ? feedbackButtons.HandleAsync(callback, cancellationToken)
                : callbacks.HandleAsync(callback, cancellationToken));
            return;
        }

        // Channel posts are written by the channel's admins; reactions and other members' changes need no answer.
        var message = update.Message ?? update.ChannelPost;
        // Bots (this one included) are not answered; an anonymous admin's message also comes from a
        // bot (@GroupAnonymousBot), but on behalf of a chat (sender_chat), and is answered.
        if (message is null || (message.From is { IsBot: true } && message.SenderChat is null))
        {
            return;
        }

        if (message.MigrateToChatId is { } newChatId)
        {
            // The service message a basic group leaves when it becomes a supergroup: follow it at once
            // rather than on the next send's 400 (https://core.telegram.org/bots/api#message).
            await chats.ChatMovedAsync(ChatPlatform.Telegram, message.Chat.Id.ToString(CultureInfo.InvariantCulture), newChatId.ToString(CultureInfo.InvariantCulture), cancellationToken);
            return;
        }

        var text = message.Text ?? message.Caption;
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        var me = await identity.GetAsync(cancellationToken);
        if (await ClassifyAsync(message, text, me, update.Id, cancellationToken) is { } parsed)
        {
            using var span = BotTracing.Source.StartActivity("command");
            span?.SetTag("command", ChatCommands.MetricName(parsed.Command));
            await AnswerAsync(message, parsed, me, update.Id, cancellationToken);
            metrics.CommandReplied(ChatCommands.MetricName(parsed.Command), ChatPlatform.Telegram, time.GetElapsedTime(received));
        }
    }

    /// <summary>
    /// What the message asks of the bot, or null when it asks nothing: a command for another bot, or group
    /// chatter that neither mentions nor replies to the bot (which opt-in link scanning still reads).
    /// </summary>
    private async Task<ParsedMessage?> ClassifyAsync(Message message, string text, User me, int updateId, CancellationToken cancellationToken)
    {
        var parsed = ChatCommandParser.Parse(text, me.Username);
        if (parsed.IsForAnotherBot)
        {
            return null;
        }

        if (parsed.IsCommand || message.Chat.Type == ChatType.Private)
        {
            return parsed;
        }

        // In groups the bot answers plain text only when addressed; in channels never (they are announcements).
        var isGroup = IsGroup(message.Chat.Type);
        if (isGroup && IsAddressedToBot(message, text, me))
        {
            return new ParsedMessage(string.Empty, RemoveMention(text, me.Username));
        }

        if (isGroup)
        {
            await ScanAsync(message, text, updateId, me, cancellationToken);
        }

        return null;
    }

    /// <summary>
    /// An edited group message is scanned like a new one (a link can be edited in after the message passed the scan),
    /// and nothing else: an edited command is not run again, and an edit addressed to the bot is not answered twice.
    /// </summary>
    private async Task ScanEditAsync(Message edited, int updateId, CancellationToken cancellationToken)
    {
        var text = edited.Text ?? edited.Caption;
        if (!IsGroup(edited.Chat.Type) || edited.From is { IsBot: true } || string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        var me = await identity.GetAsync(cancellationToken);
        var parsed = ChatCommandParser.Parse(text, me.Username);
        if (parsed.IsForAnotherBot || parsed.IsCommand || IsAddressedToBot(edited, text, me))
        {
            return;
        }

        await ScanAsync(edited, text, updateId, me, cancellationToken);
    }

    /// <summary>Answers in the chat (and forum topic) the message came from: the command's refusal when the sender may not run this use, else the router's reply.</summary>
    private async Task AnswerAsync(Message message, ParsedMessage parsed, User me, int updateId, CancellationToken cancellationToken)
    {
        var chat = message.Chat;
        // Topics: answer in the topic the command came from (and a /subscribe there subscribes the topic).
        int? threadId = message.IsTopicMessage ? message.MessageThreadId : null;
        var request = ChatRequest.FromText(
            ChatPlatform.Telegram,
            chat.Id.ToString(CultureInfo.InvariantCulture),
            (message.From?.Id ?? message.SenderChat?.Id ?? chat.Id).ToString(CultureInfo.InvariantCulture),
            await IsChatAdminAsync(message, parsed, cancellationToken),
            parsed,
            threadId?.ToString(CultureInfo.InvariantCulture)) with
        {
            // A new subscription's language starts as the subscribing admin's (https://core.telegram.org/bots/api#user).
            Locale = message.From?.LanguageCode,
            // Replies in a chat without a brief: the sender's own language, when we ship it (docs/languages.md).
            MemberLocale = message.From?.LanguageCode,
            IsPrivateChat = chat.Type == ChatType.Private,
        };

        // The rule and its wording are the command's (ChatCommands); this adapter only sends the refusal.
        var reply = ChatCommands.Allows(request)
            ? await RouteAsync(request, message, threadId, me, cancellationToken)
            : ChatReply.Text(ChatCommands.RefusalFor(request.Command, await router.LanguageAsync(request, cancellationToken)));

        // Link previews stay off: replies cite several sources, and a preview of the first is noise.
        int? replyTo = chat.Type == ChatType.Private ? null : message.Id;
        await ReportAsync(await sender.SendAsync(chat.Id, threadId, reply, disableLinkPreviews: true, replyTo, cancellationToken), updateId, cancellationToken);
    }

    /// <summary>
    /// Whether the sender administers the chat, asked only when this use needs it. A private chat's member
    /// and a message sent as the chat itself (an anonymous group admin, a channel post) need no asking;
    /// anyone else costs a getChatMember call (cached), so a group /security question costs none.
    /// </summary>
    private async Task<bool> IsChatAdminAsync(Message message, ParsedMessage parsed, CancellationToken cancellationToken)
    {
        var chat = message.Chat;
        if (chat.Type == ChatType.Private || message.SenderChat?.Id == chat.Id)
        {
            return true;
        }

        return ChatCommands.NeedsChatAdmin(parsed.Command, parsed.Argument)
            && message.From is { } from
            && await admins.IsAdminAsync(chat.Id, from.Id, cancellationToken);
    }

    /// <summary>The router's reply, with a typing indicator while it takes; an admin turning link scanning on hears whether the bot can see members' messages.</summary>
    private async Task<ChatReply> RouteAsync(ChatRequest request, Message message, int? threadId, User me, CancellationToken cancellationToken)
    {
        var chat = message.Chat;
        var reply = await WithinDeadlineAsync(
            request,
            ct => TypingIndicator.WhileAsync(
                c => router.HandleAsync(request, c),
                c => sender.SendTypingAsync(chat.Id, threadId, c),
                time,
                ct),
            cancellationToken);

        var turnsScanningOn = request.Command == SecurityCommand.Entry.Name && SecurityCommand.ChangesScanning(request.Argument, out var on) && on;
        if (turnsScanningOn && request.IsChatAdmin && IsGroup(chat.Type) && !me.CanReadAllGroupMessages && !await admins.IsAdminAsync(chat.Id, me.Id, cancellationToken))
        {
            reply = reply with { Blocks = [.. reply.Blocks, new ReplyBlock(null, PrivacyModeHint) { Trusted = true }] };
        }

        return reply;
    }

    /// <summary>
    /// Runs the answer under Telegram:UpdateTimeoutSeconds (on the injected clock). Past it the answer is
    /// cancelled and no longer awaited, so the worker is free even if some step ignores the cancellation, and
    /// the member gets the knowledge base's answer instead of silence. A shutdown still stops the work.
    /// </summary>
    private async Task<ChatReply> WithinDeadlineAsync(ChatRequest request, Func<CancellationToken, Task<ChatReply>> answer, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(options.Value.UpdateTimeoutSeconds), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var work = answer(linked.Token);
        try
        {
            return await work.WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The abandoned answer ends on its own cancellation; its failure is only logged, never thrown.
            _ = work.ContinueWith(t => LogAbandonedAnswerFailed(logger, t.Exception!), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            LogDeadlinePassed(logger, ChatCommands.MetricName(request.Command), options.Value.UpdateTimeoutSeconds);
            return slowAnswers.For(request with { Language = await SlowAnswerLanguageAsync(request, cancellationToken) });
        }
    }

    /// <summary>
    /// The slow answer's language by the router's rule. The lookup gets a few seconds of its own: when the database is
    /// what made the answer slow, the member's own Telegram language (or English) answers rather than nothing.
    /// </summary>
    private async Task<string> SlowAnswerLanguageAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await router.LanguageAsync(request, cancellationToken).WaitAsync(SlowAnswerLanguageWait, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            return BriefLanguages.Find(request.MemberLocale) ?? BriefLanguages.Default;
        }
    }

    /// <summary>
    /// Opt-in link scanning of a member's message (only in groups whose admins turned it on): a short
    /// reply when a link looks like a trap, including links hidden behind text (text_link entities).
    /// Deletes only when the operator allows it, the link is known-bad and the bot has the right.
    /// </summary>
    private async Task ScanAsync(Message message, string text, int updateId, User me, CancellationToken cancellationToken)
    {
        var hidden = (message.Entities ?? message.CaptionEntities ?? [])
            .Where(e => e.Type == MessageEntityType.TextLink && e.Url is not null)
            .Select(e => e.Url!)
            .ToList();
        var chat = message.Chat;
        var outcome = await scanner.ScanAsync(ChatPlatform.Telegram, chat.Id.ToString(CultureInfo.InvariantCulture), text, hidden, cancellationToken);
        if (!outcome.Warns)
        {
            return;
        }

        int? threadId = message.IsTopicMessage ? message.MessageThreadId : null;
        var warning = outcome.WarningIn(ReplyTexts.For(await WarningLanguageAsync(message, threadId, cancellationToken)));
        await ReportAsync(await sender.SendAsync(chat.Id, threadId, warning, disableLinkPreviews: true, message.Id, cancellationToken), updateId, cancellationToken);
        if (outcome.Delete && await bot.GetChatMember(chat.Id, me.Id, cancellationToken) is ChatMemberAdministrator { CanDeleteMessages: true })
        {
            await bot.DeleteMessage(chat.Id, message.Id, cancellationToken);
            LogDeleted(logger, chat.Id, message.Id);
        }
    }

    /// <summary>
    /// The language of a scan warning, by the router's rule (docs/languages.md): the chat's (or topic's) brief
    /// language, else the poster's Telegram language when we ship it. Asked only for a message that gets a warning.
    /// </summary>
    private Task<string> WarningLanguageAsync(Message message, int? threadId, CancellationToken cancellationToken)
    {
        var chatId = message.Chat.Id.ToString(CultureInfo.InvariantCulture);
        var poster = (message.From?.Id ?? message.SenderChat?.Id ?? message.Chat.Id).ToString(CultureInfo.InvariantCulture);
        var request = ChatRequest.FromText(ChatPlatform.Telegram, chatId, poster, false, new ParsedMessage(string.Empty, string.Empty), threadId?.ToString(CultureInfo.InvariantCulture))
            with { MemberLocale = message.From?.LanguageCode };
        return router.LanguageAsync(request, cancellationToken);
    }

    /// <summary>
    /// The bot's own membership changed (https://core.telegram.org/bots/api#chatmemberupdated). Removed from a
    /// group or channel, or blocked in a private chat: its briefs stop now, not after a failed delivery.
    /// Added to a group: it introduces itself, as /start would.
    /// </summary>
    private async Task HandleMembershipAsync(ChatMemberUpdated change, int updateId, CancellationToken cancellationToken)
    {
        var chat = change.Chat;
        var chatId = chat.Id.ToString(CultureInfo.InvariantCulture);
        var wasIn = IsIn(change.OldChatMember);
        var isIn = IsIn(change.NewChatMember);
        if (wasIn && !isIn)
        {
            var reason = chat.Type == ChatType.Private ? "the user blocked the bot" : "the bot was removed from the chat";
            await chats.ChatGoneAsync(ChatPlatform.Telegram, chatId, reason, cancellationToken);
            return;
        }

        if (!wasIn && isIn && IsGroup(chat.Type))
        {
            var request = ChatRequest.FromText(ChatPlatform.Telegram, chatId, change.From.Id.ToString(CultureInfo.InvariantCulture), false, new ParsedMessage("start", string.Empty));
            var greeting = await router.HandleAsync(request, cancellationToken);
            await ReportAsync(await sender.SendAsync(chat.Id, null, greeting, disableLinkPreviews: true, cancellationToken), updateId, cancellationToken);
        }
    }

    private static bool IsGroup(ChatType type) => type is ChatType.Group or ChatType.Supergroup;

    private static bool IsIn(ChatMember member) => member switch
    {
        { Status: ChatMemberStatus.Left or ChatMemberStatus.Kicked } => false,
        ChatMemberRestricted restricted => restricted.IsMember,
        _ => true,
    };

    private static bool IsAddressedToBot(Message message, string text, User me)
    {
        if (message.ReplyToMessage?.From?.Id == me.Id)
        {
            return true;
        }

        var entities = message.Entities ?? message.CaptionEntities ?? [];
        foreach (var entity in entities)
        {
            if (entity.Type == MessageEntityType.TextMention && entity.User?.Id == me.Id)
            {
                return true;
            }

            // Entity offsets are UTF-16 code units, the same unit as .NET strings.
            if (entity.Type == MessageEntityType.Mention && me.Username is { } name
                && entity.Offset + entity.Length <= text.Length
                && string.Equals(text.Substring(entity.Offset, entity.Length), "@" + name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static string RemoveMention(string text, string? userName) =>
        userName is null ? text.Trim() : text.Replace("@" + userName, string.Empty, StringComparison.OrdinalIgnoreCase).Trim();

    // A reply can learn what a brief would: the chat moved or is gone. The subscriptions follow in Briefs, not here.
    private async Task ReportAsync(TelegramSendResult result, int updateId, CancellationToken cancellationToken)
    {
        if (result.Outcome != SendOutcome.Sent)
        {
            LogNotDelivered(logger, updateId, result.ChatId, result.Outcome, result.Error ?? string.Empty);
        }

        var sentTo = (result.MigratedFrom ?? result.ChatId).ToString(CultureInfo.InvariantCulture);
        var movedTo = result.MigratedFrom is null ? null : result.ChatId.ToString(CultureInfo.InvariantCulture);
        await chats.FollowAsync(ChatPlatform.Telegram, sentTo, result.Outcome, result.Error, movedTo, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram chat {ChatId}: deleted message {MessageId}, whose link is on a known phishing list (LinkCheck:DeleteFlaggedMessages)")]
    private static partial void LogDeleted(ILogger logger, long chatId, int messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The answer to a Telegram {Command} ran past Telegram:UpdateTimeoutSeconds ({Seconds} s); sent the knowledge-base answer instead")]
    private static partial void LogDeadlinePassed(ILogger logger, string command, int seconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "An answer abandoned at its deadline ended with an error")]
    private static partial void LogAbandonedAnswerFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The reply to Telegram update {UpdateId} in chat {ChatId} was not delivered: {Outcome} {Error}")]
    private static partial void LogNotDelivered(ILogger logger, int updateId, long chatId, SendOutcome outcome, string error);
}
