using System.Globalization;
using CryptoDigest.Briefs;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.IntegrationTests.Telegram;

/// <summary>
/// Scheduled briefs through the Bot API stand-in on a fake clock (docs/jobs.md, "Delivering each brief once"):
/// a late compose never makes a chat get yesterday's edition again, and an outage of the platform longer than
/// the old five attempts costs no brief while Delivery:GraceMinutes lasts.
/// </summary>
[Collection(PostgresCollection.Name)]
public class TelegramBriefDeliveryTests(PostgresFixture postgres)
{
    private const long Chat = 7_100_001;

    [Fact]
    public async Task A_late_compose_never_repeats_yesterdays_edition_and_the_chat_gets_todays_once_it_is_composed()
    {
        // Arrange: yesterday's edition, composed at 07:00 and delivered at 08:00.
        var clock = new OneShotTimerClock(new DateTimeOffset(2026, 11, 22, 7, 0, 0, TimeSpan.Zero));
        await using var api = await StandInAsync(clock);
        await using var host = await TelegramTestHost.StartAsync(await postgres.CreateDatabaseAsync(), api, Settings(), start: false, clock: clock);
        var yesterday = await host.Services.GetRequiredService<BriefComposer>().ComposeAsync(CancellationToken.None);
        await SubscribeAsync(host, Chat);
        clock.Advance(TimeSpan.FromHours(1));
        await RunDispatchAsync(host);
        var yesterdays = await host.Api.WaitForMessagesAsync(Chat);

        // Act: today at 07:00 the compose fails (the database blips for the articles), and keeps failing past the
        // chat's 08:00; the chat is due and its delivery runs.
        clock.Advance(TimeSpan.FromHours(23));
        await WithDbAsync(host, db => db.Database.ExecuteSqlRawAsync("""ALTER TABLE "Articles" RENAME TO "ArticlesAway" """));
        await Assert.ThrowsAnyAsync<Exception>(() => new ComposeBriefJob(host.Services.GetRequiredService<BriefComposer>(), host.Services.GetRequiredService<CryptoDigest.Storage.JobOutcomes>()).RunAsync(CancellationToken.None));
        clock.Advance(TimeSpan.FromHours(1));
        await RunDispatchAsync(host);
        var waiting = await TodaysDeliveryAsync(host);

        // The database is back; compose-brief's retry composes today's edition, and the next runs deliver it.
        await WithDbAsync(host, db => db.Database.ExecuteSqlRawAsync("""ALTER TABLE "ArticlesAway" RENAME TO "Articles" """));
        clock.Advance(TimeSpan.FromMinutes(5));
        var today = await host.Services.GetRequiredService<BriefComposer>().ComposeAsync(CancellationToken.None);
        for (var minute = 0; minute < 10 && host.Api.DeliveredTo(Chat).Count == yesterdays.Count; minute++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            await RunDispatchAsync(host);
        }

        // Assert: nothing went out while only yesterday's edition existed; then today's, once.
        Assert.Equal(DeliveryStatus.Pending, waiting.Status);
        Assert.Null(waiting.EditionId);
        Assert.StartsWith("the latest edition is one this chat already has", waiting.LastError, StringComparison.Ordinal);
        var delivered = host.Api.DeliveredTo(Chat);
        Assert.Equal(yesterdays.Count * 2, delivered.Count);
        Assert.NotEqual(yesterday.Id, today.Id);
        var sent = await TodaysDeliveryAsync(host);
        Assert.Equal(DeliveryStatus.Sent, sent.Status);
        Assert.Equal(today.Id, sent.EditionId);
        Assert.DoesNotContain(delivered.Skip(yesterdays.Count), m => yesterdays.Any(y => y.RawText == m.RawText));
    }

    [Fact]
    public async Task When_compose_brief_did_not_run_today_a_due_chat_gets_a_fresh_edition_not_yesterdays_again()
    {
        // Arrange: yesterday's edition was delivered; today's compose-brief was dropped after its retries.
        var clock = new OneShotTimerClock(new DateTimeOffset(2026, 11, 22, 7, 0, 0, TimeSpan.Zero));
        await using var api = await StandInAsync(clock);
        await using var host = await TelegramTestHost.StartAsync(await postgres.CreateDatabaseAsync(), api, Settings(), start: false, clock: clock);
        var yesterday = await host.Services.GetRequiredService<BriefComposer>().ComposeAsync(CancellationToken.None);
        await SubscribeAsync(host, Chat);
        clock.Advance(TimeSpan.FromHours(1));
        await RunDispatchAsync(host);
        var yesterdays = await host.Api.WaitForMessagesAsync(Chat);

        // Act: the chat is due today, with yesterday's edition (25 hours old) still the latest.
        clock.Advance(TimeSpan.FromHours(24));
        await RunDispatchAsync(host);

        // Assert
        var sent = await TodaysDeliveryAsync(host);
        Assert.True(sent.Status == DeliveryStatus.Sent, sent.LastError);
        Assert.NotNull(sent.EditionId);
        Assert.NotEqual(yesterday.Id, sent.EditionId);
        var delivered = host.Api.DeliveredTo(Chat);
        Assert.Equal(yesterdays.Count * 2, delivered.Count);
        Assert.DoesNotContain(delivered.Skip(yesterdays.Count), m => yesterdays.Any(y => y.RawText == m.RawText));
    }

