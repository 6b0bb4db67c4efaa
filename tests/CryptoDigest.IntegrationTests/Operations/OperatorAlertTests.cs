using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.IntegrationTests.Telegram;
using CryptoDigest.Operations;
using CryptoDigest.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CryptoDigest.IntegrationTests.Operations;

/// <summary>
/// The operator-alerts job through the Bot API stand-in on PostgreSQL, with a fake clock: a condition is announced
/// in the alert chat once, not again within the day (by this instance, a second one, or a restart), and its
/// clearing is said once.
/// </summary>
[Collection(PostgresCollection.Name)]
public class OperatorAlertTests(PostgresFixture postgres)
{
    private const long AlertChat = -9100;
    private static readonly DateTimeOffset Morning = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Operators:AlertChat"] = $"telegram:{AlertChat}",
        ["AI:DailyTokenBudget"] = "1000",
    };

    [Fact]
    public async Task Spent_tokens_are_announced_once_across_instances_and_cleared_once_the_next_day()
    {
        // Arrange: 850 of 1,000 tokens used today, past 80 % of the budget.
        var clock = new FakeTimeProvider(Morning);
        var database = await postgres.CreateDatabaseAsync();
        // The stand-in's rate limits go by the same clock, so a message a fake day later is not "too fast" for it.
        await using var api = await BotApiStandIn.StartAsync(clock);
        await using var first = await TelegramTestHost.StartAsync(database, api, Settings, clock: clock);
        await using var second = await TelegramTestHost.StartAsync(database, api, Settings, clock: clock);
        await UseTokensAsync(first.Services, 850);

        // Act: both instances judge the conditions, now and five minutes later.
        var sentFirst = await RunAsync(first);
        var sentSecond = await RunAsync(second);
        clock.Advance(TimeSpan.FromMinutes(5));
        var sentLater = await RunAsync(first) + await RunAsync(second);
        var raised = await first.Api.WaitForMessagesAsync(AlertChat);

        // Assert: one announcement, from whichever instance came first.
        Assert.Equal((1, 0, 0), (sentFirst, sentSecond, sentLater));
        Assert.StartsWith("Alert: model tokens past 80 % of today's budget. 850 of 1,000 tokens used today (UTC), 85 %.", Assert.Single(raised).PlainText, StringComparison.Ordinal);

        // Act: the next UTC day has used nothing yet.
        clock.Advance(TimeSpan.FromDays(1));
        var cleared = await RunAsync(second);
        var clearedAgain = await RunAsync(first);
        var messages = await first.Api.WaitForMessagesAsync(AlertChat, 2);

        // Assert: the clearing is said once, and nothing else reached the alert chat.
        Assert.Equal((1, 0), (cleared, clearedAgain));
        Assert.Equal("Cleared: model tokens past 80 % of today's budget.", messages[1].PlainText);
        Assert.Equal(2, first.Api.DeliveredTo(AlertChat).Count);
    }

    [Fact]
    public async Task A_failing_source_is_announced_at_the_threshold_and_cleared_when_it_fetches_again()
    {
        var clock = new FakeTimeProvider(Morning);
        await using var api = await BotApiStandIn.StartAsync(clock);
        await using var host = await TelegramTestHost.StartAsync(await postgres.CreateDatabaseAsync(), api, Settings, clock: clock);
        await SetFailuresAsync(host.Services, 5);

        var belowThreshold = await RunAsync(host);
        await SetFailuresAsync(host.Services, 6);
        var atThreshold = await RunAsync(host);
        await SetFailuresAsync(host.Services, 9);
        clock.Advance(TimeSpan.FromHours(3));
        var stillFailing = await RunAsync(host);
        await SetFailuresAsync(host.Services, 0);
        var recovered = await RunAsync(host);
        var messages = await host.Api.WaitForMessagesAsync(AlertChat, 2);

        Assert.Equal((0, 1, 0, 1), (belowThreshold, atThreshold, stillFailing, recovered));
        Assert.Equal("Alert: the source Test Letter keeps failing. 6 fetches in a row failed; the last error: HTTP 503.", messages[0].PlainText);
        Assert.Equal("Cleared: the source Test Letter keeps failing.", messages[1].PlainText);
    }

    private static async Task<int> RunAsync(TelegramTestHost host) =>
        await host.Services.GetRequiredService<OperatorAlertJob>().RunAsync(CancellationToken.None);

    private static async Task UseTokensAsync(IServiceProvider services, int tokens)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        db.ModelUsage.Add(new ModelUsage { Day = DateOnly.FromDateTime(Morning.UtcDateTime), Model = "test-model", InputTokens = tokens - 50, OutputTokens = 50, CreatedAt = Morning });
        await db.SaveChangesAsync();
    }

    private static async Task SetFailuresAsync(IServiceProvider services, int failures)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        var source = db.Sources.SingleOrDefault(s => s.Name == "Test Letter") ?? db.Sources.Add(new NewsletterSource { Name = "Test Letter" }).Entity;
        source.ConsecutiveFailures = failures;
        source.LastError = failures > 0 ? "HTTP 503" : null;
        await db.SaveChangesAsync();
    }
}
