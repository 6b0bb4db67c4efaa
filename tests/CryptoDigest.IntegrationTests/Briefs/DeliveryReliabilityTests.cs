using CryptoDigest.Briefs;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Replies;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static CryptoDigest.IntegrationTests.Briefs.DeliveryTestKit;

namespace CryptoDigest.IntegrationTests.Briefs;

/// <summary>
/// The outbox's promises (docs/jobs.md, "Delivering each brief once"): a dead claim is taken over, a retry
/// resumes, a gone chat stops, and instances sharing the database never send a chat's brief twice.
/// </summary>
[Collection(PostgresCollection.Name)]
public class DeliveryReliabilityTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_claim_whose_holder_died_is_taken_over_after_its_lease_and_delivered_once_with_the_possible_duplicate_counted()
    {
        // Arrange: the "dead" instance claims every delivery and is never heard from again.
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync(), Settings(("Delivery:LeaseMinutes", "10")));
        await ComposeEditionAsync(app);
        var chats = await SubscribeAsync(app, Chats(5), new TimeOnly(8, 0), "Etc/UTC");
        await app.Get<BriefDispatcher>().DispatchNowAsync(null, CancellationToken.None);
        var channel = new RecordingBriefChannel(app.Time);
        var dead = Deliverer(app, channel, "dead");
        var survivor = Deliverer(app, channel, "survivor");
        var claimed = await dead.ClaimAsync(10, CancellationToken.None);

        // Act
        var duringLease = await survivor.DeliverDueAsync(CancellationToken.None);
        app.Time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        var afterLease = await survivor.DeliverDueAsync(CancellationToken.None);
        foreach (var id in claimed)
        {
            // The dead instance wakes up (a long GC pause, a frozen VM): its claim is no longer its own.
            await dead.DeliverOneAsync(id, CancellationToken.None);
        }

        // Assert
        Assert.Equal(5, claimed.Count);
        Assert.Equal(0, duringLease);
        Assert.Equal(5, afterLease);
        Assert.Equal(chats, channel.Sent.Select(s => s.ChatId).Order());
        Assert.All(await DeliveriesAsync(app), d =>
        {
            Assert.Equal(DeliveryStatus.Sent, d.Status);
            Assert.Equal("survivor", d.ClaimedBy);
            Assert.Equal(2, d.Attempts);
            Assert.Equal(1, d.PossibleDuplicates);
        });
    }

    [Fact]
    public async Task With_the_default_settings_a_killed_holders_claims_are_taken_over_within_one_short_lease()
    {
        // Arrange: the shipped lease; the "killed" instance claims every delivery and never renews or sends.
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync(), Settings());
        var lease = TimeSpan.FromMinutes(new DeliveryOptions().LeaseMinutes);
        await ComposeEditionAsync(app);
        var chats = await SubscribeAsync(app, Chats(20), new TimeOnly(8, 0), "Etc/UTC");
        await app.Get<BriefDispatcher>().DispatchNowAsync(null, CancellationToken.None);
        var channel = new RecordingBriefChannel(app.Time);
        var killed = Deliverer(app, channel, "killed");
        var restarted = Deliverer(app, channel, "restarted");
        var claimed = await killed.ClaimAsync(100, CancellationToken.None);

        // Act: the restarted instance looks at once, then again one lease (and a second) later.
        var atOnce = await restarted.DeliverDueAsync(CancellationToken.None);
        app.Time.Advance(lease + TimeSpan.FromSeconds(1));
        var afterOneLease = await restarted.DeliverDueAsync(CancellationToken.None);

        // Assert: a lease of at most a minute, and every chat delivered once after it.
        Assert.True(lease <= TimeSpan.FromMinutes(1), $"the default lease is {lease}");
        Assert.Equal(20, claimed.Count);
        Assert.Equal(0, atOnce);
        Assert.Equal(20, afterOneLease);
        Assert.Equal(chats.Order(StringComparer.Ordinal), channel.Sent.Select(s => s.ChatId).Order(StringComparer.Ordinal));
        Assert.All(await DeliveriesAsync(app), d => Assert.Equal(DeliveryStatus.Sent, d.Status));
    }

    [Fact]
    public async Task A_claim_whose_holder_died_between_parts_is_resumed_at_the_first_unsent_part()
    {
        // Arrange: a three-part brief; the first instance dies while part 2 (index 1) is in flight.
        await using var app = await MultiPartBriefDueAsync();
        var channel = new RecordingBriefChannel(app.Time, parts: 3);
        using var death = new CancellationTokenSource();
        var dying = Deliverer(app, new DiesAtPart(channel, 1, death), "dying");
        var survivor = Deliverer(app, channel, "survivor");

        // Act
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dying.DeliverDueAsync(death.Token));
        app.Time.Advance(TimeSpan.FromMinutes(11));
        await survivor.DeliverDueAsync(CancellationToken.None);

        // Assert
        Assert.Equal([0, 1, 2], channel.Sent.Select(s => s.Index));
        var delivery = Assert.Single(await DeliveriesAsync(app));
        Assert.Equal(DeliveryStatus.Sent, delivery.Status);
        Assert.Equal(3, delivery.SentParts);
        Assert.Equal(3, delivery.MessageIds.Split(',').Length);
        Assert.Equal(1, delivery.PossibleDuplicates);
    }

    [Fact]
    public async Task A_holder_that_outlives_its_lease_stops_after_its_in_flight_part_when_another_instance_took_over()
    {
        // Arrange: a three-part brief; the first instance freezes (its clock stands still, so it cannot renew
        // its lease) while its send of part 2 (index 1) is in flight, and wakes up after the lease.
        await using var app = await MultiPartBriefDueAsync();
        var channel = new RecordingBriefChannel(app.Time, parts: 3);
        var hang = new HangsAtPart(channel, 1);
        var slow = Deliverer(app, hang, "slow", clock: new FakeTimeProvider(app.Time.GetUtcNow()));
        var survivor = Deliverer(app, channel, "survivor");

        // Act
        var slowRun = slow.DeliverDueAsync(CancellationToken.None);
        await hang.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        app.Time.Advance(TimeSpan.FromMinutes(11));
        await survivor.DeliverDueAsync(CancellationToken.None);
        hang.Release.SetResult();
        await slowRun.WaitAsync(TimeSpan.FromSeconds(30));

        // Assert: the part in flight at the takeover arrived twice (and is counted); nothing else repeated.
        Assert.Equal([0, 1, 2, 1], channel.Sent.Select(s => s.Index));
        var delivery = Assert.Single(await DeliveriesAsync(app));
        Assert.Equal(DeliveryStatus.Sent, delivery.Status);
        Assert.Equal("survivor", delivery.ClaimedBy);
        Assert.Equal(3, delivery.SentParts);
        Assert.Equal(3, delivery.MessageIds.Split(',').Length);
        Assert.Equal(1, delivery.PossibleDuplicates);
    }

    [Fact]
    public async Task A_live_holder_whose_send_outlasts_the_lease_renews_it_and_nobody_takes_over()
    {
        // Arrange: the same three-part brief, but the instance is alive while its send of part 2 hangs for 25 minutes.
        await using var app = await MultiPartBriefDueAsync();
        var channel = new RecordingBriefChannel(app.Time, parts: 3);
        var hang = new HangsAtPart(channel, 1);
        var slow = Deliverer(app, hang, "slow");
        var other = Deliverer(app, channel, "other");

        // Act: a minute at a time; the holder renews every third of a lease, so at least five minutes stay left.
        var slowRun = slow.DeliverDueAsync(CancellationToken.None);
        await hang.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var tookOver = 0;
        for (var minute = 1; minute <= 25; minute++)
        {
            app.Time.Advance(TimeSpan.FromMinutes(1));
            await WaitUntilAsync(async () => (await DeliveriesAsync(app)).Single().LeaseUntil >= app.Time.GetUtcNow().AddMinutes(5));
            tookOver += await other.DeliverDueAsync(CancellationToken.None);
        }

        hang.Release.SetResult();
        await slowRun.WaitAsync(TimeSpan.FromSeconds(30));

        // Assert
        Assert.Equal(0, tookOver);
        Assert.Equal([0, 1, 2], channel.Sent.Select(s => s.Index));
        var delivery = Assert.Single(await DeliveriesAsync(app));
        Assert.Equal(DeliveryStatus.Sent, delivery.Status);
        Assert.Equal("slow", delivery.ClaimedBy);
        Assert.Equal(0, delivery.PossibleDuplicates);
    }

    [Fact]
    public async Task A_multi_part_brief_that_fails_transiently_at_part_2_resumes_at_part_2_after_the_retry_delay()
    {
        // Arrange
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync(), Settings(("Delivery:RetryDelaySeconds", "60"), ("Delivery:MaxAttempts", "5")));
        await ComposeEditionAsync(app);
        await SubscribeAsync(app, ["multi"], new TimeOnly(8, 0), "Etc/UTC");
        await app.Get<BriefDispatcher>().DispatchNowAsync(null, CancellationToken.None);
        var channel = new RecordingBriefChannel(app.Time, parts: 3);
        channel.FailNext("multi", 1, new BriefPartResult(SendOutcome.Failed, Error: "Bad Gateway"));
        var deliverer = Deliverer(app, channel, "only");

        // Act
        await deliverer.DeliverDueAsync(CancellationToken.None);
        var afterFailure = Assert.Single(await DeliveriesAsync(app));
        await deliverer.DeliverDueAsync(CancellationToken.None);
        var attemptsBeforeDelay = channel.Attempts.Count;
        app.Time.Advance(TimeSpan.FromSeconds(61));
        await deliverer.DeliverDueAsync(CancellationToken.None);

        // Assert: part 1 (index 0) went once; part 2 failed, then went with part 3 on the retry.
        Assert.Equal(DeliveryStatus.Pending, afterFailure.Status);
        Assert.Equal(1, afterFailure.SentParts);
        Assert.Equal("Bad Gateway", afterFailure.LastError);
        Assert.Equal(2, attemptsBeforeDelay);
        Assert.Equal([0, 1, 1, 2], channel.Attempts.Select(a => a.Index));
        Assert.Equal([0, 1, 2], channel.Sent.Select(s => s.Index));
        var delivery = Assert.Single(await DeliveriesAsync(app));
        Assert.Equal(DeliveryStatus.Sent, delivery.Status);
        Assert.Equal(3, delivery.SentParts);
        Assert.Equal(2, delivery.Attempts);
        Assert.Equal(0, delivery.PossibleDuplicates);
    }

    [Fact]
    public async Task A_delivery_that_keeps_failing_is_recorded_as_failed_after_MaxAttempts()
    {
        // Arrange
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync(), Settings(("Delivery:RetryDelaySeconds", "60"), ("Delivery:MaxAttempts", "3")));
        await ComposeEditionAsync(app);
        await SubscribeAsync(app, ["down"], new TimeOnly(8, 0), "Etc/UTC");
        await app.Get<BriefDispatcher>().DispatchNowAsync(null, CancellationToken.None);
        var channel = new RecordingBriefChannel(app.Time);
        for (var i = 0; i < 10; i++)
        {
            channel.FailNext("down", 0, new BriefPartResult(SendOutcome.Failed, Error: "Service Unavailable"));
        }

        var deliverer = Deliverer(app, channel, "only");

        // Act: ten retry delays' worth of runs.
        for (var run = 0; run < 10; run++)
        {
            await deliverer.DeliverDueAsync(CancellationToken.None);
            app.Time.Advance(TimeSpan.FromSeconds(61));
        }

        // Assert
        Assert.Equal(3, channel.Attempts.Count);
        Assert.Empty(channel.Sent);
        var delivery = Assert.Single(await DeliveriesAsync(app));
        Assert.Equal(DeliveryStatus.Failed, delivery.Status);
        Assert.Equal("gave up after 3 attempts: Service Unavailable", delivery.LastError);
    }

    [Fact]
    public async Task A_delivery_that_throws_neither_stops_the_rest_of_its_batch_nor_is_retried_beyond_MaxAttempts()
    {
        // Arrange: one chat of twenty makes the channel throw.
        await using var app = await TestApp.StartAsync(
            await postgres.CreateDatabaseAsync(),
            Settings(("Delivery:BatchSize", "20"), ("Delivery:MaxConcurrentChats", "4"), ("Delivery:MaxAttempts", "2"), ("Delivery:RetryDelaySeconds", "60")));
        await ComposeEditionAsync(app);
        var chats = await SubscribeAsync(app, Chats(20), new TimeOnly(8, 0), "Etc/UTC");
        await app.Get<BriefDispatcher>().DispatchNowAsync(null, CancellationToken.None);
        var channel = new RecordingBriefChannel(app.Time);
        channel.ThrowFor("7");
        var deliverer = Deliverer(app, channel, "only");

        // Act: a run, and the runs of the next half hour.
        await deliverer.DeliverDueAsync(CancellationToken.None);
        var afterFirstRun = await DeliveriesAsync(app);
        for (var minute = 0; minute < 30; minute++)
        {
            app.Time.Advance(TimeSpan.FromMinutes(1));
            await deliverer.DeliverDueAsync(CancellationToken.None);
        }

        // Assert
        Assert.Equal(chats.Where(c => c != "7").Order(), channel.Sent.Select(s => s.ChatId).Order());
        Assert.All(afterFirstRun.Where(d => d.Subscription!.ChatId != "7"), d => Assert.Equal(DeliveryStatus.Sent, d.Status));
        Assert.Equal(DeliveryStatus.Pending, afterFirstRun.Single(d => d.Subscription!.ChatId == "7").Status);
        Assert.Equal(2, channel.Attempts.Count(a => a.ChatId == "7"));
        var poisoned = (await DeliveriesAsync(app)).Single(d => d.Subscription!.ChatId == "7");
        Assert.Equal(DeliveryStatus.Failed, poisoned.Status);
        Assert.Equal("gave up after 2 attempts: unexpected answer for chat 7", poisoned.LastError);
    }

    [Fact]
    public async Task A_chat_that_blocked_the_bot_is_deactivated_after_one_attempt_and_never_tried_again()
    {
        // Arrange: two chats at 08:00 UTC; one has blocked the bot.
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync());
        await ComposeEditionAsync(app);
        await SubscribeAsync(app, ["blocked", "fine"], new TimeOnly(8, 0), "Etc/UTC");
        var channel = new RecordingBriefChannel(app.Time);
        channel.Block("blocked");
        var deliverer = Deliverer(app, channel, "only");

        // Act: three days of runs every 15 minutes.
        for (var step = 0; step < 3 * 96; step++)
        {
            app.Time.Advance(TimeSpan.FromMinutes(15));
            await app.Get<BriefDispatcher>().DispatchDueAsync(CancellationToken.None);
            await deliverer.DeliverDueAsync(CancellationToken.None);
        }

        // Assert
        Assert.Equal([("blocked", 0)], channel.Attempts.Where(a => a.ChatId == "blocked"));
        Assert.Equal(3, channel.Sent.Count(s => s.ChatId == "fine"));
        var blocked = await app.Get<SubscriptionStore>().FindAsync(ChatPlatform.Telegram, "blocked", null, CancellationToken.None);
        Assert.False(blocked!.Active);
        Assert.Equal("Forbidden: bot was blocked by the user", blocked.DeactivatedReason);
        var delivery = Assert.Single(await DeliveriesAsync(app), d => d.Subscription!.ChatId == "blocked");
        Assert.Equal(DeliveryStatus.Failed, delivery.Status);
        Assert.Equal(1, delivery.Attempts);
    }

    [Fact]
    public async Task Two_instances_dispatching_and_delivering_1000_subscriptions_at_once_send_every_chat_exactly_once()
    {
        // Arrange: two service providers on one database, as two deployed instances would be.
        var database = await postgres.CreateDatabaseAsync();
        var settings = Settings(("Delivery:BatchSize", "50"), ("Delivery:MaxConcurrentChats", "16"));
        await using var first = await TestApp.StartAsync(database, settings);
        await using var second = await TestApp.StartAsync(database, settings);
        await ComposeEditionAsync(first);
        var chats = await SubscribeAsync(first, Chats(1000), new TimeOnly(8, 0), "Etc/UTC");
        var channel = new RecordingBriefChannel(first.Time);

        // Act
        await Task.WhenAll(
            Task.Run(() => first.Get<BriefDispatcher>().DispatchNowAsync(null, CancellationToken.None)),
            Task.Run(() => second.Get<BriefDispatcher>().DispatchNowAsync(null, CancellationToken.None)));
        var delivered = await Task.WhenAll(
            Task.Run(() => Deliverer(first, channel, "first").DeliverDueAsync(CancellationToken.None)),
            Task.Run(() => Deliverer(second, channel, "second").DeliverDueAsync(CancellationToken.None)));

        // Assert
        Assert.Equal(1000, delivered.Sum());
        Assert.Equal(chats.Order(), channel.Sent.Select(s => s.ChatId).Order());
        var deliveries = await DeliveriesAsync(first);
        Assert.Equal(1000, deliveries.Count);
        Assert.All(deliveries, d =>
        {
            Assert.Equal(DeliveryStatus.Sent, d.Status);
            Assert.Equal(1, d.Attempts);
            Assert.Equal(0, d.PossibleDuplicates);
            Assert.Contains(d.ClaimedBy, new[] { "first", "second" });
        });
    }

    [Fact]
    public async Task A_broadcast_started_before_any_edition_exists_composes_one_and_every_chat_gets_that_one()
    {
        // Arrange: a fresh install; `brief send-now` before compose-brief has ever run. The clock moves
        // (a millisecond per reading), as a real one does while concurrent deliveries compose.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync(), Settings(("Delivery:MaxConcurrentChats", "32")), clock);
        var chats = await SubscribeAsync(app, Chats(100), new TimeOnly(8, 0), "Etc/UTC");
        var channel = new RecordingBriefChannel(app.Time);

        // Act
        await app.Get<BriefDispatcher>().DispatchNowAsync(null, CancellationToken.None);
        await Deliverer(app, channel, "only").DeliverDueAsync(CancellationToken.None);

        // Assert
        Assert.Equal(chats.Order(), channel.Sent.Select(s => s.ChatId).Order());
        var deliveries = await DeliveriesAsync(app);
        Assert.All(deliveries, d => Assert.Equal(DeliveryStatus.Sent, d.Status));
        Assert.Single(deliveries.Select(d => d.EditionId).Distinct());
        Assert.Equal(1, await app.WithDbAsync(db => db.Editions.CountAsync()));
    }

    /// <summary>A send that hangs (a platform holding the request) until released, then goes through.</summary>
    /// <summary>An app with a 10-minute lease and one chat's three-part brief due.</summary>
    private async Task<TestApp> MultiPartBriefDueAsync()
    {
        var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync(), Settings(("Delivery:LeaseMinutes", "10")));
        await ComposeEditionAsync(app);
        await SubscribeAsync(app, ["multi"], new TimeOnly(8, 0), "Etc/UTC");
        await app.Get<BriefDispatcher>().DispatchNowAsync(null, CancellationToken.None);
        return app;
    }

    private sealed class HangsAtPart(IBriefChannel inner, int index) : IBriefChannel
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ChatPlatform Platform => inner.Platform;

        public int CountParts(ChatReply brief) => inner.CountParts(brief);

        public async Task<BriefPartResult> SendPartAsync(string chatId, string? threadId, ChatReply brief, int part, string idempotencyKey, CancellationToken cancellationToken)
        {
            if (part == index)
            {
                Entered.TrySetResult();
                await Release.Task.WaitAsync(cancellationToken);
            }

            return await inner.SendPartAsync(chatId, threadId, brief, part, idempotencyKey, cancellationToken);
        }
    }

    /// <summary>
    /// The process going down while a part is in flight: the send never completes, and the deliverer is
    /// stopped (its token cancelled) before it can record anything more.
    /// </summary>
    private sealed class DiesAtPart(IBriefChannel inner, int index, CancellationTokenSource death) : IBriefChannel
    {
        public ChatPlatform Platform => inner.Platform;

        public int CountParts(ChatReply brief) => inner.CountParts(brief);

        public Task<BriefPartResult> SendPartAsync(string chatId, string? threadId, ChatReply brief, int part, string idempotencyKey, CancellationToken cancellationToken) =>
            part == index ? Die() : inner.SendPartAsync(chatId, threadId, brief, part, idempotencyKey, cancellationToken);

        private Task<BriefPartResult> Die()
        {
            death.Cancel();
            throw new OperationCanceledException("the process died", death.Token);
        }
    }
}
