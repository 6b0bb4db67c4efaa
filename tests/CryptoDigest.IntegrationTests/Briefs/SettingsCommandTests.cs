using CryptoDigest.Chat;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Replies;
using Microsoft.EntityFrameworkCore;

namespace CryptoDigest.IntegrationTests.Briefs;

/// <summary>/settings typed through the router on PostgreSQL: who may look and change, what is stored, and /brief as the chat gets it.</summary>
[Collection(PostgresCollection.Name)]
public class SettingsCommandTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Anyone_sees_the_settings_admins_change_them_and_bad_values_get_the_usage()
    {
        // Arrange: an admin with a Spanish Telegram client subscribes the group.
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync());
        var before = await SendAsync(app, "/settings", admin: false);
        await SendAsync(app, "/subscribe 07:30 Europe/Berlin", locale: "es");

        // Act
        var shown = await SendAsync(app, "/settings", admin: false);
        var refused = await SendAsync(app, "/settings market on", admin: false);
        var topics = await SendAsync(app, "/settings topics +ETH +defi -nft");
        var cadence = await SendAsync(app, "/settings cadence weekly fri");
        var badDay = await SendAsync(app, "/settings cadence weekly someday");
        var badLanguage = await SendAsync(app, "/settings language xx");
        await SendAsync(app, "/settings length in-depth");
        await SendAsync(app, "/settings market on");
        await SendAsync(app, "/settings zone America/New_York");

        // Assert: the chat's brief is in Spanish (its admin's client language), so are its replies; values stay as typed.
        Assert.StartsWith("This chat has no brief to set up yet.", before, StringComparison.Ordinal);
        Assert.Contains("idioma (language): Español (es)", shown, StringComparison.Ordinal);
        Assert.Contains("hora (time): 07:30 Europe/Berlin", shown, StringComparison.Ordinal);
        Assert.StartsWith("Solo los administradores de este chat pueden cambiar los ajustes de su resumen.", refused, StringComparison.Ordinal);
        Assert.StartsWith("Se cambió topics a +eth +defi -nft.", topics, StringComparison.Ordinal);
        Assert.StartsWith("Se cambió cadence a semanal, viernes.", cadence, StringComparison.Ordinal);
        Assert.Equal("Uso: /settings cadence daily | weekdays | weekly <day> (mon, tue, wed, thu, fri, sat, sun)", badDay);
        Assert.Equal("Uso: /settings language en | es | pt-BR | ru | tr | zh-Hans", badLanguage);
        var stored = await app.WithDbAsync(db => db.Subscriptions.AsNoTracking().SingleAsync());
        Assert.Equal(("es", "+eth +defi -nft", "in-depth", "weekly fri", true, "America/New_York", new TimeOnly(7, 30)),
            (stored.Language, stored.Topics, stored.Length, stored.Cadence, stored.MarketLine, stored.TimeZone, stored.DeliveryTime));
    }

    [Fact]
    public async Task Brief_in_a_subscribed_chat_is_the_brief_that_chat_gets()
    {
        // Arrange: the sample stories; this chat keeps governance only, in headlines.
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync());
        await ChatSettingsDeliveryTests.ComposeWithSamplesAsync(app);
        await SendAsync(app, "/subscribe 08:00 UTC");
        await SendAsync(app, "/settings topics +governance");
        await SendAsync(app, "/settings length headlines");

        // Act
        var own = await SendAsync(app, "/brief");
        var elsewhere = await SendAsync(app, "/brief", chatId: "-1009999");

        // Assert
        Assert.Contains("3 items filtered out by this chat's topics (+governance).", own, StringComparison.Ordinal);
        Assert.DoesNotContain("On-chain week", own, StringComparison.Ordinal);
        Assert.Contains("On-chain week", elsewhere, StringComparison.Ordinal);
        Assert.DoesNotContain("filtered out", elsewhere, StringComparison.Ordinal);
    }

    private static async Task<string> SendAsync(TestApp app, string text, bool admin = true, string? locale = null, string chatId = "-1001234")
    {
        var request = ChatRequest.FromText(ChatPlatform.Telegram, chatId, "42", admin, ChatCommandParser.Parse(text)) with { Locale = locale };
        return PlainTextRenderer.Render(await app.Get<ChatRouter>().HandleAsync(request, CancellationToken.None)).Trim();
    }
}
