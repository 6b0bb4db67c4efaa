using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CryptoDigest.Replies;
using CryptoDigest.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace CryptoDigest.Telegram;

/// <summary>
/// The one way messages reach Telegram, for replies and scheduled briefs alike. It paces proactively
/// (bot-wide messages per second, per chat and per group limits) and handles every answer Telegram gives (<see cref="Classify"/>):
/// 429 waits retry_after and resends (the chat alone, unless several chats get one at once: <see cref="TelegramFloodPolicy"/>), 5xx and network errors back off,
/// migrate_to_chat_id resends at the new id, a markup rejection resends as plain text. A chat gone for good or moved is
/// only reported: what that means for subscriptions is decided by the caller (Briefs' ChatChanges).
/// Each chat has its own queue, so one chat's wait never holds up another's.
/// </summary>
public sealed partial class TelegramSender : IDisposable
{
    private const int MaxFloodRetries = 10;
    private const int MaxTransientRetries = 5;

    // 5xx, timeouts and network failures: 1, 2, 4, 8, 16 s before trying the same message again.
    private static readonly Backoff TransientBackoff = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

    private readonly ITelegramBotClient _bot;
    private readonly TimeProvider _time;
    private readonly ILogger<TelegramSender> _logger;
    private readonly TelegramOptions _options;
    private readonly GlobalSendWindow _global;
    private readonly TelegramFloodPolicy _floods;
    private readonly BotMetrics _metrics;
    private readonly Lock _chatsLock = new();
    private readonly Dictionary<long, ChatState> _chats = [];
    private long _sends;

    public TelegramSender(ITelegramBotClient bot, IOptions<TelegramOptions> options, TimeProvider time, BotMetrics metrics, ILogger<TelegramSender> logger)
    {
        _metrics = metrics;
        _bot = bot;
        _time = time;
        _logger = logger;
        _options = options.Value;
        _global = new GlobalSendWindow(_options.GlobalMessagesPerSecond, time);
        _floods = new TelegramFloodPolicy(time);
    }

    /// <summary>Renders the reply to Telegram HTML, splits it to Telegram's limits and sends every part, in order.</summary>
    public Task<TelegramSendResult> SendAsync(long chatId, int? threadId, ChatReply reply, bool disableLinkPreviews, CancellationToken cancellationToken) =>
        SendAsync(chatId, threadId, reply, disableLinkPreviews, replyToMessageId: null, cancellationToken);

    /// <summary>As above, the first part answering a given message (kept even if that message is deleted).</summary>
    public Task<TelegramSendResult> SendAsync(long chatId, int? threadId, ChatReply reply, bool disableLinkPreviews, int? replyToMessageId, CancellationToken cancellationToken) =>
        SendItemsAsync(chatId, threadId, Items(reply), disableLinkPreviews, replyToMessageId, cancellationToken);

    /// <summary>How many messages the reply becomes.</summary>
    public static int CountParts(ChatReply reply) => Items(reply).Count;

    /// <summary>Sends only part <paramref name="part"/> of the reply, for deliveries that record each part and resume.</summary>
    public Task<TelegramSendResult> SendPartAsync(long chatId, int? threadId, ChatReply reply, int part, bool disableLinkPreviews, CancellationToken cancellationToken) =>
        SendItemsAsync(chatId, threadId, [Items(reply)[part]], disableLinkPreviews, replyToMessageId: null, cancellationToken);

    // A broadcast sends one reply object to thousands of chats: format it once, not once per chat and part.
    private static readonly ConditionalWeakTable<ChatReply, List<Outgoing>> Formatted = new();

    private static List<Outgoing> Items(ChatReply reply) => Formatted.GetValue(reply, Format);

