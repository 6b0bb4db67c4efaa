using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Replies;
using CryptoDigest.Security.LinkCheck;

namespace CryptoDigest.IntegrationTests.Security.LinkCheck;

/// <summary>
/// The link-scan setting as two instances on one PostgreSQL database see it: "off" set on one instance
/// stops scanning on the other at once; "on" reaches it within LinkCheck:ScanSettingCacheSeconds.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class LinkScanSettingTests(PostgresFixture postgres)
{
    private const string Chat = "-8200";

    [Fact]
    public async Task Scanning_turned_off_on_one_instance_is_off_on_the_other_at_once()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var first = await TestApp.StartAsync(database);
        await using var second = await TestApp.StartAsync(database);
        var firstStore = first.Get<LinkScanStore>();
        var secondStore = second.Get<LinkScanStore>();

        await firstStore.SetAsync(ChatPlatform.Telegram, Chat, on: true, CancellationToken.None);
        var onBefore = await secondStore.IsEnabledAsync(ChatPlatform.Telegram, Chat, CancellationToken.None);
        await firstStore.SetAsync(ChatPlatform.Telegram, Chat, on: false, CancellationToken.None);
        var afterOff = await secondStore.IsEnabledAsync(ChatPlatform.Telegram, Chat, CancellationToken.None);

        Assert.True(onBefore);
        Assert.False(afterOff);
    }

    [Fact]
    public async Task Scanning_turned_on_elsewhere_is_seen_once_the_off_reading_expires()
    {
        var database = await postgres.CreateDatabaseAsync();
        var settings = new Dictionary<string, string?> { ["LinkCheck:ScanSettingCacheSeconds"] = "30" };
        await using var first = await TestApp.StartAsync(database, settings);
        await using var second = await TestApp.StartAsync(database, settings);
        var secondStore = second.Get<LinkScanStore>();

        var offBefore = await secondStore.IsEnabledAsync(ChatPlatform.Telegram, Chat, CancellationToken.None);
        await first.Get<LinkScanStore>().SetAsync(ChatPlatform.Telegram, Chat, on: true, CancellationToken.None);
        var stillTrusted = await secondStore.IsEnabledAsync(ChatPlatform.Telegram, Chat, CancellationToken.None);
        second.Time.Advance(TimeSpan.FromSeconds(30));
        var reread = await secondStore.IsEnabledAsync(ChatPlatform.Telegram, Chat, CancellationToken.None);

        Assert.False(offBefore);
        Assert.False(stillTrusted);
        Assert.True(reread);
    }
}
