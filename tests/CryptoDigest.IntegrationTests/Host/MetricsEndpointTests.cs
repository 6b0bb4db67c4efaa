using System.Globalization;
using CryptoDigest.Briefs;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.IntegrationTests.Telegram;
using CryptoDigest.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.IntegrationTests.Host;

/// <summary>
/// /metrics as Prometheus scrapes it, over real HTTP from the bot composed as serve runs it on PostgreSQL,
/// with the Bot API stand-in as Telegram: the bot's counters agree with what the stand-in received, and
/// what members type (chat ids, made-up commands) never becomes a series of its own.
/// </summary>
[Collection(PostgresCollection.Name)]
public class MetricsEndpointTests(PostgresFixture postgres)
{
    private const int MessagesPerSecond = 1000;

    [Fact]
    public async Task After_a_broadcast_the_scraped_counters_match_what_the_Telegram_stand_in_received()
    {
        // Arrange: 30 subscribed chats, one of which has blocked the bot.
        await using var host = await StartAsync();
        var chats = await SubscribeAsync(host, 30);
        host.Api.Block(chats[0]);

        // Act
        await host.Services.GetRequiredService<BriefComposer>().ComposeAsync(CancellationToken.None);
        await host.Services.GetRequiredService<BriefDispatcher>().DispatchNowAsync(null, CancellationToken.None);
        await host.Services.GetRequiredService<BriefDeliverer>().DeliverDueAsync(CancellationToken.None);
        var scrape = await PrometheusScrape.ReadUntilAsync(host.BaseUrl, s => s.Series("cryptodigest_outbox_pending").Count > 0);

        // Assert: every message the stand-in took is one "sent"; the blocked chat is one "chat_gone" and one failed delivery.
        Assert.NotEmpty(host.Api.Delivered);
        Assert.Equal(host.Api.Delivered.Count, scrape.Sum("cryptodigest_messages_sent_total", ("platform", "telegram"), ("outcome", "sent")));
        Assert.Equal(1, scrape.Sum("cryptodigest_messages_sent_total", ("platform", "telegram"), ("outcome", "chat_gone")));
        Assert.Equal(chats.Count - 1, scrape.Sum("cryptodigest_deliveries_total", ("status", "delivered")));
        Assert.Equal(1, scrape.Sum("cryptodigest_deliveries_total", ("status", "failed")));
        Assert.Equal(0, scrape.Sum("cryptodigest_outbox_pending"));
        // No model here, so the whole default budget (AI:DailyTokenBudget) is left.
        Assert.Equal(2_000_000, scrape.Sum("cryptodigest_model_budget_remaining_tokens"));
    }

    [Fact]
    public async Task Commands_from_1000_chats_make_one_series_per_known_command_and_one_for_every_unknown_one()
    {
        // Arrange
        await using var host = await StartAsync();
        var chats = Enumerable.Range(1, 1000).Select(i => 7_000_000L + i).ToList();

        // Act: half ask for /help, half send a command of their own making.
        foreach (var chat in chats)
        {
            host.Api.AddMessage(chat, chat % 2 == 0 ? "/help" : $"/made_up_{chat}");
        }

        await host.Api.WaitForAsync(() => host.Api.Delivered.Count >= chats.Count ? host.Api.Delivered : null, "a reply in every chat");
        var scrape = await PrometheusScrape.ReadUntilAsync(
            host.BaseUrl,
            s => s.Sum("cryptodigest_command_duration_seconds_count") >= chats.Count);

        // Assert
        var commands = scrape.Series("cryptodigest_commands_total");
        Assert.Equal(["help", "unknown"], commands.Select(s => s.Labels["command"]).Order());
        Assert.All(commands, s => Assert.Equal("telegram", s.Labels["platform"]));
        Assert.Equal(500, scrape.Sum("cryptodigest_commands_total", ("command", "unknown")));
        Assert.Equal(500, scrape.Sum("cryptodigest_commands_total", ("command", "help")));
        Assert.Equal(2, scrape.Series("cryptodigest_command_duration_seconds_count").Count);
        var ours = scrape.Samples.Where(s => s.Name.StartsWith("cryptodigest_", StringComparison.Ordinal)).ToList();
        Assert.InRange(ours.Count, 1, 200);
        var chatIds = chats.Select(c => c.ToString(CultureInfo.InvariantCulture)).ToHashSet();
        Assert.DoesNotContain(ours.SelectMany(s => s.Labels.Values), value => chatIds.Any(value.Contains));
    }

    private async Task<TelegramTestHost> StartAsync()
    {
        var host = await TelegramTestHost.StartAsync(
            await postgres.CreateDatabaseAsync(),
            null,
            new Dictionary<string, string?> { ["Telegram:GlobalMessagesPerSecond"] = MessagesPerSecond.ToString(CultureInfo.InvariantCulture) },
            operations: true);
        host.Api.GlobalMessagesPerSecond = MessagesPerSecond;
        return host;
    }

    private static async Task<IReadOnlyList<long>> SubscribeAsync(TelegramTestHost host, int count)
    {
        var chats = Enumerable.Range(1, count).Select(i => 6_000_000L + i).ToList();
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        db.Subscriptions.AddRange(chats.Select(chat => new Subscription
        {
            Platform = "Telegram",
            ChatId = chat.ToString(CultureInfo.InvariantCulture),
            DeliveryTime = new TimeOnly(8, 0),
            TimeZone = "Etc/UTC",
        }));
        await db.SaveChangesAsync();
        return chats;
    }
}
