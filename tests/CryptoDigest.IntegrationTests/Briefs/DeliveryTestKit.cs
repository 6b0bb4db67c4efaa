using System.Globalization;
using CryptoDigest.Briefs;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Replies;
using CryptoDigest.Storage;
using CryptoDigest.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoDigest.IntegrationTests.Briefs;

/// <summary>A part the channel accepted: which chat, which part, and when (by the app's clock).</summary>
public sealed record ChannelSend(string ChatId, int Index, string IdempotencyKey, DateTimeOffset At);

/// <summary>
/// A platform for the delivery engine's tests: it accepts every part and records it, except the
/// one-off outcomes scripted for a chat and part (a transient failure, a blocked chat). It stands in
/// for Telegram or Discord at the IBriefChannel seam, so the engine around it is the real one.
/// </summary>
public sealed class RecordingBriefChannel(TimeProvider time, int parts = 1) : IBriefChannel
{
    private readonly Lock _lock = new();
    private readonly List<ChannelSend> _sent = [];
    private readonly List<(string ChatId, int Index)> _attempts = [];
    private readonly Dictionary<(string ChatId, int Index), Queue<BriefPartResult>> _scripted = [];
    private readonly HashSet<string> _gone = [];
    private readonly HashSet<string> _throwing = [];
    private int _nextMessageId;

    public ChatPlatform Platform => ChatPlatform.Telegram;

    public IReadOnlyList<ChannelSend> Sent
    {
        get
        {
            lock (_lock)
            {
                return [.. _sent];
            }
        }
    }

    /// <summary>Every call, sent or not.</summary>
    public IReadOnlyList<(string ChatId, int Index)> Attempts
    {
        get
        {
            lock (_lock)
            {
                return [.. _attempts];
            }
        }
    }

    public int CountParts(ChatReply brief) => parts;

    /// <summary>The next send of this part to this chat ends with <paramref name="result"/> instead of being accepted.</summary>
    public void FailNext(string chatId, int index, BriefPartResult result)
    {
        lock (_lock)
        {
            (_scripted.TryGetValue((chatId, index), out var queue) ? queue : _scripted[(chatId, index)] = new()).Enqueue(result);
        }
    }

    /// <summary>Every send to the chat answers "blocked", as Telegram does once a user blocks the bot.</summary>
    public void Block(string chatId)
    {
        lock (_lock)
        {
            _gone.Add(chatId);
        }
    }

    /// <summary>Every send to the chat throws, as a platform client can on an answer nobody foresaw.</summary>
    public void ThrowFor(string chatId)
    {
        lock (_lock)
        {
            _throwing.Add(chatId);
        }
    }

    public async Task<BriefPartResult> SendPartAsync(string chatId, string? threadId, ChatReply brief, int index, string idempotencyKey, CancellationToken cancellationToken)
    {
        // Let concurrent deliveries interleave as they would over a network.
        await Task.Yield();
        lock (_lock)
        {
            _attempts.Add((chatId, index));
            if (_throwing.Contains(chatId))
            {
                throw new InvalidOperationException($"unexpected answer for chat {chatId}");
            }

            if (_gone.Contains(chatId))
            {
                return new BriefPartResult(SendOutcome.ChatGone, Error: "Forbidden: bot was blocked by the user");
            }

            if (_scripted.TryGetValue((chatId, index), out var queue) && queue.TryDequeue(out var scripted))
            {
                return scripted;
            }

            _sent.Add(new ChannelSend(chatId, index, idempotencyKey, time.GetUtcNow()));
            return BriefPartResult.Sent((++_nextMessageId).ToString(CultureInfo.InvariantCulture));
        }
    }
}

/// <summary>Arranging and reading the outbox for the delivery tests.</summary>
public static class DeliveryTestKit
{
    /// <summary>A deliverer of the app's real composition, sending through <paramref name="channel"/>, under its own instance name.</summary>
    public static BriefDeliverer Deliverer(TestApp app, IBriefChannel channel, string instanceId, TimeProvider? clock = null) =>
        Deliverer(app.Services, channel, instanceId, clock);

    /// <summary>A deliverer of these services' composition, sending through <paramref name="channel"/>, under its own instance name.</summary>
    public static BriefDeliverer Deliverer(IServiceProvider services, IBriefChannel channel, string instanceId, TimeProvider? clock = null) =>
        new(
            services.GetRequiredService<IServiceScopeFactory>(),
            services.GetRequiredService<BriefComposer>(),
            [channel],
            services.GetRequiredService<ChatChanges>(),
            services.GetRequiredService<IOptions<DeliveryOptions>>(),
            clock ?? services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<BriefDeliverer>>(),
            services.GetRequiredService<IOptions<BriefsOptions>>(),
            services.GetRequiredService<BotMetrics>(),
            services.GetRequiredService<ChatBriefReplies>())
        {
            InstanceId = instanceId,
        };

    /// <summary>Awaits a condition on the database (checked every 20 ms) for at most 30 seconds.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
        }
    }

    /// <summary>Subscriptions created now (by the app's clock), so today's brief is owed only if its time is still ahead.</summary>
    public static async Task<IReadOnlyList<string>> SubscribeAsync(TestApp app, IEnumerable<string> chatIds, TimeOnly deliveryTime, string timeZone)
    {
        var chats = chatIds.ToList();
        await app.WithDbAsync(async db =>
        {
            db.Subscriptions.AddRange(chats.Select(chat => new Subscription
            {
                Platform = nameof(ChatPlatform.Telegram),
                ChatId = chat,
                DeliveryTime = deliveryTime,
                TimeZone = timeZone,
                CreatedAt = app.Time.GetUtcNow(),
            }));
            return await db.SaveChangesAsync();
        });
        return chats;
    }

    /// <summary>The edition every delivery will carry (composing it up front keeps concurrent deliveries from each composing one).</summary>
    public static async Task ComposeEditionAsync(TestApp app) => await app.Get<BriefComposer>().ComposeAsync(CancellationToken.None);

    public static Task<List<Delivery>> DeliveriesAsync(TestApp app) =>
        app.WithDbAsync(db => db.Deliveries.AsNoTracking().Include(d => d.Subscription).OrderBy(d => d.Id).ToListAsync());

    public static IEnumerable<string> Chats(int count, int first = 1) =>
        Enumerable.Range(first, count).Select(i => i.ToString(CultureInfo.InvariantCulture));

    public static Dictionary<string, string?> Settings(params (string Key, string Value)[] settings) =>
        settings.ToDictionary(s => s.Key, s => (string?)s.Value);
}
