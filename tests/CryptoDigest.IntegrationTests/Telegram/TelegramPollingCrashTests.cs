using CryptoDigest.IntegrationTests.Infrastructure;

namespace CryptoDigest.IntegrationTests.Telegram;

/// <summary>
/// The real Host process polling Telegram, killed (SIGKILL, no graceful stop) while updates wait in its
/// queue: Telegram still holds every update the bot had not finished, so the restarted bot answers them.
/// </summary>
[Collection(PostgresCollection.Name)]
public class TelegramPollingCrashTests(PostgresFixture postgres)
{
    private const long FirstChat = 9_400;
    private const int Updates = 5;

    [Fact]
    public async Task A_polling_bot_killed_with_updates_queued_answers_them_after_a_restart_and_none_twice()
    {
        // Arrange: one update at a time, and Telegram holds the first reply, so the rest wait in the queue.
        await using var api = await BotApiStandIn.StartAsync();
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync());
        var environment = api.ServeEnvironment(app.ConnectionString);
        environment["Telegram__MaxConcurrentUpdates"] = "1";
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        api.HoldSends = hold;
        var first = (int)api.AddMessage(FirstChat, "/help")["update_id"]!;
        for (var chat = FirstChat + 1; chat < FirstChat + Updates; chat++)
        {
            api.AddMessage(chat, "/help");
        }

        // Act: kill the bot once it is answering the first update and has polled again after taking all five.
        var crashing = await RunningHost.StartAsync(environment);
        await api.WaitForCallsAsync("sendMessage:held");
        await api.WaitForAsync(
            () => api.Calls.Where(c => c.Method == "getupdates" && (int?)c.Parameters["offset"] >= first).ToList() is { Count: > 0 } polls ? polls : null,
            "a poll after the five");
        await crashing.DisposeAsync();
        // Until the stand-in has seen the killed process's held send aborted, releasing the hold could still deliver it.
        await api.WaitForCallsAsync("sendMessage:aborted");
        api.HoldSends = null;
        hold.SetResult();
        await using var restarted = await RunningHost.StartAsync(environment);
        for (var chat = FirstChat + 1; chat < FirstChat + Updates; chat++)
        {
            await api.WaitForMessagesAsync(chat);
        }

        // Assert: the four that only waited in the queue are answered once each after the restart. The one
        // being answered at the kill may be lost (the ledger never hands an update out twice); that is the
        // bound, one update per worker.
        for (var chat = FirstChat + 1; chat < FirstChat + Updates; chat++)
        {
            Assert.Single(api.DeliveredTo(chat));
        }

        Assert.True(api.DeliveredTo(FirstChat).Count <= 1);
    }
}
