using System.Globalization;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.IntegrationTests.Telegram;
using CryptoDigest.Storage;
using Microsoft.Extensions.Time.Testing;
using static CryptoDigest.IntegrationTests.Briefs.DeliveryTestKit;

namespace CryptoDigest.IntegrationTests.Briefs;

/// <summary>
/// Three real Host processes serving on one PostgreSQL, as a scale-out deployment runs: Hangfire's
/// minutely dispatch-due-briefs and deliver-briefs jobs run on whichever instance takes them, all
/// poll the same outbox, and every chat's scheduled brief reaches the Bot API stand-in exactly once.
/// </summary>
[Collection(PostgresCollection.Name)]
public class ScaleOutServeTests(PostgresFixture postgres)
{
    private const int Chats = 1000;

    [Fact]
    public async Task Three_serving_instances_on_one_database_deliver_1000_scheduled_briefs_exactly_once()
    {
        // Arrange: subscriptions made yesterday for 00:00 UTC, so today's brief is due as soon as the hosts run.
        await using var api = await BotApiStandIn.StartAsync();
        api.GlobalMessagesPerSecond = 400;
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync(), time: new FakeTimeProvider(TimeProvider.System.GetUtcNow().AddDays(-1)));
        var chats = await SubscribeAsync(app, Chats(Chats, first: 9_000_001), new TimeOnly(0, 0), "Etc/UTC");
        var environment = api.ServeEnvironment(app.ConnectionString);
        // Each instance's share of the bot-wide limit (the stand-in enforces 400 a second in all).
        environment["Telegram__GlobalMessagesPerSecond"] = "120";
        environment["Jobs__PollIntervalSeconds"] = "1";
        environment["Jobs__SchedulePollSeconds"] = "1";
        environment["Delivery__GraceMinutes"] = "1440";

        // Act: the others start once the first has installed Hangfire's schema.
        await using var first = await RunningHost.StartAsync(environment);
        await using var second = await RunningHost.StartAsync(environment);
        await using var third = await RunningHost.StartAsync(environment);
        var deliveries = await WaitUntilAsync(app, TimeSpan.FromMinutes(3), d => d.Count == Chats && d.All(x => x.Status == DeliveryStatus.Sent), first, second, third);

        // Assert
        Assert.All(chats, chat => Assert.Equal(
            deliveries.Single(d => d.Subscription!.ChatId == chat).SentParts,
            api.DeliveredTo(long.Parse(chat, CultureInfo.InvariantCulture)).Count));
        Assert.All(deliveries, d => Assert.Equal(0, d.PossibleDuplicates));
        Assert.Equal(0, api.CallCount("sendmessage", 429));
    }

    private static async Task<List<Delivery>> WaitUntilAsync(TestApp app, TimeSpan timeout, Func<List<Delivery>, bool> done, params RunningHost[] hosts)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var deliveries = await DeliveriesAsync(app);
            if (done(deliveries))
            {
                return deliveries;
            }

            try
            {
                // Dispatch runs on Hangfire's minutely schedule; look again shortly.
                await Task.Delay(TimeSpan.FromSeconds(1), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException(
                    $"Not every brief was sent within {timeout}: {deliveries.Count} deliveries, {deliveries.Count(d => d.Status == DeliveryStatus.Sent)} sent.\n"
                    + string.Join("\n---\n", hosts.Select(h => h.Log)));
            }
        }
    }
}
