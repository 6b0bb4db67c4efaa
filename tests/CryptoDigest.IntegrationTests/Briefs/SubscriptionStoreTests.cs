using CryptoDigest.Briefs;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Replies;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.IntegrationTests.Briefs;

[Collection(PostgresCollection.Name)]
public class SubscriptionStoreTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_chat_that_blocked_the_bot_has_its_subscriptions_deactivated_with_the_reason()
    {
        await using var services = await ServicesAsync();
        await AddSubscriptionAsync(services, "111");
        await AddSubscriptionAsync(services, "222");
        var store = services.GetRequiredService<SubscriptionStore>();

        var changed = await store.DeactivateAsync(ChatPlatform.Telegram, "111", "Forbidden: bot was blocked by the user", CancellationToken.None);

        Assert.Equal(1, changed);
        var blocked = await store.FindAsync(ChatPlatform.Telegram, "111", null, CancellationToken.None);
        Assert.False(blocked!.Active);
        Assert.Equal("Forbidden: bot was blocked by the user", blocked.DeactivatedReason);
        Assert.True((await store.FindAsync(ChatPlatform.Telegram, "222", null, CancellationToken.None))!.Active);
    }

    [Fact]
    public async Task A_migrated_group_keeps_its_subscription_under_the_new_chat_id()
    {
        await using var services = await ServicesAsync();
        await AddSubscriptionAsync(services, "-4001");
        var store = services.GetRequiredService<SubscriptionStore>();

        var moved = await store.MoveChatAsync(ChatPlatform.Telegram, "-4001", "-1004001", CancellationToken.None);

        Assert.Equal(1, moved);
        Assert.Null(await store.FindAsync(ChatPlatform.Telegram, "-4001", null, CancellationToken.None));
        var subscription = await store.FindAsync(ChatPlatform.Telegram, "-1004001", null, CancellationToken.None);
        Assert.Equal(new TimeOnly(7, 30), subscription!.DeliveryTime);
        Assert.True(subscription.Active);
    }

    private async Task<ServiceProvider> ServicesAsync() => (await TestApp.StartAsync(await postgres.CreateDatabaseAsync())).Services;

    private static async Task AddSubscriptionAsync(IServiceProvider services, string chatId)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        db.Subscriptions.Add(new Subscription { Platform = "Telegram", ChatId = chatId, DeliveryTime = new TimeOnly(7, 30), TimeZone = "Europe/Berlin" });
        await db.SaveChangesAsync();
    }
}
