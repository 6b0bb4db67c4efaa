using System.Collections.Concurrent;
using System.Data.Common;
using CryptoDigest.Briefs;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Replies;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.IntegrationTests.Briefs;

/// <summary>
/// A broadcast's chats start together; the statements they send to the database are counted, because a thousand
/// chats each reading the latest edition and building its reply held the first sends back by most of a second.
/// </summary>
public sealed class BroadcastStatementTests : IAsyncLifetime
{
    private readonly EditionReads _reads = new();
    private SqliteTestApp _app = null!;

    public async Task InitializeAsync() => _app = await SqliteTestApp.StartAsync(interceptor: _reads);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Chats_that_start_together_read_the_latest_edition_once_and_build_their_shared_reply_once()
    {
        // Arrange: one edition, 200 chats with the same settings, all due.
        await _app.Get<BriefComposer>().ComposeAsync(CancellationToken.None);
        await SubscribeAsync(200);
        await _app.Get<BriefDispatcher>().DispatchNowAsync(null, CancellationToken.None);
        var channel = new RecordingBriefChannel(_app.Time);
        _reads.Clear();

        // Act: one batch, every chat at once (Delivery:MaxConcurrentChats is above 200).
        await DeliveryTestKit.Deliverer(_app.Services, channel, "broadcast", _app.Time).DeliverDueAsync(CancellationToken.None);

        // Assert: every chat got its brief; the edition was read once for "which is the latest" and once for the reply.
        Assert.Equal(200, channel.Sent.Select(s => s.ChatId).Distinct().Count());
        Assert.Equal(200, channel.Sent.Count);
        Assert.InRange(_reads.Count, 1, 2);
    }

    private async Task SubscribeAsync(int chats)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        db.Subscriptions.AddRange(Enumerable.Range(1, chats).Select(i => new Subscription
        {
            Platform = nameof(ChatPlatform.Telegram),
            ChatId = (7000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
            DeliveryTime = new TimeOnly(8, 0),
            TimeZone = "Etc/UTC",
            CreatedAt = _app.Time.GetUtcNow(),
        }));
        await db.SaveChangesAsync();
    }

    /// <summary>Counts the statements that read the editions table.</summary>
    private sealed class EditionReads : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<string> _texts = new();

        public int Count => _texts.Count(t => t.Contains("FROM \"Editions\"", StringComparison.Ordinal));

        public void Clear() => _texts.Clear();

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            _texts.Enqueue(command.CommandText);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
