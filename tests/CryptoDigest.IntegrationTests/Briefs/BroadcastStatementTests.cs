using System.Collections.Concurrent;
using System.Data.Common;
using CryptoDigest.Briefs;
using CryptoDigest.Replies;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Storage;
using CryptoDigest.Telemetry;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CryptoDigest.IntegrationTests.Briefs;

/// <summary>
/// A broadcast's chats start together; the statements they send to the database are counted, because a thousand
/// chats each reading the latest edition and building its reply held the first sends back by most of a second.
/// </summary>
public sealed class BroadcastStatementTests : IAsyncLifetime
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("cryptodigest-broadcast-");
    private readonly EditionReads _reads = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero));
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:SqlitePath"] = Path.Combine(_folder.FullName, "bot.db") })
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddBotForTest(configuration, _time);
        services.ConfigureDbContext<SqliteDigestDbContext>(o => o.AddInterceptors(_reads));
        _services = services.BuildServiceProvider(validateScopes: true);
        await _services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task Chats_that_start_together_read_the_latest_edition_once_and_build_their_shared_reply_once()
    {
        // Arrange: one edition, 200 chats with the same settings, all due.
        await _services.GetRequiredService<BriefComposer>().ComposeAsync(CancellationToken.None);
        await SubscribeAsync(200);
        await _services.GetRequiredService<BriefDispatcher>().DispatchNowAsync(null, CancellationToken.None);
        var channel = new RecordingBriefChannel(_time);
        _reads.Clear();

        // Act: one batch, every chat at once (Delivery:MaxConcurrentChats is above 200).
        await Deliverer(channel).DeliverDueAsync(CancellationToken.None);

        // Assert: every chat got its brief; the edition was read once for "which is the latest" and once for the reply.
        Assert.Equal(200, channel.Sent.Select(s => s.ChatId).Distinct().Count());
        Assert.Equal(200, channel.Sent.Count);
        Assert.InRange(_reads.Count, 1, 2);
    }

    private async Task SubscribeAsync(int chats)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        db.Subscriptions.AddRange(Enumerable.Range(1, chats).Select(i => new Subscription
        {
            Platform = nameof(ChatPlatform.Telegram),
            ChatId = (7000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
            DeliveryTime = new TimeOnly(8, 0),
            TimeZone = "Etc/UTC",
            CreatedAt = _time.GetUtcNow(),
        }));
        await db.SaveChangesAsync();
    }

    private BriefDeliverer Deliverer(IBriefChannel channel) =>
        new(
            _services.GetRequiredService<IServiceScopeFactory>(),
            _services.GetRequiredService<BriefComposer>(),
            [channel],
            _services.GetRequiredService<ChatChanges>(),
            _services.GetRequiredService<IOptions<DeliveryOptions>>(),
            _time,
            _services.GetRequiredService<ILogger<BriefDeliverer>>(),
            _services.GetRequiredService<IOptions<BriefsOptions>>(),
            _services.GetRequiredService<BotMetrics>(),
            _services.GetRequiredService<ChatBriefReplies>())
        {
            InstanceId = "broadcast",
        };

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
