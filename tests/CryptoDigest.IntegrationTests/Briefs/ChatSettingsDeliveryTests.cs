using CryptoDigest.Briefs;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Replies;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace CryptoDigest.IntegrationTests.Briefs;

/// <summary>
/// Each chat its own brief, through the real dispatcher and deliverer on PostgreSQL: topic filters and
/// length per chat from one edition, weekdays skipping the weekend, a weekly digest of the week's
/// editions, and the market line computed from the bundled sample market data (labelled).
/// </summary>
[Collection(PostgresCollection.Name)]
public class ChatSettingsDeliveryTests(PostgresFixture postgres)
{
    // 2026-11-28 is a Saturday; the sample stories' edition ends at 06:15.
    private static readonly DateTimeOffset SaturdaySix = new(2026, 11, 28, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task One_edition_is_sent_to_each_chat_with_its_own_topics_length_and_market_line()
    {
        // Arrange: four sample stories; one chat keeps only governance in headlines, one wants ETH, one everything with the market line.
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync(), time: new FakeTimeProvider(SaturdaySix));
        await ComposeWithSamplesAsync(app);
        await SubscribeAsync(app, "governance", s => { s.Topics = "+governance"; s.Length = "headlines"; });
        await SubscribeAsync(app, "eth", s => s.Topics = "+eth +solana");
        await SubscribeAsync(app, "everything", s => s.MarketLine = true);
        var channel = new ReplyRecordingChannel();

        // Act
        await app.Get<BriefDispatcher>().DispatchNowAsync(null, CancellationToken.None);
        await DeliveryTestKit.Deliverer(app, channel, "settings-test").DeliverDueAsync(CancellationToken.None);

        // Assert
        var governance = channel.Text("governance");
        Assert.Contains("DeFi this week", governance, StringComparison.Ordinal);
        Assert.DoesNotContain("On-chain week", governance, StringComparison.Ordinal);
        Assert.Contains("1 story.", governance, StringComparison.Ordinal);
        Assert.Contains("3 items filtered out by this chat's topics (+governance).", governance, StringComparison.Ordinal);

        var eth = channel.Text("eth");
        Assert.Contains("Nothing on ETH or SOL today: 4 items were filtered out", eth, StringComparison.Ordinal);
        Assert.DoesNotContain("Sample issue:", eth, StringComparison.Ordinal);

        var everything = channel.Text("everything");
        Assert.Contains("On-chain week", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("filtered out", everything, StringComparison.Ordinal);
        Assert.Matches(@"Market on \d{4}-\d{2}-\d{2}: BTC \$[\d,]+ \(24 h [+-]\d+\.\d%, 7 d [+-]\d+\.\d%\)", everything);
        Assert.Contains("SAMPLE data", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("Market on", governance, StringComparison.Ordinal);
        Assert.All(await DeliveriesAsync(app), d => Assert.Equal(DeliveryStatus.Sent, d.Status));
    }

    [Fact]
    public async Task Weekdays_skips_saturday_and_sunday_in_the_chats_zone_while_daily_does_not()
    {
        // Arrange: 07:00 UTC briefs, subscribed on Saturday at 06:00.
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync(), time: new FakeTimeProvider(SaturdaySix));
        await SubscribeAsync(app, "daily", _ => { });
        await SubscribeAsync(app, "weekdays", s => s.Cadence = "weekdays");
        var dispatcher = app.Get<BriefDispatcher>();

        // Act: dispatch after 07:00 on Saturday, Sunday and Monday.
        for (var day = 0; day < 3; day++)
        {
            app.Time.SetUtcNow(SaturdaySix.AddDays(day).AddHours(1).AddMinutes(5));
            await dispatcher.DispatchDueAsync(CancellationToken.None);
        }

        // Assert
        var deliveries = await DeliveriesAsync(app);
        var saturday = DateOnly.FromDateTime(SaturdaySix.UtcDateTime);
        Assert.Equal([saturday, saturday.AddDays(1), saturday.AddDays(2)], deliveries.Where(d => d.Subscription!.ChatId == "daily").Select(d => d.LocalDate));
        Assert.Equal([saturday.AddDays(2)], deliveries.Where(d => d.Subscription!.ChatId == "weekdays").Select(d => d.LocalDate));
    }

    [Fact]
    public async Task A_weekly_chat_gets_the_weeks_stories_on_its_day_and_a_daily_chat_gets_the_day()
    {
        // Arrange: the sample stories arrive in Saturday's edition; Tuesday's edition has nothing new.
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync(), time: new FakeTimeProvider(SaturdaySix));
        await ComposeWithSamplesAsync(app);
        await SubscribeAsync(app, "weekly", s => s.Cadence = "weekly tue");
        await SubscribeAsync(app, "daily", _ => { });
        var channel = new ReplyRecordingChannel();
        var dispatcher = app.Get<BriefDispatcher>();
        var deliverer = DeliveryTestKit.Deliverer(app, channel, "weekly-test");

        // Act: Monday's run, then Tuesday's, each after 07:00 with a fresh edition.
        for (var day = 2; day <= 3; day++)
        {
            app.Time.SetUtcNow(SaturdaySix.AddDays(day).AddHours(1).AddMinutes(5));
            await DeliveryTestKit.ComposeEditionAsync(app);
            await dispatcher.DispatchDueAsync(CancellationToken.None);
            await deliverer.DeliverDueAsync(CancellationToken.None);
        }

        // Assert: the weekly chat was sent once, on Tuesday, the stories of Saturday's edition among the week's.
        var weekly = Assert.Single(channel.Replies("weekly"));
        Assert.Contains("Weekly brief, the week to 1 December 2026", weekly, StringComparison.Ordinal);
        Assert.Contains("This week: 4 stories", weekly, StringComparison.Ordinal);
        Assert.Contains("DeFi this week", weekly, StringComparison.Ordinal);
        var daily = channel.Replies("daily");
        Assert.Equal(2, daily.Count);
        Assert.Contains("No new newsletter items", daily[1], StringComparison.Ordinal);
        Assert.DoesNotContain("DeFi this week", daily[1], StringComparison.Ordinal);
    }

