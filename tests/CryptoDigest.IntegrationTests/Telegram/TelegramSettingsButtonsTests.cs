using System.Globalization;
using CryptoDigest.Briefs;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Replies;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.IntegrationTests.Telegram;

/// <summary>
/// /settings with its inline keyboard through the Bot API stand-in and Telegram.Bot: the keyboard is sent,
/// an admin's press changes the setting and edits the message, a member's press and a forged payload are
/// refused with an alert and change nothing.
/// </summary>
[Collection(PostgresCollection.Name)]
public class TelegramSettingsButtonsTests(PostgresFixture postgres)
{
    private const long Group = -7700;
    private const long Admin = 2;
    private const long Member = 99;

    // One worker: callbacks are handled in the order they were queued.
    private static readonly Dictionary<string, string?> Sequential = new() { ["Telegram:MaxConcurrentUpdates"] = "1" };

    [Fact]
    public async Task Settings_come_with_a_keyboard_an_admins_press_changes_the_setting_and_a_members_is_refused()
    {
        // Arrange: a subscribed group, one admin, and the settings message a member asked for.
        await using var host = await TelegramTestHost.StartAsync(postgres, Sequential);
        var store = host.Services.GetRequiredService<SubscriptionStore>();
        var chat = Group.ToString(CultureInfo.InvariantCulture);
        await store.SubscribeAsync(ChatPlatform.Telegram, chat, null, new SubscriptionSettings(new TimeOnly(8, 0), "UTC", []), exists: false, CancellationToken.None);
        host.Api.SetMember(Group, Admin, "administrator");
        host.Api.AddMessage(Group, "/settings", fromId: Member);
        var settings = Assert.Single(await host.Api.WaitForMessagesAsync(Group));

        // The keyboard: languages, lengths, cadences, market; each payload names this chat.
        var keyboard = settings.Parameters["reply_markup"]!["inline_keyboard"]!.AsArray();
        var payloads = keyboard.SelectMany(row => row!.AsArray()).Select(b => (string)b!["callback_data"]!).ToList();
        Assert.Equal(5, keyboard.Count);
        Assert.Contains("s1|-7700|length|headlines", payloads);
        Assert.Contains("s1|-7700|language|pt-BR", payloads);
        Assert.Contains("s1|-7700|market|on", payloads);
        Assert.Contains("length: standard", settings.PlainText, StringComparison.Ordinal);

        // Act 1: the admin presses "headlines".
        host.Api.AddCallbackQuery(Group, settings.MessageId, Admin, "s1|-7700|length|headlines");
        var edit = Assert.Single(await host.Api.WaitForCallsAsync("editmessagetext"));
        var answered = Assert.Single(await host.Api.WaitForCallsAsync("answercallbackquery"));

        // Assert 1: stored, shown in the edited message with its keyboard, and the callback answered without an alert.
        Assert.Equal("headlines", (await store.FindAsync(ChatPlatform.Telegram, chat, null, CancellationToken.None))!.Length);
        Assert.Equal(settings.MessageId, (int?)edit.Parameters["message_id"]);
        Assert.Contains("length: headlines", (string?)edit.Parameters["text"], StringComparison.Ordinal);
        Assert.Contains("• headlines", edit.Parameters["reply_markup"]!["inline_keyboard"]!.AsArray().SelectMany(row => row!.AsArray()).Select(b => (string?)b!["text"]));
        Assert.NotEqual(true, (bool?)answered.Parameters["show_alert"]);

        // Act 2: a member presses "market on".
        host.Api.AddCallbackQuery(Group, settings.MessageId, Member, "s1|-7700|market|on");
        var refused = (await host.Api.WaitForCallsAsync("answercallbackquery", 2))[1];

        // Assert 2: an alert with the command's refusal, no change and no edit.
        Assert.True((bool?)refused.Parameters["show_alert"]);
        Assert.StartsWith("Only this chat's admins can change", (string?)refused.Parameters["text"], StringComparison.Ordinal);
        Assert.False((await store.FindAsync(ChatPlatform.Telegram, chat, null, CancellationToken.None))!.MarketLine);
        Assert.Single(host.Api.Calls, c => c.Method == "editmessagetext");
    }

    [Theory]
    [InlineData("s1|-9999|market|on")] // another chat
    [InlineData("s1|-7700|market|maybe")] // a value /settings refuses
    [InlineData("s1|-7700|topics|+eth")] // a setting no button changes
    [InlineData("s9|-7700|market|on")] // an unknown version
    [InlineData("market on")] // not a payload at all
    public async Task A_forged_or_foreign_payload_is_refused_with_an_alert_even_from_an_admin(string payload)
    {
        // Arrange
        await using var host = await TelegramTestHost.StartAsync(postgres, Sequential);
        var store = host.Services.GetRequiredService<SubscriptionStore>();
        var chat = Group.ToString(CultureInfo.InvariantCulture);
        await store.SubscribeAsync(ChatPlatform.Telegram, chat, null, new SubscriptionSettings(new TimeOnly(8, 0), "UTC", []), exists: false, CancellationToken.None);
        host.Api.SetMember(Group, Admin, "administrator");

        // Act
        host.Api.AddCallbackQuery(Group, 1, Admin, payload);
        var answered = Assert.Single(await host.Api.WaitForCallsAsync("answercallbackquery"));

        // Assert
        Assert.True((bool?)answered.Parameters["show_alert"]);
        Assert.StartsWith("This button is not valid here", (string?)answered.Parameters["text"], StringComparison.Ordinal);
        var subscription = (await store.FindAsync(ChatPlatform.Telegram, chat, null, CancellationToken.None))!;
        Assert.False(subscription.MarketLine);
        Assert.Equal(string.Empty, subscription.Topics);
        Assert.DoesNotContain(host.Api.Calls, c => c.Method == "editmessagetext");
    }
}
