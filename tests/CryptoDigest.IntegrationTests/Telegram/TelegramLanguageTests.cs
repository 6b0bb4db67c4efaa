using System.Globalization;
using CryptoDigest.Briefs;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Replies;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.IntegrationTests.Telegram;

/// <summary>
/// Replies in the member's or the chat's language through the Bot API stand-in and Telegram.Bot: /help in a
/// private chat from a Spanish-speaking member, and a refusal in a group whose brief is in Spanish.
/// </summary>
[Collection(PostgresCollection.Name)]
public class TelegramLanguageTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Help_is_in_spanish_for_a_member_whose_telegram_is_in_spanish()
    {
        // Arrange
        await using var host = await TelegramTestHost.StartAsync(postgres);
        var update = host.Api.AddMessage(5150, "/help", queue: false);
        update["message"]!["from"]!["language_code"] = "es";

        // Act
        host.Api.QueueUpdate(update);
        var help = Assert.Single(await host.Api.WaitForMessagesAsync(5150));

        // Assert
        Assert.Contains("Comandos", help.PlainText, StringComparison.Ordinal);
        Assert.Contains("/brief - El resumen de hoy de los boletines cripto", help.PlainText, StringComparison.Ordinal);
        Assert.Contains("/ask <pregunta>", help.PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_in_a_group_whose_brief_is_in_spanish_is_refused_in_spanish()
    {
        // Arrange: the group's brief is in Spanish; the member's Telegram is in English.
        await using var host = await TelegramTestHost.StartAsync(postgres);
        const long group = -7720;
        await host.Services.GetRequiredService<SubscriptionStore>().SubscribeAsync(
            ChatPlatform.Telegram, group.ToString(CultureInfo.InvariantCulture), null, new SubscriptionSettings(new TimeOnly(8, 0), "UTC", []), exists: false, CancellationToken.None, "es");
        var update = host.Api.AddMessage(group, "/unsubscribe", fromId: 99, queue: false);
        update["message"]!["from"]!["language_code"] = "en";

        // Act
        host.Api.QueueUpdate(update);
        var refusal = Assert.Single(await host.Api.WaitForMessagesAsync(group));

        // Assert
        Assert.StartsWith("Solo los administradores de este chat pueden usar /unsubscribe aquí", refusal.PlainText, StringComparison.Ordinal);
    }
}