    private static List<Outgoing> Format(ChatReply reply)
    {
        var items = new List<Outgoing>();
        items.AddRange(TelegramHtmlFormatter.Format(reply).Select(p => new Outgoing(p, null)));
        if (reply.Buttons.Count > 0 && items.Count > 0)
        {
            // The buttons go under the last text part, where a member finishes reading (https://core.telegram.org/bots/api#inlinekeyboardmarkup).
            items[^1] = new Outgoing(items[^1].Part, null, TelegramKeyboards.From(reply.Buttons));
        }

        if (reply.Image is { } image)
        {
            var caption = TelegramHtmlFormatter.FormatText(image.Caption, TelegramHtmlFormatter.CaptionLimit);
            items.Add(new Outgoing(caption.Count > 0 ? caption[0] : null, image.Png));
            items.AddRange(caption.Skip(1).Select(p => new Outgoing(p, null)));
        }

        return items;
    }

    private async Task<TelegramSendResult> SendItemsAsync(long chatId, int? threadId, List<Outgoing> items, bool disableLinkPreviews, int? replyToMessageId, CancellationToken cancellationToken)
    {
        var ids = new List<int>();
        long? migratedFrom = null;
        var index = 0;
        while (index < items.Count)
        {
            var attempt = await SendInTurnAsync(chatId, threadId, items[index], disableLinkPreviews, ids.Count == 0 ? replyToMessageId : null, cancellationToken);
            if (attempt.MessageId is { } id)
            {
                _metrics.MessageSent(ChatPlatform.Telegram, SendOutcome.Sent);
                ids.Add(id);
                index++;
            }
            else if (attempt.Error is { Kind: TelegramSendErrorKind.Migrated, MigrateTo: { } newChatId } && migratedFrom is null)
            {
                // https://core.telegram.org/bots/api#responseparameters: the group became a supergroup.
                migratedFrom = chatId;
                LogMigrated(_logger, chatId, newChatId);
                chatId = newChatId;
                replyToMessageId = null;
            }
            else
            {
                return Stopped(chatId, ids, migratedFrom, attempt.Error!, index + 1, items.Count);
            }
        }

        return new TelegramSendResult(SendOutcome.Sent, chatId, ids, MigratedFrom: migratedFrom);
    }

    // Each chat has its own queue: one message at a time, in order, and one chat's waits hold up no other.
    private async Task<SendAttempt> SendInTurnAsync(long chatId, int? threadId, Outgoing item, bool disableLinkPreviews, int? replyTo, CancellationToken cancellationToken)
    {
        var state = EnterChat(chatId);
        try
        {
            await state.Gate.WaitAsync(cancellationToken);
            try
            {
                return await SendOneAsync(state.Window, chatId, threadId, item, disableLinkPreviews, replyTo, cancellationToken);
            }
            finally
            {
                state.Gate.Release();
            }
        }
        finally
        {
            LeaveChat(state);
        }
    }

    // The reply stops at a part Telegram would not take: the result says why (a second migration is a rejection).
    private TelegramSendResult Stopped(long chatId, List<int> ids, long? migratedFrom, TelegramSendError error, int part, int parts)
    {
        _metrics.MessageSent(ChatPlatform.Telegram, error.Kind == TelegramSendErrorKind.Migrated ? SendOutcome.Rejected : error.Outcome);
        if (error.Kind == TelegramSendErrorKind.Migrated)
        {
            LogRejected(_logger, chatId, part, parts, "migrated twice");
            return new TelegramSendResult(SendOutcome.Rejected, chatId, ids, null, migratedFrom);
        }

        if (error.Outcome == SendOutcome.ChatGone)
        {
            LogChatGone(_logger, chatId, error.Reason);
        }
        else if (error.Outcome == SendOutcome.Rejected)
        {
            LogRejected(_logger, chatId, part, parts, error.Reason);
        }

        return new TelegramSendResult(error.Outcome, chatId, ids, error.Reason, migratedFrom);
    }

