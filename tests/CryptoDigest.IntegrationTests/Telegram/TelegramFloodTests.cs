using System.Text.Json.Nodes;
using CryptoDigest.IntegrationTests.Infrastructure;

namespace CryptoDigest.IntegrationTests.Telegram;

/// <summary>
/// A 429 outside sending (polling, start-up) is answered as a send's is: the bot waits the retry_after Telegram
/// names, not its own backoff, then makes the same call again. The clock is fake; each test sees the wait begin.
/// </summary>
[Collection(PostgresCollection.Name)]
public class TelegramFloodTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Polling_that_gets_a_429_waits_its_retry_after_and_then_polls_again()
    {
        // Arrange: the first getUpdates is refused with an unusual retry_after, so its wait is recognisable.
        var clock = new TimerWatchingTimeProvider(Now);
        await using var api = await BotApiStandIn.StartAsync();
        api.FailNextCall("getUpdates", 429, "Too Many Requests: retry after 37", new JsonObject { ["retry_after"] = 37 });
        var waitBegun = clock.WaitStartedAsync(TimeSpan.FromSeconds(37));

        // Act: the poller starts, is refused, and begins its wait.
        await using var host = await TelegramTestHost.StartAsync(await postgres.CreateDatabaseAsync(), api, clock: clock);
        await waitBegun;
        clock.Advance(TimeSpan.FromSeconds(37));

        // Assert: once the 37 s have passed, it polls again, and Telegram answers.
        await api.WaitForAsync(() => api.Calls.Where(c => c.Method == "getupdates" && c.Status == 200).ToList() is { Count: > 0 } polls ? polls : null, "a poll after the wait");
        Assert.Equal(429, api.Calls.First(c => c.Method == "getupdates").Status);
    }

    [Fact]
    public async Task Start_up_that_gets_a_429_waits_its_retry_after_and_then_sets_the_menus()
    {
        // Arrange: the first setMyCommands is refused with an unusual retry_after.
        var clock = new TimerWatchingTimeProvider(Now);
        await using var api = await BotApiStandIn.StartAsync();
        api.FailNextCall("setMyCommands", 429, "Too Many Requests: retry after 41", new JsonObject { ["retry_after"] = 41 });
        var waitBegun = clock.WaitStartedAsync(TimeSpan.FromSeconds(41));

        // Act
        await using var host = await TelegramTestHost.StartAsync(await postgres.CreateDatabaseAsync(), api, clock: clock);
        await waitBegun;
        clock.Advance(TimeSpan.FromSeconds(41));

        // Assert: the refused menu is set once the 41 s have passed.
        var calls = await api.WaitForAsync(
            () => api.Calls.Where(c => c.Method == "setmycommands").ToList() is { Count: >= 2 } menus ? menus : null,
            "the refused menu set again after the wait");
        Assert.Equal([429, 200], calls.Take(2).Select(c => c.Status));
    }
}
