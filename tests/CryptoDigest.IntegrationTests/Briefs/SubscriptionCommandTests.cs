using CryptoDigest.Chat;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Replies;
using Microsoft.EntityFrameworkCore;

namespace CryptoDigest.IntegrationTests.Briefs;

[Collection(PostgresCollection.Name)]
public class SubscriptionCommandTests(PostgresFixture postgres)
{
    [Fact]
    public async Task An_admin_subscribes_sees_the_setting_and_unsubscribes()
    {
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync());

        var subscribed = await SendAsync(app, "/subscribe 07:30 Europe/Berlin sources:glassnode");
        var shown = await SendAsync(app, "/subscribe");
        // Showing the setting is an admin's use too, as on both platforms (issue 19: one rule).
        var shownToMember = await SendAsync(app, "/subscribe", admin: false);
        var stopped = await SendAsync(app, "/unsubscribe");
        var shownAfter = await SendAsync(app, "/subscribe");

        Assert.StartsWith("Subscribed: this chat gets the daily brief at 07:30 Europe/Berlin (only glassnode)", subscribed, StringComparison.Ordinal);
        Assert.StartsWith("This chat gets the daily brief at 07:30 Europe/Berlin", shown, StringComparison.Ordinal);
        Assert.StartsWith("Only this chat's admins can use /subscribe", shownToMember, StringComparison.Ordinal);
        Assert.StartsWith("Unsubscribed", stopped, StringComparison.Ordinal);
        Assert.StartsWith("This chat has no daily brief", shownAfter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_who_is_not_an_admin_cannot_subscribe_the_chat()
    {
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync());

        var reply = await SendAsync(app, "/subscribe 08:00 UTC", admin: false);

        Assert.StartsWith("Only this chat's admins", reply, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Subscriptions.CountAsync()));
    }

    [Fact]
    public async Task Subscribing_again_changes_the_one_subscription_and_keeps_the_last_zone()
    {
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync());
        await SendAsync(app, "/subscribe 07:30 America/New_York");

        var changed = await SendAsync(app, "/subscribe 09:15");

        Assert.Contains("09:15 America/New_York", changed, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.Subscriptions.CountAsync()));
    }

    [Fact]
    public async Task Each_forum_topic_has_its_own_subscription()
    {
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync());

        await SendAsync(app, "/subscribe 07:00 UTC", threadId: "11");
        await SendAsync(app, "/subscribe 19:00 UTC", threadId: "22");
        await SendAsync(app, "/unsubscribe", threadId: "11");

        var subscriptions = await app.WithDbAsync(db => db.Subscriptions.OrderBy(s => s.ThreadId).ToListAsync());
        Assert.Equal(["11", "22"], subscriptions.Select(s => s.ThreadId));
        Assert.Equal([false, true], subscriptions.Select(s => s.Active));
    }

    [Theory]
    [InlineData("/subscribe 25:99", "as a time")]
    [InlineData("/subscribe Atlantis/Capital", "time zone")]
    public async Task Bad_arguments_get_a_clear_answer_and_store_nothing(string text, string expected)
    {
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync());

        Assert.Contains(expected, await SendAsync(app, text), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Subscriptions.CountAsync()));
    }

    [Fact]
    public async Task A_chat_subscribed_from_a_spanish_client_is_answered_in_spanish()
    {
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync());

        var refused = await SendAsync(app, "/subscribe 25:99", locale: "es");
        var subscribed = await SendAsync(app, "/subscribe 07:30 Europe/Madrid sources:glassnode", locale: "es");
        // Once the chat has a brief, its language answers, whatever the member's client says.
        var shown = await SendAsync(app, "/subscribe", locale: "ru");

        Assert.Equal("No pude leer \"25:99\" como hora: usa HH:MM en formato de 24 horas (por ejemplo 08:00 o 18:30).", refused);
        Assert.StartsWith("Suscrito: este chat recibirá el resumen diario a las 07:30 Europe/Madrid (solo glassnode).", subscribed, StringComparison.Ordinal);
        Assert.StartsWith("Este chat recibe el resumen diario a las 07:30 Europe/Madrid (solo glassnode).", shown, StringComparison.Ordinal);
        Assert.Equal("es", await app.WithDbAsync(db => db.Subscriptions.Select(s => s.Language).SingleAsync()));
    }

    private static async Task<string> SendAsync(TestApp app, string text, bool admin = true, string? threadId = null, string? locale = null)
    {
        var request = ChatRequest.FromText(ChatPlatform.Telegram, "-1001234", "42", admin, ChatCommandParser.Parse(text), threadId) with { Locale = locale, MemberLocale = locale };
        return PlainTextRenderer.Render(await app.Get<ChatRouter>().HandleAsync(request, CancellationToken.None)).Trim();
    }
}