    [Fact]
    public async Task An_outage_of_twenty_minutes_at_delivery_time_delays_the_brief_until_it_ends_within_the_grace()
    {
        // Arrange: the shipped retry settings; Telegram answers every send with 502 for twenty minutes from 08:00.
        var clock = new OneShotTimerClock(new DateTimeOffset(2026, 11, 23, 7, 0, 0, TimeSpan.Zero));
        await using var api = await StandInAsync(clock);
        await using var host = await TelegramTestHost.StartAsync(await postgres.CreateDatabaseAsync(), api, Settings(), start: false, clock: clock);
        await host.Services.GetRequiredService<BriefComposer>().ComposeAsync(CancellationToken.None);
        await SubscribeAsync(host, Chat);
        clock.Advance(TimeSpan.FromHours(1));
        var dueAt = clock.GetUtcNow();
        var outageEnds = dueAt + TimeSpan.FromMinutes(20);
        var grace = TimeSpan.FromMinutes(new DeliveryOptions().GraceMinutes);

        // Act: dispatch-due-briefs every minute, for as long as the grace lasts or until the brief arrives.
        while (host.Api.DeliveredTo(Chat).Count == 0 && clock.GetUtcNow() < dueAt + grace)
        {
            host.Api.SendsDown = clock.GetUtcNow() < outageEnds;
            await RunDispatchAsync(host);
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        // Assert: sent once, after the outage, within the grace; more attempts than the old five were made.
        var delivery = await TodaysDeliveryAsync(host);
        Assert.Equal(DeliveryStatus.Sent, delivery.Status);
        Assert.InRange(delivery.SentAt!.Value, outageEnds, dueAt + grace);
        Assert.True(delivery.Attempts > 5, $"{delivery.Attempts} attempts");
        Assert.Equal(delivery.SentParts, host.Api.DeliveredTo(Chat).Count);
        Assert.Equal(0, delivery.PossibleDuplicates);
    }

    [Fact]
    public async Task An_at_name_in_a_feed_title_and_summary_reaches_the_chat_as_text_that_notifies_nobody()
    {
        // Arrange: a newsletter item whose title and text name a member of the chat.
        var clock = new OneShotTimerClock(new DateTimeOffset(2026, 11, 23, 7, 0, 0, TimeSpan.Zero));
        await using var api = await StandInAsync(clock);
        await using var host = await TelegramTestHost.StartAsync(await postgres.CreateDatabaseAsync(), api, new Dictionary<string, string?> { ["Feeds:UseSamplesWhenOffline"] = "false" }, start: false, clock: clock);
        await WithDbAsync(host, db =>
        {
            var source = new NewsletterSource { Name = "Airdrop Weekly" };
            db.Articles.Add(new Article
            {
                Source = source,
                Guid = "mention-1",
                Title = "Ask @victim_user for the airdrop code",
                Url = new Uri("https://news.example.com/airdrop"),
                Text = "The team says @victim_user holds the codes. Write to desk@news.example.com for the rules of the airdrop round.",
                ContentHash = "mention-1",
                PublishedAt = clock.GetUtcNow().AddHours(-2),
                FetchedAt = clock.GetUtcNow().AddHours(-1),
            });
            return db.SaveChangesAsync();
        });
        await host.Services.GetRequiredService<BriefComposer>().ComposeAsync(CancellationToken.None);
        await SubscribeAsync(host, Chat);
        clock.Advance(TimeSpan.FromHours(1));

        // Act
        await RunDispatchAsync(host);

        // Assert: the name is there to read, but never as @name, which Telegram would turn into a mention.
        var text = string.Concat(api.DeliveredTo(Chat).Select(m => m.RawText));
        Assert.Contains("@\u200Dvictim_user", text, StringComparison.Ordinal);
        Assert.DoesNotContain("@victim_user", text, StringComparison.Ordinal);
    }

    // The stand-in paces chats by the bot's clock, as Telegram and the bot agree on what a second is.
    private static async Task<BotApiStandIn> StandInAsync(TimeProvider clock)
    {
        var api = await BotApiStandIn.StartAsync();
        api.Clock = clock;
        return api;
    }

    // The bundled sample issues make the first edition; later ones say there is nothing new since it.
    private static Dictionary<string, string?> Settings() => new() { ["Feeds:UseSamplesWhenOffline"] = "true" };

    // One run of dispatch-due-briefs and the deliver-briefs work it starts. The sender's own short retries wait on
    // the fake clock, which passes each wait as it starts.
    private static async Task RunDispatchAsync(TelegramTestHost host)
    {
        var clock = (OneShotTimerClock)host.Services.GetRequiredService<TimeProvider>();
        await host.Services.GetRequiredService<BriefDispatcher>().DispatchDueAsync(CancellationToken.None);
        await clock.RunAsync(() => host.Services.GetRequiredService<BriefDeliverer>().DeliverDueAsync(CancellationToken.None));
    }

    private static async Task SubscribeAsync(TelegramTestHost host, long chat) =>
        await WithDbAsync(host, db =>
        {
            var clock = host.Services.GetRequiredService<TimeProvider>();
            db.Subscriptions.Add(new Subscription
            {
                Platform = "Telegram",
                ChatId = chat.ToString(CultureInfo.InvariantCulture),
                DeliveryTime = new TimeOnly(8, 0),
                TimeZone = "Etc/UTC",
                CreatedAt = clock.GetUtcNow(),
            });
            return db.SaveChangesAsync();
        });

    private static Task<Delivery> TodaysDeliveryAsync(TelegramTestHost host) =>
        WithDbAsync(host, db => db.Deliveries.AsNoTracking().OrderByDescending(d => d.LocalDate).FirstAsync());

    private static async Task<T> WithDbAsync<T>(TelegramTestHost host, Func<DigestDbContext, Task<T>> work)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<DigestDbContext>());
    }
}