    /// <summary>
    /// An edition holding the bundled sample stories: the first edition stores them at this instant (its window
    /// ends now, so it holds none of them); a second, a quarter of an hour later, takes them in.
    /// </summary>
    internal static async Task ComposeWithSamplesAsync(TestApp app)
    {
        await DeliveryTestKit.ComposeEditionAsync(app);
        app.Time.Advance(TimeSpan.FromMinutes(15));
        await DeliveryTestKit.ComposeEditionAsync(app);
    }

    private static async Task SubscribeAsync(TestApp app, string chatId, Action<Subscription> settings)
    {
        var subscription = new Subscription
        {
            Platform = nameof(ChatPlatform.Telegram),
            ChatId = chatId,
            DeliveryTime = new TimeOnly(7, 0),
            TimeZone = "UTC",
            CreatedAt = app.Time.GetUtcNow(),
        };
        settings(subscription);
        await app.WithDbAsync(async db =>
        {
            db.Subscriptions.Add(subscription);
            return await db.SaveChangesAsync();
        });
    }

    private static Task<List<Delivery>> DeliveriesAsync(TestApp app) =>
        app.WithDbAsync(db => db.Deliveries.AsNoTracking().Include(d => d.Subscription).OrderBy(d => d.Id).ToListAsync());

    /// <summary>A one-part platform that keeps the text of every brief it is sent, by chat.</summary>
    private sealed class ReplyRecordingChannel : IBriefChannel
    {
        private readonly Lock _lock = new();
        private readonly List<(string ChatId, string Text)> _sent = [];

        public ChatPlatform Platform => ChatPlatform.Telegram;

        public int CountParts(ChatReply brief) => 1;

        public Task<BriefPartResult> SendPartAsync(string chatId, string? threadId, ChatReply brief, int index, string idempotencyKey, CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                _sent.Add((chatId, brief.ToString()));
                return Task.FromResult(BriefPartResult.Sent(_sent.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        public List<string> Replies(string chatId)
        {
            lock (_lock)
            {
                return _sent.Where(s => s.ChatId == chatId).Select(s => s.Text).ToList();
            }
        }

        public string Text(string chatId) => Assert.Single(Replies(chatId));
    }
}
