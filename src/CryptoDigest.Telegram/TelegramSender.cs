using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CryptoDigest.Replies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace CryptoDigest.Telegram;

/// <summary>
/// The one way messages reach Telegram, for replies and scheduled briefs alike. It paces proactively
/// (bot-wide messages per second, per chat and per group limits) and handles every answer Telegram gives:
/// 429 waits retry_after and resends (the chat alone, unless several chats get one at once), 5xx and network errors back off,
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
    private readonly FloodSignal _floods = new();
    private readonly Lock _chatsLock = new();
    private readonly Dictionary<long, ChatState> _chats = [];
    private long _sends;

    public TelegramSender(ITelegramBotClient bot, IOptions<TelegramOptions> options, TimeProvider time, ILogger<TelegramSender> logger)
    {
        _bot = bot;
        _time = time;
        _logger = logger;
        _options = options.Value;
        _global = new GlobalSendWindow(_options.GlobalMessagesPerSecond, time);
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
            var state = EnterChat(chatId);
            SendAttempt attempt;
            try
            {
                await state.Gate.WaitAsync(cancellationToken);
                try
                {
                    attempt = await SendOneAsync(state.Window, chatId, threadId, items[index], disableLinkPreviews, ids.Count == 0 ? replyToMessageId : null, cancellationToken);
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

            switch (attempt.Outcome)
            {
                case AttemptOutcome.Sent:
                    ids.Add(attempt.MessageId);
                    index++;
                    break;
                case AttemptOutcome.Migrated when migratedFrom is null:
                    // https://core.telegram.org/bots/api#responseparameters: the group became a supergroup.
                    migratedFrom = chatId;
                    var newChatId = attempt.MigrateTo!.Value;
                    LogMigrated(_logger, chatId, newChatId);
                    chatId = newChatId;
                    replyToMessageId = null;
                    break;
                case AttemptOutcome.ChatGone:
                    LogChatGone(_logger, chatId, attempt.Error!);
                    return new TelegramSendResult(SendOutcome.ChatGone, chatId, ids, attempt.Error, migratedFrom);
                case AttemptOutcome.Failed:
                    return new TelegramSendResult(SendOutcome.Failed, chatId, ids, attempt.Error, migratedFrom);
                default:
                    LogRejected(_logger, chatId, index + 1, items.Count, attempt.Error ?? "migrated twice");
                    return new TelegramSendResult(SendOutcome.Rejected, chatId, ids, attempt.Error, migratedFrom);
            }
        }

        return new TelegramSendResult(SendOutcome.Sent, chatId, ids, MigratedFrom: migratedFrom);
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

    private async Task<SendAttempt> SendOneAsync(ChatSendWindow window, long chatId, int? threadId, Outgoing item, bool disableLinkPreviews, int? replyTo, CancellationToken cancellationToken)
    {
        var asHtml = true;
        var floods = 0;
        var transient = 0;
        while (true)
        {
            // Checked again after each pause: a timer may fire a little early.
            for (var wait = window.WaitBefore(_time.GetUtcNow()); wait > TimeSpan.Zero; wait = window.WaitBefore(_time.GetUtcNow()))
            {
                await Task.Delay(wait + TimeSpan.FromMilliseconds(1), _time, cancellationToken);
            }

            try
            {
                using (await _global.AcquireAsync(cancellationToken))
                {
                    try
                    {
                        return SendAttempt.Sent(await PostAsync(chatId, threadId, item, asHtml, disableLinkPreviews, replyTo, cancellationToken));
                    }
                    finally
                    {
                        window.Record(_time.GetUtcNow());
                    }
                }
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 429 && ++floods <= MaxFloodRetries)
            {
                // Telegram says exactly when this chat may be written to again; the same message is resent then.
                var retryAfter = TimeSpan.FromSeconds(Math.Max(ex.Parameters?.RetryAfter ?? 1, 1));
                var now = _time.GetUtcNow();
                if (_floods.IsBotWide(chatId, now))
                {
                    _global.PauseUntil(now + retryAfter);
                    LogBotWideFlood(_logger, retryAfter.TotalSeconds);
                }
                else
                {
                    LogFlood(_logger, chatId, retryAfter.TotalSeconds);
                }

                await Task.Delay(retryAfter, _time, cancellationToken);
            }
            catch (ApiRequestException ex) when (ex.Parameters?.MigrateToChatId is { } newChatId)
            {
                return SendAttempt.Migrated(newChatId);
            }
            catch (ApiRequestException ex) when (MeansChatGone(ex.ErrorCode, ex.Message))
            {
                return SendAttempt.Gone(ex.Message);
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 400 && asHtml && ex.Message.Contains("can't parse entities", StringComparison.OrdinalIgnoreCase))
            {
                // Our escaping should make this impossible; if Telegram disagrees, the text still arrives.
                LogMarkupRejected(_logger, chatId, ex.Message);
                asHtml = false;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode is >= 400 and < 500 and not 429)
            {
                return SendAttempt.Rejected(ex.Message);
            }
            catch (RequestException ex) when (++transient <= MaxTransientRetries)
            {
                var delay = TransientBackoff.Delay(transient);
                LogTransient(_logger, chatId, ex.Message, delay.TotalSeconds);
                await Task.Delay(delay, _time, cancellationToken);
            }
            catch (RequestException ex)
            {
                return SendAttempt.Failed(ex.Message);
            }
        }
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
            : Prepare(item.Part!, asHtml, disableLinkPreviews, threadId, replyParameters);
        var sent = await _bot.SendRequest(prepared.For(chatId), cancellationToken);
        return sent.MessageId;
    }

    private static PreparedMessage Prepare(TelegramMessagePart part, bool asHtml, bool disableLinkPreviews, int? threadId, ReplyParameters? replyParameters) =>
        PreparedMessage.Create(asHtml ? part.Html : part.PlainText, asHtml ? ParseMode.Html : ParseMode.None, disableLinkPreviews, threadId, replyParameters);

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

    private sealed class Outgoing(TelegramMessagePart? part, ReadOnlyMemory<byte>? png)
    {
        private readonly ConcurrentDictionary<(bool Html, bool NoPreviews, int? Thread), PreparedMessage> _bodies = new();

        public TelegramMessagePart? Part { get; } = part;

        public ReadOnlyMemory<byte>? Png { get; } = png;

        /// <summary>The text part's body, serialized on first use; a handful of variants at most (markup fallback, topics).</summary>
        public PreparedMessage Prepared(bool asHtml, bool disableLinkPreviews, int? threadId) =>
            _bodies.GetOrAdd((asHtml, disableLinkPreviews, threadId), static (key, part) => Prepare(part, key.Html, key.NoPreviews, key.Thread, null), Part!);
    }

    private sealed class ChatState(SemaphoreSlim gate, ChatSendWindow window)
    {
        public SemaphoreSlim Gate { get; } = gate;
        public ChatSendWindow Window { get; } = window;
        public int Users { get; set; }
    }

    private enum AttemptOutcome
    {
        Sent,
        Migrated,
        ChatGone,
        Rejected,
        Failed,
    }

    private readonly record struct SendAttempt(AttemptOutcome Outcome, int MessageId = 0, long? MigrateTo = null, string? Error = null)
    {
        public static SendAttempt Sent(int id) => new(AttemptOutcome.Sent, id);
        public static SendAttempt Migrated(long to) => new(AttemptOutcome.Migrated, MigrateTo: to);
        public static SendAttempt Gone(string error) => new(AttemptOutcome.ChatGone, Error: error);
        public static SendAttempt Rejected(string error) => new(AttemptOutcome.Rejected, Error: error);
        public static SendAttempt Failed(string error) => new(AttemptOutcome.Failed, Error: error);
    }
}
