using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CryptoDigest.Tests.Telegram;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CryptoDigest.IntegrationTests.Telegram;

/// <summary>A call the stand-in received: the method (lower case), its parameters, and the status it answered.</summary>
public sealed record BotApiCall(string Method, JsonObject Parameters, int Status, string? Description, DateTimeOffset At);

/// <summary>A message the stand-in accepted, as a chat member would see it.</summary>
public sealed record DeliveredMessage(int MessageId, long ChatId, int? ThreadId, string Method, string RawText, string PlainText, string? ParseMode, JsonObject Parameters)
{
    public int? ReplyToMessageId => (int?)Parameters["reply_parameters"]?["message_id"];

    public bool LinkPreviewDisabled => (bool?)Parameters["link_preview_options"]?["is_disabled"] == true;
}

/// <summary>
/// A Telegram Bot API stand-in on loopback, for Telegram.Bot 22.10 (docs/telegram.md): it records
/// every request and behaves like the real server where the bot can go wrong — text over 4096 code points
/// after HTML parsing, tags outside Telegram's list, more than one message a second to a chat, 20 a minute
/// to a group or the bot-wide rate, each answered with the real error (429 with retry_after), plus
/// scripted 403s, group migrations and one-off failures (of a send to a chat, or of any other method).
/// </summary>
public sealed class BotApiStandIn : IAsyncDisposable
{
    public const string Token = "123456:test-token";
    public const long BotId = 123456;
    public const string BotUserName = "CryptoDigestBot";

    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly List<BotApiCall> _calls = [];
    private readonly List<DeliveredMessage> _delivered = [];
    private readonly List<(Func<bool> Done, TaskCompletionSource Signal)> _waiters = [];
    private readonly List<JsonObject> _updates = [];
    private readonly ConcurrentDictionary<(long, long), string> _members = new();
    private readonly ConcurrentDictionary<long, ConcurrentQueue<(int Status, string Description, JsonObject? Parameters)>> _scripted = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Status, string Description, JsonObject? Parameters)>> _scriptedCalls = new();
    private readonly ConcurrentDictionary<long, long> _migrated = new();
    private readonly ConcurrentDictionary<long, string> _blocked = new();
    private readonly Dictionary<long, List<DateTimeOffset>> _chatSends = [];
    private readonly List<DateTimeOffset> _globalSends = [];
    private readonly ConcurrentDictionary<long, int> _deliveredCounts = new();
    private readonly ConcurrentDictionary<(string Method, int Status), int> _callCounts = new();
    private TaskCompletionSource _updatesArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextUpdateId = 1000;
    private int _nextMessageId = 1;
    // The getUpdates call being held; like Telegram, a newer one ends it with 409.
    private CancellationTokenSource? _currentPoll;
    private string? _webhookUrl;

    private readonly SemaphoreSlim _singleThread = new(1, 1);

    private BotApiStandIn(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The clock of its rate limits and call records: a test on a fake clock gives it the bot's, so both agree on a second.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>The bot-wide limit the stand-in enforces (Telegram's free broadcast limit is about 30).</summary>
    public int GlobalMessagesPerSecond { get; set; } = 30;

    /// <summary>While set, sends wait for it to complete (a slow Telegram), after being recorded as arriving.</summary>
    public TaskCompletionSource? HoldSends { get; set; }

    /// <summary>While true, every send answers 502 Bad Gateway, as Telegram's front end does in an outage.</summary>
    public bool SendsDown { get; set; }

    /// <summary>
    /// How long the server takes with each request before it counts and answers it (a slower or farther Telegram);
    /// waited concurrently, as a server waits on its storage. Zero by default.
    /// </summary>
    public TimeSpan ServerTime { get; set; }

    /// <summary>
    /// When true, the stand-in's own work on a request (reading it, applying the limits, writing the answer) runs one
    /// request at a time, as in a single-threaded event-loop server; <see cref="ServerTime"/> is still waited concurrently.
    /// </summary>
    public bool SingleThreaded { get; set; }

    /// <summary>What getMe says about privacy mode: false is Telegram's default (the bot sees only commands and replies in groups).</summary>
    public bool CanReadAllGroupMessages { get; set; }

    /// <summary>When set, getChatMember fails with 500 (to make an update fail).</summary>
    public bool ChatMemberFails { get; set; }

    /// <summary>
    /// When false, calls and messages are only counted (<see cref="CallCount"/>, <see cref="DeliveredCounts"/>),
    /// not kept: a broadcast benchmark sends hundreds of thousands, too many to hold with their texts.
    /// </summary>
    public bool KeepHistory { get; set; } = true;

    /// <summary>
    /// Called with the chat id of every message accepted, whatever <see cref="KeepHistory"/> says, while the
    /// stand-in holds its lock (keep it short): the benchmarks stamp each chat's first answer with it.
    /// </summary>
    public Action<long>? Accepted { get; set; }

    /// <summary>Messages accepted per chat, kept whatever <see cref="KeepHistory"/> says.</summary>
    public IReadOnlyDictionary<long, int> DeliveredCounts => _deliveredCounts;

    /// <summary>How many calls of a method (lower case) were answered with a status, kept whatever <see cref="KeepHistory"/> says.</summary>
    public int CallCount(string method, int status) => _callCounts.GetValueOrDefault((method, status));

    /// <summary>
    /// Forgets every call, message, count and send window: the benchmarks warm a fresh stand-in up (its first
    /// requests are compiled as they come, which Telegram's never are) and then measure from zero.
    /// </summary>
    public void ResetCounts()
    {
        lock (_lock)
        {
            _calls.Clear();
            _delivered.Clear();
            _chatSends.Clear();
            _globalSends.Clear();
        }

        _deliveredCounts.Clear();
        _callCounts.Clear();
    }

    public IReadOnlyList<BotApiCall> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Updates queued for getUpdates that no offset has confirmed yet.</summary>
    public int UnconfirmedUpdates
    {
        get
        {
            lock (_lock)
            {
                return _updates.Count;
            }
        }
    }

    public IReadOnlyList<DeliveredMessage> Delivered
    {
        get
        {
            lock (_lock)
            {
                return [.. _delivered];
            }
        }
    }

    public static async Task<BotApiStandIn> StartAsync(TimeProvider? clock = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new BotApiStandIn(app) { Clock = clock ?? TimeProvider.System };
        app.MapPost("/bot{token}/{method}", standIn.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        standIn.BaseUrl = new Uri(address);
        return standIn;
    }

    /// <summary>
    /// The environment of a real `serve` Host process (<see cref="Infrastructure.RunningHost"/>) using this stand-in
    /// as Telegram and <paramref name="connectionString"/> as its database. The dashboard is on, with a password,
    /// because it puts the host on HTTP, where RunningHost sees that it is ready.
    /// </summary>
    public Dictionary<string, string> ServeEnvironment(string connectionString) => new()
    {
        ["ConnectionStrings__Postgres"] = connectionString,
        ["Telegram__BotToken"] = Token,
        ["Telegram__ApiBaseUrl"] = BaseUrl.ToString(),
        ["Jobs__Dashboard__Enabled"] = "true",
        ["Jobs__Dashboard__Username"] = "operator",
        ["Jobs__Dashboard__Password"] = "correct-horse-battery",
    };

    /// <summary>Queues a message update for getUpdates; returns it (with its update_id) for posting to a webhook.</summary>
    public JsonObject AddMessage(long chatId, string text, long? fromId = null, bool fromBot = false, int? threadId = null, int? replyToBotMessage = null, long? senderChatId = null, bool queue = true, JsonArray? entities = null)
    {
        var isPrivate = chatId > 0;
        var message = new JsonObject
        {
            ["message_id"] = Interlocked.Increment(ref _nextMessageId),
            ["date"] = 1_760_000_000,
            ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = isPrivate ? "private" : threadId is null ? "group" : "supergroup", ["title"] = isPrivate ? null : "Test group" },
            ["from"] = new JsonObject { ["id"] = fromId ?? (isPrivate ? chatId : 42), ["is_bot"] = fromBot, ["first_name"] = fromBot ? "Bot" : "Member" },
            ["text"] = text,
        };
        if (threadId is { } thread)
        {
            message["message_thread_id"] = thread;
            message["is_topic_message"] = true;
            message["chat"]!["is_forum"] = true;
        }

        if (senderChatId is { } senderChat)
        {
            message["sender_chat"] = new JsonObject { ["id"] = senderChat, ["type"] = "supergroup", ["title"] = "Test group" };
        }

        if (replyToBotMessage is { } replyTo)
        {
            message["reply_to_message"] = new JsonObject
            {
                ["message_id"] = replyTo,
                ["date"] = 1_760_000_000,
                ["chat"] = message["chat"]!.DeepClone(),
                ["from"] = new JsonObject { ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "CryptoDigest", ["username"] = BotUserName },
                ["text"] = "an earlier answer",
            };
        }

        var mention = text.IndexOf("@" + BotUserName, StringComparison.Ordinal);
        if (text.StartsWith('/'))
        {
            var length = text.IndexOf(' ', StringComparison.Ordinal) is var space and > 0 ? space : text.Length;
            message["entities"] = new JsonArray(new JsonObject { ["type"] = "bot_command", ["offset"] = 0, ["length"] = length });
        }
        else if (mention >= 0)
        {
            message["entities"] = new JsonArray(new JsonObject { ["type"] = "mention", ["offset"] = mention, ["length"] = BotUserName.Length + 1 });
        }

        if (entities is not null)
        {
            message["entities"] = entities;
        }

        var update = new JsonObject { ["update_id"] = Interlocked.Increment(ref _nextUpdateId), ["message"] = message };
        if (queue)
        {
            lock (_lock)
            {
                _updates.Add(update);
                _updatesArrived.TrySetResult();
            }
        }

        return update;
    }

    /// <summary>Queues an update built with <c>queue: false</c> and changed by the test (e.g. a sender's language_code).</summary>
    public void QueueUpdate(JsonObject update)
    {
        lock (_lock)
        {
            _updates.Add(update);
            _updatesArrived.TrySetResult();
        }
    }

    /// <summary>
    /// Queues a callback query: <paramref name="fromId"/> pressed a button carrying <paramref name="data"/> under the
    /// bot's message <paramref name="messageId"/> in <paramref name="chatId"/> (https://core.telegram.org/bots/api#callbackquery).
    /// </summary>
    public JsonObject AddCallbackQuery(long chatId, int messageId, long fromId, string data)
    {
        var update = new JsonObject
        {
            ["update_id"] = Interlocked.Increment(ref _nextUpdateId),
            ["callback_query"] = new JsonObject
            {
                ["id"] = $"cb-{Interlocked.Increment(ref _nextMessageId)}",
                ["from"] = new JsonObject { ["id"] = fromId, ["is_bot"] = false, ["first_name"] = "Member" },
                ["chat_instance"] = $"instance{chatId}",
                ["data"] = data,
                ["message"] = new JsonObject
                {
                    ["message_id"] = messageId,
                    ["date"] = 1_760_000_000,
                    ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = chatId > 0 ? "private" : "supergroup", ["title"] = chatId > 0 ? null : "Test group" },
                    ["from"] = new JsonObject { ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "CryptoDigest", ["username"] = BotUserName },
                    ["text"] = "the settings",
                },
            },
        };
        lock (_lock)
        {
            _updates.Add(update);
            _updatesArrived.TrySetResult();
        }

        return update;
    }

    /// <summary>Queues the service message a basic group leaves when it is upgraded to a supergroup.</summary>
    /// <summary>Queues an edited_message update: <paramref name="original"/> (an update from <see cref="AddMessage"/>) with new text.</summary>
    public JsonObject AddEdit(JsonObject original, string text)
    {
        var message = original["message"]!.DeepClone().AsObject();
        message["text"] = text;
        message.Remove("entities");
        message["edit_date"] = Clock.GetUtcNow().ToUnixTimeSeconds();
        var update = new JsonObject { ["update_id"] = Interlocked.Increment(ref _nextUpdateId), ["edited_message"] = message };
        lock (_lock)
        {
            _updates.Add(update);
            _updatesArrived.TrySetResult();
        }

        return update;
    }

    public void AddMigration(long oldChatId, long newChatId)
    {
        var update = new JsonObject
        {
            ["update_id"] = Interlocked.Increment(ref _nextUpdateId),
            ["message"] = new JsonObject
            {
                ["message_id"] = Interlocked.Increment(ref _nextMessageId),
                ["date"] = 1_760_000_000,
                ["chat"] = new JsonObject { ["id"] = oldChatId, ["type"] = "group", ["title"] = "Test group" },
                ["from"] = new JsonObject { ["id"] = 42, ["is_bot"] = false, ["first_name"] = "Member" },
                ["migrate_to_chat_id"] = newChatId,
            },
        };
        lock (_lock)
        {
            _updates.Add(update);
            _updatesArrived.TrySetResult();
        }
    }

    /// <summary>Queues the update Telegram sends when the bot's own membership in a chat changes.</summary>
    public void AddMyChatMember(long chatId, string chatType, string oldStatus, string newStatus)
    {
        JsonObject Member(string status) => new()
        {
            ["status"] = status,
            ["user"] = new JsonObject { ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "CryptoDigest", ["username"] = BotUserName },
            ["until_date"] = status == "kicked" ? 0 : null,
        };

        var update = new JsonObject
        {
            ["update_id"] = Interlocked.Increment(ref _nextUpdateId),
            ["my_chat_member"] = new JsonObject
            {
                ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = chatType, ["title"] = chatType == "private" ? null : "Test group", ["first_name"] = chatType == "private" ? "Member" : null },
                ["from"] = new JsonObject { ["id"] = 42, ["is_bot"] = false, ["first_name"] = "Member" },
                ["date"] = 1_760_000_000,
                ["old_chat_member"] = Member(oldStatus),
                ["new_chat_member"] = Member(newStatus),
            },
        };
        lock (_lock)
        {
            _updates.Add(update);
            _updatesArrived.TrySetResult();
        }
    }

    public void SetMember(long chatId, long userId, string status) => _members[(chatId, userId)] = status;

    /// <summary>The next send to the chat gets this error instead of being delivered.</summary>
    public void FailNextSend(long chatId, int status, string description, JsonObject? parameters = null) =>
        _scripted.GetOrAdd(chatId, _ => new()).Enqueue((status, description, parameters));

    /// <summary>The next call of a method (getUpdates, getMe, setMyCommands…) gets this error instead of its answer.</summary>
    public void FailNextCall(string method, int status, string description, JsonObject? parameters = null) =>
        _scriptedCalls.GetOrAdd(method.ToLowerInvariant(), _ => new()).Enqueue((status, description, parameters));

    /// <summary>Every send to the chat gets 403 "bot was blocked by the user".</summary>
    public void Block(long chatId) => _blocked[chatId] = "Forbidden: bot was blocked by the user";

    /// <summary>The basic group became a supergroup: sends to the old id get 400 with migrate_to_chat_id.</summary>
    public void Migrate(long oldChatId, long newChatId) => _migrated[oldChatId] = newChatId;

    public IReadOnlyList<DeliveredMessage> DeliveredTo(long chatId) => Delivered.Where(m => m.ChatId == chatId).ToList();

    /// <summary>Completes when the chat has received at least <paramref name="count"/> messages; fails after a generous timeout.</summary>
    public Task<IReadOnlyList<DeliveredMessage>> WaitForMessagesAsync(long chatId, int count = 1) =>
        WaitForAsync(() => DeliveredTo(chatId) is var m && m.Count >= count ? m : null, $"{count} message(s) to chat {chatId}");

    public Task<IReadOnlyList<BotApiCall>> WaitForCallsAsync(string method, int count = 1) =>
        WaitForAsync(() => Calls.Where(c => c.Method == method.ToLowerInvariant()).ToList() is var m && m.Count >= count ? m : null, $"{count} {method} call(s)");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _singleThread.Dispose();
    }

    /// <summary>Awaits (woken by every call, for at most 60 s) until <paramref name="probe"/> finds something.</summary>
    public async Task<IReadOnlyList<T>> WaitForAsync<T>(Func<IReadOnlyList<T>?> probe, string what)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _waiters.Add((() => probe() is not null, signal));
        }

        if (probe() is { } now)
        {
            return now;
        }

        try
        {
            await signal.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The Bot API stand-in never saw {what}. Calls: {string.Join(", ", Calls.Select(c => $"{c.Method}={c.Status}"))}");
        }

        return probe()!;
    }

    private async Task HandleAsync(HttpContext context, string token, string method)
    {
        if (ServerTime > TimeSpan.Zero)
        {
            await Task.Delay(ServerTime, CancellationToken.None);
        }

        // A held getUpdates must not hold the one thread the other requests are waiting for.
        var gated = SingleThreaded && !method.Equals("getUpdates", StringComparison.OrdinalIgnoreCase);
        if (gated)
        {
            await _singleThread.WaitAsync(CancellationToken.None);
        }

        try
        {
            await AnswerRequestAsync(context, token, method);
        }
        finally
        {
            if (gated)
            {
                _singleThread.Release();
            }
        }
    }

    private async Task AnswerRequestAsync(HttpContext context, string token, string method)
    {
        var parameters = await ReadParametersAsync(context.Request);
        method = method.ToLowerInvariant();
        var (status, result, description, errorParameters) = token == Token
            ? await AnswerAsync(method, parameters, context.RequestAborted)
            : (401, null, "Unauthorized: invalid token specified", null);

        Record(new BotApiCall(method, parameters, status, description, Clock.GetUtcNow()));
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var body = status == 200
            ? new JsonObject { ["ok"] = true, ["result"] = result }
            : new JsonObject { ["ok"] = false, ["error_code"] = status, ["description"] = description, ["parameters"] = errorParameters };
        if (status == 429)
        {
            context.Response.Headers.RetryAfter = ((int?)errorParameters?["retry_after"] ?? 1).ToString(CultureInfo.InvariantCulture);
        }

        await context.Response.WriteAsync(body.ToJsonString(), CancellationToken.None);
    }

    private async Task<(int Status, JsonNode? Result, string? Description, JsonObject? Parameters)> AnswerAsync(string method, JsonObject parameters, CancellationToken aborted)
    {
        if (_scriptedCalls.TryGetValue(method, out var script) && script.TryDequeue(out var failure))
        {
            return Error(failure.Status, failure.Description, failure.Parameters);
        }

        switch (method)
        {
            case "getme":
                return Ok(new JsonObject { ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "CryptoDigest", ["username"] = BotUserName, ["can_read_all_group_messages"] = CanReadAllGroupMessages });
            case "deletemessage":
            case "setmycommands":
            case "sendchataction":
            case "deletewebhook" when Clear():
                return Ok(true);
            case "setwebhook":
                _webhookUrl = (string?)parameters["url"];
                return Ok(true);
            case "getupdates":
                return await GetUpdatesAsync(parameters, aborted);
            case "answercallbackquery":
                return Ok(true);
            case "editmessagetext":
                return EditText(parameters);
            case "editmessagereplymarkup":
                return EditReplyMarkup(parameters);
            case "getchatmember":
                if (ChatMemberFails)
                {
                    return Error(500, "Internal Server Error: restart");
                }

                var userId = Long(parameters["user_id"]);
                var status = _members.TryGetValue((Long(parameters["chat_id"]) ?? 0, userId ?? 0), out var known) ? known : "member";
                var member = new JsonObject { ["status"] = status, ["user"] = new JsonObject { ["id"] = userId, ["is_bot"] = false, ["first_name"] = "Member" } };
                if (status is "administrator" or "creator")
                {
                    member["is_anonymous"] = false;
                    member["can_be_edited"] = false;
                    member["can_manage_chat"] = true;
                    member["can_delete_messages"] = true;
                    member["can_manage_video_chats"] = true;
                    member["can_restrict_members"] = true;
                    member["can_promote_members"] = false;
                    member["can_change_info"] = true;
                    member["can_invite_users"] = true;
                    member["can_post_stories"] = false;
                    member["can_edit_stories"] = false;
                    member["can_delete_stories"] = false;
                }

                return Ok(member);
            case "sendmessage":
            case "sendphoto":
                if (SendsDown)
                {
                    return Error(502, "Bad Gateway");
                }

                if (HoldSends is { } hold)
                {
                    Record(new BotApiCall(method + ":held", parameters, 0, null, Clock.GetUtcNow()));
                    try
                    {
                        await hold.Task.WaitAsync(aborted);
                    }
                    catch (OperationCanceledException) when (aborted.IsCancellationRequested)
                    {
                        // Recorded so a test can wait until a killed client's held send is gone before releasing the rest.
                        Record(new BotApiCall(method + ":aborted", parameters, 0, null, Clock.GetUtcNow()));
                        throw;
                    }
                }

                return Send(method, parameters);
            default:
                return Error(404, "Not Found: method not found");
        }

        bool Clear()
        {
            _webhookUrl = null;
            return true;
        }
    }

    private async Task<(int, JsonNode?, string?, JsonObject?)> GetUpdatesAsync(JsonObject parameters, CancellationToken aborted)
    {
        if (_webhookUrl is not null)
        {
            return Error(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
        }

        // Telegram answers the newer request and ends the older one with 409, so a poller that gave up on its
        // long poll (shutting down, confirming its offset) is never refused by its own abandoned request.
        var mine = new CancellationTokenSource();
        CancellationTokenSource? older;
        lock (_lock)
        {
            older = _currentPoll;
            _currentPoll = mine;
        }

        // Not disposed: a source without a timer holds nothing, and the next request may still cancel it.
        older?.Cancel();
        try
        {
            var offset = (int?)Long(parameters["offset"]) ?? 0;
            // Like Telegram, only the update types asked for (by default all but a few, my_chat_member included;
            // asking for a list means exactly that list).
            var allowed = parameters["allowed_updates"] is JsonArray list ? list.Select(a => (string?)a).ToHashSet() : null;
            bool Allowed(JsonObject update) => allowed is null || update.Any(p => allowed.Contains(p.Key));
            // The real server holds a long poll up to 50 s; a short hold keeps tests and shutdown quick.
            var hold = TimeSpan.FromSeconds(Math.Clamp(Long(parameters["timeout"]) ?? 0, 0, 2));
            Task arrived;
            lock (_lock)
            {
                // An offset confirms every update below it: they are gone for good.
                _updates.RemoveAll(u => (int)u["update_id"]! < offset);
                if (_updates.Any(Allowed))
                {
                    return Ok(new JsonArray([.. _updates.Where(Allowed).Take((int?)Long(parameters["limit"]) ?? 100).Select(u => u.DeepClone())]));
                }

                if (_updatesArrived.Task.IsCompleted)
                {
                    _updatesArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                arrived = _updatesArrived.Task;
            }

            using var ended = CancellationTokenSource.CreateLinkedTokenSource(aborted, mine.Token);
            try
            {
                await arrived.WaitAsync(hold, ended.Token);
            }
            catch (TimeoutException)
            {
                return Ok(new JsonArray());
            }
            catch (OperationCanceledException) when (mine.IsCancellationRequested && !aborted.IsCancellationRequested)
            {
                return Error(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
            }

            lock (_lock)
            {
                return Ok(new JsonArray([.. _updates.Where(u => (int)u["update_id"]! >= offset && Allowed(u)).Take(100).Select(u => u.DeepClone())]));
            }
        }
        finally
        {
            lock (_lock)
            {
                if (_currentPoll == mine)
                {
                    _currentPoll = null;
                }
            }
        }
    }

    private (int, JsonNode?, string?, JsonObject?) Send(string method, JsonObject parameters)
    {
        var chatId = Long(parameters["chat_id"]) ?? 0;
        if (_scripted.TryGetValue(chatId, out var script) && script.TryDequeue(out var failure))
        {
            return Error(failure.Status, failure.Description, failure.Parameters);
        }

        if (_blocked.TryGetValue(chatId, out var blocked))
        {
            return Error(403, blocked);
        }

        if (_migrated.TryGetValue(chatId, out var newChatId))
        {
            return Error(400, "Bad Request: group chat was upgraded to a supergroup chat", new JsonObject { ["migrate_to_chat_id"] = newChatId });
        }

        var isPhoto = method == "sendphoto";
        var raw = (string?)parameters[isPhoto ? "caption" : "text"] ?? string.Empty;
        var parseMode = (string?)parameters["parse_mode"];
        if (isPhoto && parameters["photo"] is null)
        {
            return Error(400, "Bad Request: there is no photo in the request");
        }

        if (Encoding.UTF8.GetByteCount(raw) > 1 << 15)
        {
            return Error(400, "Bad Request: text is too long");
        }

        var plain = raw;
        if (string.Equals(parseMode, "html", StringComparison.OrdinalIgnoreCase))
        {
            var (parsed, error) = TelegramHtml.Parse(raw);
            if (error is not null)
            {
                return Error(400, "Bad Request: " + error);
            }

            plain = parsed!;
        }

        if (!isPhoto && plain.Trim().Length == 0)
        {
            return Error(400, "Bad Request: message text is empty");
        }

        var limit = isPhoto ? 1024 : 4096;
        if (TelegramHtml.CodePoints(plain.Trim()) > limit)
        {
            return Error(400, isPhoto ? "Bad Request: message caption is too long" : "Bad Request: message is too long");
        }

        lock (_lock)
        {
            // core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this
            var now = Clock.GetUtcNow();
            var chat = _chatSends.TryGetValue(chatId, out var list) ? list : _chatSends[chatId] = [];
            _globalSends.RemoveAll(t => t <= now.AddSeconds(-1));
            var tooFast = (chat.Count > 0 && now - chat[^1] < TimeSpan.FromSeconds(1))
                || (chatId < 0 && chat.Count(t => t > now.AddMinutes(-1)) >= 20)
                || _globalSends.Count >= GlobalMessagesPerSecond;
            if (tooFast)
            {
                return Error(429, "Too Many Requests: retry after 1", new JsonObject { ["retry_after"] = 1 });
            }

            chat.Add(now);
            _globalSends.Add(now);
            var threadId = (int?)Long(parameters["message_thread_id"]);
            var delivered = new DeliveredMessage(Interlocked.Increment(ref _nextMessageId), chatId, threadId, method, raw, plain.Trim(), parseMode, parameters);
            _deliveredCounts.AddOrUpdate(chatId, 1, (_, n) => n + 1);
            Accepted?.Invoke(chatId);
            if (KeepHistory)
            {
                _delivered.Add(delivered);
            }

            var result = new JsonObject
            {
                ["message_id"] = delivered.MessageId,
                ["date"] = now.ToUnixTimeSeconds(),
                ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = chatId > 0 ? "private" : "supergroup" },
            };
            if (isPhoto)
            {
                result["photo"] = new JsonArray(new JsonObject { ["file_id"] = "photo-1", ["file_unique_id"] = "u1", ["width"] = 1, ["height"] = 1 });
                result["caption"] = plain;
            }
            else
            {
                result["text"] = plain;
            }

            return Ok(result);
        }
    }

    // editMessageText: the same HTML check as a send; the result is the edited message.
    private static (int, JsonNode?, string?, JsonObject?) EditText(JsonObject parameters)
    {
        var raw = (string?)parameters["text"] ?? string.Empty;
        if (string.Equals((string?)parameters["parse_mode"], "html", StringComparison.OrdinalIgnoreCase) && TelegramHtml.Parse(raw).Error is { } error)
        {
            return Error(400, "Bad Request: " + error);
        }

        var chatId = Long(parameters["chat_id"]) ?? 0;
        return Ok(new JsonObject
        {
            ["message_id"] = Long(parameters["message_id"]),
            ["date"] = 1_760_000_000,
            ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = chatId > 0 ? "private" : "supergroup" },
            ["text"] = raw,
        });
    }

    // editMessageReplyMarkup: the result is the edited message (its keyboard is in the recorded call).
    private static (int, JsonNode?, string?, JsonObject?) EditReplyMarkup(JsonObject parameters)
    {
        var chatId = Long(parameters["chat_id"]) ?? 0;
        return Ok(new JsonObject
        {
            ["message_id"] = Long(parameters["message_id"]),
            ["date"] = 1_760_000_000,
            ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = chatId > 0 ? "private" : "supergroup" },
            ["text"] = "the message",
        });
    }

    private void Record(BotApiCall call)
    {
        _callCounts.AddOrUpdate((call.Method, call.Status), 1, (_, n) => n + 1);
        if (!KeepHistory)
        {
            return;
        }

        List<TaskCompletionSource> done;
        lock (_lock)
        {
            _calls.Add(call);
            done = _waiters.Where(w => w.Done()).Select(w => w.Signal).ToList();
            _waiters.RemoveAll(w => done.Contains(w.Signal));
        }

        done.ForEach(s => s.TrySetResult());
    }

    private static async Task<JsonObject> ReadParametersAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            // Telegram.Bot sends files as multipart/form-data: plain values as text, objects as JSON.
            var form = await request.ReadFormAsync();
            var fields = new JsonObject();
            foreach (var (key, value) in form)
            {
                var text = value.ToString();
                fields[key] = text.StartsWith('{') ? JsonNode.Parse(text) : text;
            }

            foreach (var file in form.Files)
            {
                fields[file.Name] = $"file:{file.FileName}:{file.Length}";
                // The bytes too, base64, so a test can decode what was uploaded (a chart).
                using var content = new MemoryStream();
                await file.CopyToAsync(content);
                fields[file.Name + "_content"] = Convert.ToBase64String(content.ToArray());
            }

            return fields;
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        return body.Length == 0 ? [] : JsonNode.Parse(body)!.AsObject();
    }

    private static long? Long(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.Number => node.GetValue<long>(),
        JsonValueKind.String => long.TryParse(node.GetValue<string>(), CultureInfo.InvariantCulture, out var value) ? value : null,
        _ => null,
    };

    private static (int, JsonNode?, string?, JsonObject?) Ok(JsonNode? result) => (200, result, null, null);

    private static (int, JsonNode?, string?, JsonObject?) Error(int status, string description, JsonObject? parameters = null) => (status, null, description, parameters);
}
