using System.Globalization;
using System.Text.Json.Nodes;
using CryptoDigest.Briefs;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.IntegrationTests.Telegram;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.IntegrationTests.Briefs;

/// <summary>
/// The daily broadcast through the real Telegram adapter (TelegramBriefChannel over the paced
/// TelegramSender) against the Bot API stand-in, which enforces Telegram's limits and records every
/// message. The bot-wide rate is raised (in the bot and the stand-in alike) to keep the tests quick.
/// </summary>
[Collection(PostgresCollection.Name)]
public class BroadcastTests(PostgresFixture postgres)
{
    private const int Chats = 200;
    private const int MessagesPerSecond = 100;

    [Fact]
    public async Task A_broadcast_to_200_Telegram_chats_delivers_each_brief_exactly_once_without_provoking_a_429()
    {
        // Arrange
        await using var host = await StartAsync();
        var chats = await SubscribeAsync(host);

        // Act
        await DeliverAsync(host);

        // Assert
        await AssertEveryChatGotItsBriefOnceAsync(host, chats);
        Assert.DoesNotContain(host.Api.Calls, c => c.Status == 429);
    }

    [Fact]
    public async Task A_broadcast_through_a_429_storm_still_delivers_each_brief_exactly_once()
    {
        // Arrange: Telegram answers the first send to every chat with "retry after 1".
        await using var host = await StartAsync();
        var chats = await SubscribeAsync(host);
        foreach (var chat in chats)
        {
            host.Api.FailNextSend(chat, 429, "Too Many Requests: retry after 1", new JsonObject { ["retry_after"] = 1 });
        }

        // Act
        await DeliverAsync(host);

        // Assert: every 429 was waited out and the same message resent, within the first attempt.
        await AssertEveryChatGotItsBriefOnceAsync(host, chats);
        Assert.Equal(Chats, host.Api.Calls.Count(c => c.Status == 429));
        Assert.All(await DeliveriesAsync(host), d => Assert.Equal(1, d.Attempts));
    }

    private async Task<TelegramTestHost> StartAsync()
    {
        var host = await TelegramTestHost.StartAsync(
            postgres,
            new Dictionary<string, string?> { ["Telegram:GlobalMessagesPerSecond"] = MessagesPerSecond.ToString(CultureInfo.InvariantCulture) },
            start: false);
        host.Api.GlobalMessagesPerSecond = MessagesPerSecond;
        await host.Services.GetRequiredService<BriefComposer>().ComposeAsync(CancellationToken.None);
        return host;
    }

    private static async Task<IReadOnlyList<long>> SubscribeAsync(TelegramTestHost host)
    {
        var chats = Enumerable.Range(1, Chats).Select(i => 5_000_000L + i).ToList();
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

    private static async Task DeliverAsync(TelegramTestHost host)
    {
        await host.Services.GetRequiredService<BriefDispatcher>().DispatchNowAsync(null, CancellationToken.None);
        await host.Services.GetRequiredService<BriefDeliverer>().DeliverDueAsync(CancellationToken.None);
    }

    private static async Task<List<Delivery>> DeliveriesAsync(TelegramTestHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DigestDbContext>().Deliveries.AsNoTracking().Include(d => d.Subscription).ToListAsync();
    }

    private static async Task AssertEveryChatGotItsBriefOnceAsync(TelegramTestHost host, IReadOnlyList<long> chats)
    {
        var deliveries = await DeliveriesAsync(host);
        Assert.Equal(chats.Count, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal(DeliveryStatus.Sent, d.Status));
        var parts = deliveries.Select(d => d.SentParts).Distinct().Single();
        Assert.InRange(parts, 1, 10);
        var delivered = host.Api.Delivered.ToLookup(m => m.ChatId);
        var recorded = deliveries.ToDictionary(d => long.Parse(d.Subscription!.ChatId, CultureInfo.InvariantCulture), d => d.MessageIds);
        Assert.All(chats, chat =>
        {
            var messages = delivered[chat].ToList();
            Assert.Equal(parts, messages.Select(m => m.RawText).Distinct().Count());
            // What the outbox recorded is what the chat received, in order.
            Assert.Equal(string.Join(',', messages.Select(m => m.MessageId)), recorded[chat]);
        });
        Assert.Equal(chats.Count * parts, host.Api.Delivered.Count);
    }
}
