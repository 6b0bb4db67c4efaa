using System.Diagnostics;
using CryptoDigest.Briefs;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Replies;
using CryptoDigest.Storage;
using CryptoDigest.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoDigest.IntegrationTests.Briefs;

/// <summary>A broadcast reads the outbox and the subscriptions in batches, never all of them at once.</summary>
public sealed class StreamingBroadcastTests
{
    private const int Chats = 3_000;
    private const int BatchSize = 100;

    [Fact]
    public async Task A_broadcast_to_3000_chats_on_sqlite_delivers_every_chat_once_while_no_query_reads_more_than_one_batch_of_rows()
    {
        await using var app = await SqliteTestApp.StartAsync(new Dictionary<string, string?> { ["Delivery:BatchSize"] = BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await app.WithDbAsync(async db =>
        {
            db.Subscriptions.AddRange(Enumerable.Range(1, Chats).Select(i => new Subscription
            {
                Platform = nameof(ChatPlatform.Telegram),
                ChatId = $"chat-{i}",
                DeliveryTime = new TimeOnly(5, 30),
                TimeZone = "UTC",
                CreatedAt = app.Time.GetUtcNow().AddDays(-1),
            }));
            return await db.SaveChangesAsync();
        });
        await app.Get<BriefComposer>().ComposeAsync(CancellationToken.None);
        var channel = new RecordingBriefChannel(app.Time);
        var deliverer = new BriefDeliverer(
            app.Get<IServiceScopeFactory>(),
            app.Get<BriefComposer>(),
            [channel],
            app.Get<ChatChanges>(),
            app.Get<IOptions<DeliveryOptions>>(),
            app.Time,
            app.Get<ILogger<BriefDeliverer>>(),
            app.Get<IOptions<BriefsOptions>>(),
            app.Get<BotMetrics>(),
            app.Get<ChatBriefReplies>());

        using var rows = new LargestReadCounter(app.DatabasePath);
        var dispatched = await app.Get<BriefDispatcher>().DispatchDueAsync(CancellationToken.None);
        var delivered = await deliverer.DeliverDueAsync(CancellationToken.None);

        Assert.Equal(Chats, dispatched);
        Assert.Equal(Chats, delivered);
        var sent = channel.Sent.GroupBy(s => s.ChatId).ToList();
        Assert.Equal(Chats, sent.Count);
        Assert.All(sent, chat => Assert.Single(chat));
        Assert.Equal(Chats, await app.WithDbAsync(db => db.Deliveries.CountAsync(d => d.Status == DeliveryStatus.Sent)));
        // Rows one reader handed over (a read past the last row counts too): one batch at most, where reading
        // every subscription or every open delivery at once would be 3,000.
        Assert.InRange(rows.Largest, 1, BatchSize + 1);
    }

    /// <summary>The most rows any single EF Core query read from one database file, from EF Core's own diagnostic events.</summary>
    private sealed class LargestReadCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly string _databasePath;
        private readonly IDisposable _all;
        private readonly List<IDisposable> _subscriptions = [];
        private int _largest;

        public LargestReadCounter(string databasePath)
        {
            _databasePath = databasePath;
            _all = DiagnosticListener.AllListeners.Subscribe(this);
        }

        public int Largest => Volatile.Read(ref _largest);

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                lock (_subscriptions)
                {
                    _subscriptions.Add(listener.Subscribe(this, (name, _, _) => name == RelationalEventId.DataReaderDisposing.Name));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Value is DataReaderDisposingEventData data && data.Command.Connection?.DataSource == _databasePath)
            {
                var read = data.ReadCount;
                int seen;
                while (read > (seen = Volatile.Read(ref _largest)) && Interlocked.CompareExchange(ref _largest, read, seen) != seen)
                {
                }
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            _all.Dispose();
            lock (_subscriptions)
            {
                _subscriptions.ForEach(s => s.Dispose());
            }
        }
    }
}