    /// <summary>Shows "typing…" for about five seconds; best effort, since it is only a courtesy.</summary>
    public async Task SendTypingAsync(long chatId, int? threadId, CancellationToken cancellationToken)
    {
        try
        {
            await _bot.SendChatAction(chatId, ChatAction.Typing, messageThreadId: threadId, cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is RequestException)
        {
            LogTypingFailed(_logger, chatId, ex.Message);
        }
    }

    public void Dispose()
    {
        _global.Dispose();
        lock (_chatsLock)
        {
            foreach (var state in _chats.Values)
            {
                state.Gate.Dispose();
            }

            _chats.Clear();
        }
    }

    // One message until Telegram takes it or says why it will not: a 429 waits retry_after, a transient failure backs
    // off, a markup rejection goes again as plain text, within their retry budgets; anything else ends the attempt.
    private async Task<SendAttempt> SendOneAsync(ChatSendWindow window, long chatId, int? threadId, Outgoing item, bool disableLinkPreviews, int? replyTo, CancellationToken cancellationToken)
    {
        var asHtml = true;
        var floods = 0;
        var transient = 0;
        while (true)
        {
            await WaitForChatAsync(window, cancellationToken);
            TelegramSendError error;
            try
            {
                return SendAttempt.Sent(await PostPacedAsync(window, chatId, threadId, item, asHtml, disableLinkPreviews, replyTo, cancellationToken));
            }
            catch (Exception ex) when (Classify(ex) is { } classified)
            {
                error = classified;
            }

            if (error.Kind == TelegramSendErrorKind.Flood && ++floods <= MaxFloodRetries)
            {
                await WaitOutFloodAsync(chatId, error.RetryAfter, cancellationToken);
            }
            else if (error.Kind == TelegramSendErrorKind.MarkupRejected && asHtml)
            {
                // Our escaping should make this impossible; if Telegram disagrees, the text still arrives.
                LogMarkupRejected(_logger, chatId, error.Reason);
                asHtml = false;
            }
            else if ((error.Kind is TelegramSendErrorKind.Flood or TelegramSendErrorKind.Transient) && ++transient <= MaxTransientRetries)
            {
                await BackOffAsync(chatId, error.Reason, transient, cancellationToken);
            }
            else
            {
                return SendAttempt.Failed(error);
            }
        }
    }

    // The chat's own pace, checked again after each pause: a timer may fire a little early.
    private async Task WaitForChatAsync(ChatSendWindow window, CancellationToken cancellationToken)
    {
        for (var wait = window.WaitBefore(_time.GetUtcNow()); wait > TimeSpan.Zero; wait = window.WaitBefore(_time.GetUtcNow()))
        {
            await Task.Delay(wait + TimeSpan.FromMilliseconds(1), _time, cancellationToken);
        }
    }

    // A bot-wide slot for the whole round trip; the chat's window counts the send once it came back, accepted or not.
    private async Task<int> PostPacedAsync(ChatSendWindow window, long chatId, int? threadId, Outgoing item, bool asHtml, bool disableLinkPreviews, int? replyTo, CancellationToken cancellationToken)
    {
        using (await _global.AcquireAsync(cancellationToken))
        {
            try
            {
                return await PostAsync(chatId, threadId, item, asHtml, disableLinkPreviews, replyTo, cancellationToken);
            }
            finally
            {
                window.Record(_time.GetUtcNow());
            }
        }
    }

    // Telegram says exactly when this chat may be written to again; the same message is resent then.
    private Task WaitOutFloodAsync(long chatId, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        if (_floods.BotWidePauseUntil(chatId, retryAfter) is { } until)
        {
            _global.PauseUntil(until);
            LogBotWideFlood(_logger, retryAfter.TotalSeconds);
        }
        else
        {
            LogFlood(_logger, chatId, retryAfter.TotalSeconds);
        }

        return Task.Delay(retryAfter, _time, cancellationToken);
    }

    private Task BackOffAsync(long chatId, string reason, int failures, CancellationToken cancellationToken)
    {
        var delay = TransientBackoff.Delay(failures);
        LogTransient(_logger, chatId, reason, delay.TotalSeconds);
        return Task.Delay(delay, _time, cancellationToken);
    }

    private async Task<int> PostAsync(long chatId, int? threadId, Outgoing item, bool asHtml, bool disableLinkPreviews, int? replyTo, CancellationToken cancellationToken)
    {
        var parseMode = asHtml ? ParseMode.Html : ParseMode.None;
        var replyParameters = replyTo is { } id ? new ReplyParameters { MessageId = id, AllowSendingWithoutReply = true } : null;
        if (item.Png is { } png)
        {
            using var stream = new MemoryStream(png.ToArray(), writable: false);
            var photo = await _bot.SendPhoto(
                chatId,
                InputFile.FromStream(stream, "chart.png"),
                caption: item.Part is null ? null : asHtml ? item.Part.Html : item.Part.PlainText,
                parseMode: item.Part is null ? ParseMode.None : parseMode,
                replyParameters: replyParameters,
                messageThreadId: threadId,
                cancellationToken: cancellationToken);
            return photo.Id;
        }

        // A broadcast sends this part to thousands of chats: its body is serialized once per (markup, previews,
        // topic), not once per chat. A reply to one message is a one-off and gets a body of its own.
        var prepared = replyParameters is null
            ? item.Prepared(asHtml, disableLinkPreviews, threadId)
            : Prepare(item.Part!, asHtml, disableLinkPreviews, threadId, replyParameters, item.Keyboard);
        var sent = await _bot.SendRequest(prepared.For(chatId), cancellationToken);
        return sent.MessageId;
    }

    private static PreparedMessage Prepare(TelegramMessagePart part, bool asHtml, bool disableLinkPreviews, int? threadId, ReplyParameters? replyParameters, InlineKeyboardMarkup? keyboard) =>
        PreparedMessage.Create(asHtml ? part.Html : part.PlainText, asHtml ? ParseMode.Html : ParseMode.None, disableLinkPreviews, threadId, replyParameters, keyboard);

    /// <summary>
    /// What a failed send means, decided here once from the library's exception: a 429 (the flood policy's retry_after),
    /// migrate_to_chat_id, a chat gone for good, a markup rejection, any other 4xx, and everything else the client
    /// reports (5xx, timeouts, network failures) as transient. Null for what is not a Telegram answer (cancellation).
    /// </summary>
    internal static TelegramSendError? Classify(Exception error)
    {
        return error switch
        {
            _ when TelegramFloodPolicy.RetryAfter(error) is { } wait => new(TelegramSendErrorKind.Flood, error.Message) { RetryAfter = wait },
            ApiRequestException { Parameters.MigrateToChatId: { } newChatId } => new(TelegramSendErrorKind.Migrated, error.Message) { MigrateTo = newChatId },
            ApiRequestException api when MeansChatGone(api.ErrorCode, api.Message) => new(TelegramSendErrorKind.ChatGone, api.Message),
            ApiRequestException { ErrorCode: 400 } api when api.Message.Contains("can't parse entities", StringComparison.OrdinalIgnoreCase) =>
                new(TelegramSendErrorKind.MarkupRejected, api.Message),
            ApiRequestException { ErrorCode: >= 400 and < 500 } api => new(TelegramSendErrorKind.Rejected, api.Message),
            RequestException other => new(TelegramSendErrorKind.Transient, other.Message),
            _ => null,
        };
    }

    /// <summary>
    /// True when an error says the bot can never write to the chat again: blocked by the user,
    /// kicked from the group or channel, the user's account deactivated, or the chat not found.
    /// Any other 403 ("not enough rights to send photos", "can't initiate conversation") is a
    /// rejection of this message only and leaves the subscription active (docs/hardening.md).
    /// </summary>
    internal static bool MeansChatGone(int errorCode, string description) =>
        errorCode is 400 or 403
        && (description.Contains("chat not found", StringComparison.OrdinalIgnoreCase)
            || (errorCode == 403 && (description.Contains("bot was blocked by the user", StringComparison.OrdinalIgnoreCase)
                || description.Contains("bot was kicked", StringComparison.OrdinalIgnoreCase)
                || description.Contains("bot is not a member of the", StringComparison.OrdinalIgnoreCase)
                || description.Contains("group chat was deleted", StringComparison.OrdinalIgnoreCase)
                || description.Contains("user is deactivated", StringComparison.OrdinalIgnoreCase))));

    private ChatState EnterChat(long chatId)
    {
        lock (_chatsLock)
        {
            if (++_sends % 1024 == 0)
            {
                // Forget chats whose windows no longer constrain anything: a private chat a second after its
                // last send, a group a minute after. A broadcast at 1,000/s would otherwise keep a minute's
                // worth (60,000 chats) of state it can never use again.
                var now = _time.GetUtcNow();
                List<long>? forgotten = null;
                foreach (var (id, idle) in _chats)
                {
                    if (idle.Users == 0 && idle.Window.IsSpent(now))
                    {
                        idle.Gate.Dispose();
                        (forgotten ??= []).Add(id);
                    }
                }

                foreach (var id in forgotten ?? [])
                {
                    _chats.Remove(id);
                }
            }

            if (!_chats.TryGetValue(chatId, out var state))
            {
                // Negative ids are groups, supergroups and channels: the 20-per-minute limit applies.
                var interval = TimeSpan.FromSeconds(1.0 / _options.ChatMessagesPerSecond);
                state = new ChatState(new SemaphoreSlim(1, 1), new ChatSendWindow(interval, chatId < 0 ? _options.GroupMessagesPerMinute : null));
                _chats[chatId] = state;
            }

            state.Users++;
            return state;
        }
    }

    private void LeaveChat(ChatState state)
    {
        lock (_chatsLock)
        {
            state.Users--;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram chat {ChatId} was upgraded to {NewChatId}; resending there")]
    private static partial void LogMigrated(ILogger logger, long chatId, long newChatId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram chat {ChatId} is gone ({Reason})")]
    private static partial void LogChatGone(ILogger logger, long chatId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Telegram rejected part {Part} of {Parts} for chat {ChatId}: {Reason}")]
    private static partial void LogRejected(ILogger logger, long chatId, int part, int parts, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram asked to slow down for chat {ChatId}: retrying the same message in {Seconds} s")]
    private static partial void LogFlood(ILogger logger, long chatId, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram is flood-limiting the whole bot (429s in several chats): every send waits {Seconds} s")]
    private static partial void LogBotWideFlood(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram rejected the markup of a message to chat {ChatId} ({Reason}); resending it as plain text")]
    private static partial void LogMarkupRejected(ILogger logger, long chatId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending to Telegram chat {ChatId} failed ({Reason}); retrying in {Seconds} s")]
    private static partial void LogTransient(ILogger logger, long chatId, string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The typing action for Telegram chat {ChatId} failed: {Reason}")]
    private static partial void LogTypingFailed(ILogger logger, long chatId, string reason);

    private sealed class Outgoing(TelegramMessagePart? part, ReadOnlyMemory<byte>? png, InlineKeyboardMarkup? keyboard = null)
    {
        private readonly ConcurrentDictionary<(bool Html, bool NoPreviews, int? Thread), PreparedMessage> _bodies = new();

        public TelegramMessagePart? Part { get; } = part;

        public ReadOnlyMemory<byte>? Png { get; } = png;

        public InlineKeyboardMarkup? Keyboard { get; } = keyboard;

        /// <summary>The text part's body, serialized on first use; a handful of variants at most (markup fallback, topics).</summary>
        public PreparedMessage Prepared(bool asHtml, bool disableLinkPreviews, int? threadId) =>
            _bodies.GetOrAdd((asHtml, disableLinkPreviews, threadId), static (key, item) => Prepare(item.Part!, key.Html, key.NoPreviews, key.Thread, null, item.Keyboard), this);
    }

    private sealed class ChatState(SemaphoreSlim gate, ChatSendWindow window)
    {
        public SemaphoreSlim Gate { get; } = gate;
        public ChatSendWindow Window { get; } = window;
        public int Users { get; set; }
    }

    /// <summary>A message Telegram took (its id), or the error that ended the attempt.</summary>
    private readonly record struct SendAttempt(int? MessageId, TelegramSendError? Error)
    {
        public static SendAttempt Sent(int id) => new(id, null);

        public static SendAttempt Failed(TelegramSendError error) => new(null, error);
    }
}
