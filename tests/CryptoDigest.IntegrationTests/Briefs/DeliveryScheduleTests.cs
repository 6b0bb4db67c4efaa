using System.Globalization;
using CryptoDigest.Briefs;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Storage;
using Microsoft.Extensions.Time.Testing;
using static CryptoDigest.IntegrationTests.Briefs.DeliveryTestKit;

namespace CryptoDigest.IntegrationTests.Briefs;

/// <summary>
/// When briefs go out: dispatch-due-briefs and deliver-briefs run every 15 minutes of a fake clock,
/// as the recurring job would (it runs every minute; 15 is coarse enough to be quick and still
/// shows a brief landing in the first run after its time), across daylight-saving changes.
/// </summary>
[Collection(PostgresCollection.Name)]
public class DeliveryScheduleTests(PostgresFixture postgres)
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(15);

    [Theory]
    [InlineData("2026-10-30")] // US clocks fall back on Sunday 2026-11-01
    [InlineData("2026-03-06")] // US clocks spring forward on Sunday 2026-03-08
    public async Task A_New_York_8am_subscription_gets_one_brief_per_local_day_at_8am_across_a_DST_change(string firstDay)
    {
        // Arrange: midnight in New York, subscribed just now.
        var start = LocalMidnight(firstDay);
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync(), time: new FakeTimeProvider(start));
        await ComposeEditionAsync(app);
        await SubscribeAsync(app, ["ny-0800"], new TimeOnly(8, 0), NewYork.Id);
        var channel = new RecordingBriefChannel(app.Time);

        // Act: four days of runs.
        await RunEveryStepAsync(app, channel, TimeSpan.FromDays(4));

        // Assert
        var days = Enumerable.Range(0, 4).Select(d => DateOnly.Parse(firstDay, CultureInfo.InvariantCulture).AddDays(d)).ToList();
        var sends = channel.Sent.Select(s => Local(s.At)).ToList();
        Assert.Equal(days, sends.Select(DateOnly.FromDateTime));
        Assert.All(sends, local => Assert.InRange(TimeOnly.FromDateTime(local), new TimeOnly(8, 0), new TimeOnly(8, 14, 59)));
        var deliveries = await DeliveriesAsync(app);
        Assert.Equal(days, deliveries.Select(d => d.LocalDate));
        Assert.All(deliveries, d => Assert.Equal(DeliveryStatus.Sent, d.Status));
    }

    [Fact]
    public async Task A_time_the_fall_back_repeats_is_sent_once_and_a_time_the_spring_forward_skips_is_sent_at_the_first_valid_minute()
    {
        // Arrange: 01:30 happens twice on 2026-11-01; 02:30 never happens on 2026-03-08.
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync(), time: new FakeTimeProvider(LocalMidnight("2026-03-07")));
        await ComposeEditionAsync(app);
        await SubscribeAsync(app, ["ny-0130"], new TimeOnly(1, 30), NewYork.Id);
        await SubscribeAsync(app, ["ny-0230"], new TimeOnly(2, 30), NewYork.Id);
        var channel = new RecordingBriefChannel(app.Time);

        // Act: 2026-03-07 to 2026-03-09, then (the clock jumps to a midnight, when nothing is due) 2026-10-31 to 2026-11-02.
        await RunEveryStepAsync(app, channel, TimeSpan.FromDays(3));
        app.Time.SetUtcNow(LocalMidnight("2026-10-31"));
        var sentBeforeJump = channel.Sent.Count;
        await RunEveryStepAsync(app, channel, TimeSpan.FromDays(3));

        // Assert
        var sends = channel.Sent.Select(s => (s.ChatId, Local: Local(s.At))).ToList();
        Assert.Equal(6, sentBeforeJump);
        Assert.Equal(
            ["2026-03-07 01:30", "2026-03-08 01:30", "2026-03-09 01:30", "2026-10-31 01:30", "2026-11-01 01:30", "2026-11-02 01:30"],
            sends.Where(s => s.ChatId == "ny-0130").Select(s => Minute(s.Local)));
        Assert.Equal(
            ["2026-03-07 02:30", "2026-03-08 03:00", "2026-03-09 02:30", "2026-10-31 02:30", "2026-11-01 02:30", "2026-11-02 02:30"],
            sends.Where(s => s.ChatId == "ny-0230").Select(s => Minute(s.Local)));
        // The first 01:30 of 2026-11-01 is still daylight time (UTC-4); the second one sends nothing.
        var repeated = channel.Sent.Single(s => s.ChatId == "ny-0130" && Local(s.At).Date == new DateTime(2026, 11, 1));
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 5, 30, 0, TimeSpan.Zero), repeated.At);
    }

    [Theory]
    [InlineData(4)] // hours past 08:00: more than the 3-hour grace
    [InlineData(75)] // down for three days
    public async Task A_brief_the_process_comes_back_for_after_the_grace_period_is_recorded_as_skipped_and_never_sent(int hoursLate)
    {
        // Arrange: 06:00 in New York; the process is down from now until well after 08:00.
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync(), Settings(("Delivery:GraceMinutes", "180")), new FakeTimeProvider(LocalTime("2026-11-23", 6)));
        await ComposeEditionAsync(app);
        await SubscribeAsync(app, ["late"], new TimeOnly(8, 0), NewYork.Id);
        var channel = new RecordingBriefChannel(app.Time);
        app.Time.SetUtcNow(LocalTime("2026-11-23", 8) + TimeSpan.FromHours(hoursLate));

        // Act: the process is back; the runs continue for an hour.
        await RunEveryStepAsync(app, channel, TimeSpan.FromHours(1));

        // Assert: only the day it came back on has a row (missed days are not owed), and nothing was sent.
        Assert.Empty(channel.Attempts);
        var delivery = Assert.Single(await DeliveriesAsync(app));
        Assert.Equal(DeliveryStatus.Skipped, delivery.Status);
        Assert.Equal(DateOnly.FromDateTime(Local(app.Time.GetUtcNow())), delivery.LocalDate);
        Assert.StartsWith("skipped", delivery.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_brief_the_process_comes_back_for_within_the_grace_period_is_sent_late_once_and_the_next_day_on_time()
    {
        // Arrange: down from 06:00 until 10:00 in New York, within the 3-hour grace of 08:00.
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync(), Settings(("Delivery:GraceMinutes", "180")), new FakeTimeProvider(LocalTime("2026-11-23", 6)));
        await ComposeEditionAsync(app);
        await SubscribeAsync(app, ["late"], new TimeOnly(8, 0), NewYork.Id);
        var channel = new RecordingBriefChannel(app.Time);
        app.Time.SetUtcNow(LocalTime("2026-11-23", 10));

        // Act: back at 10:00, then a day of runs.
        await RunOnceAsync(app, channel);
        await RunEveryStepAsync(app, channel, TimeSpan.FromDays(1));

        // Assert
        Assert.Equal(["2026-11-23 10:00", "2026-11-24 08:00"], channel.Sent.Select(s => Minute(Local(s.At))));
        Assert.All(await DeliveriesAsync(app), d => Assert.Equal(DeliveryStatus.Sent, d.Status));
    }

    private static async Task RunEveryStepAsync(TestApp app, RecordingBriefChannel channel, TimeSpan span)
    {
        for (var elapsed = TimeSpan.Zero; elapsed < span; elapsed += Step)
        {
            app.Time.Advance(Step);
            await RunOnceAsync(app, channel);
        }
    }

    private static async Task RunOnceAsync(TestApp app, RecordingBriefChannel channel)
    {
        await app.Get<BriefDispatcher>().DispatchDueAsync(CancellationToken.None);
        await Deliverer(app, channel, "schedule").DeliverDueAsync(CancellationToken.None);
    }

    private static DateTimeOffset LocalMidnight(string day) => LocalTime(day, 0);

    private static DateTimeOffset LocalTime(string day, int hour)
    {
        var local = DateOnly.Parse(day, CultureInfo.InvariantCulture).ToDateTime(new TimeOnly(hour, 0));
        return new DateTimeOffset(local, NewYork.GetUtcOffset(local)).ToUniversalTime();
    }

    private static DateTime Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, NewYork).DateTime;

    private static string Minute(DateTime local) => local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
