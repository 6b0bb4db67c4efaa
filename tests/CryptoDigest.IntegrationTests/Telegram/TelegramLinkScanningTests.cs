using System.Globalization;
using System.Text.Json.Nodes;
using CryptoDigest.Briefs;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Replies;
using CryptoDigest.Storage;
using CryptoDigest.Telegram;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.IntegrationTests.Telegram;

/// <summary>Opt-in link scanning in a group, through the Bot API stand-in: off until an admin turns it on, then short explaining replies.</summary>
[Collection(PostgresCollection.Name)]
public class TelegramLinkScanningTests(PostgresFixture postgres)
{
    // One worker: updates are handled in order, so "no reply" to a message shows as the next reply belonging to a later one.
    private static readonly Dictionary<string, string?> Sequential = new() { ["Telegram:MaxConcurrentUpdates"] = "1" };

    private const long Group = -8100;
    private const long Admin = 7;
    private const long Member = 9;

    [Fact]
    public async Task An_admin_turns_scanning_on_and_suspicious_links_get_a_reply_that_explains_why()
    {
        await using var host = await TelegramTestHost.StartAsync(postgres, Sequential);
        host.Api.SetMember(Group, Admin, "administrator");

        host.Api.AddMessage(Group, "claim yours at https://binance-support.example.com/airdrop", fromId: Member);
        host.Api.AddMessage(Group, "/security scan on", fromId: Member);
        host.Api.AddMessage(Group, "/security scan on", fromId: Admin);
        var flagged = host.Api.AddMessage(Group, "gm! claim yours at https://binance-support.example.com/airdrop", fromId: Member);
        host.Api.AddMessage(Group, "the docs are at https://docs.uniswap.org/ and metamask.io", fromId: Member);
        var hidden = host.Api.AddMessage(Group, "official support here", fromId: Member,
            entities: new JsonArray(new JsonObject { ["type"] = "text_link", ["offset"] = 0, ["length"] = 8, ["url"] = "https://xn--metmask-4fg.io/restore" }));
        host.Api.AddMessage(Group, "/security scan", fromId: Member);
        var replies = await host.Api.WaitForMessagesAsync(Group, 5);

        Assert.StartsWith("Only this chat's admins can turn link scanning on or off", replies[0].PlainText, StringComparison.Ordinal);
        Assert.StartsWith("Link scanning is on here", replies[1].PlainText, StringComparison.Ordinal);
        Assert.Contains("I never delete messages", replies[1].PlainText, StringComparison.Ordinal);
        Assert.Contains(TelegramUpdateHandler.PrivacyModeHint, replies[1].PlainText, StringComparison.Ordinal);

        Assert.Equal((int)flagged["message"]!["message_id"]!, replies[2].ReplyToMessageId);
        Assert.Contains("Careful with this link", replies[2].PlainText, StringComparison.Ordinal);
        Assert.Contains("binance-support[.]example[.]com looks suspicious", replies[2].PlainText, StringComparison.Ordinal);
        Assert.Contains("The real site is binance.com", replies[2].PlainText, StringComparison.Ordinal);

        // The benign message got no reply: the next one answers the link hidden behind text.
        Assert.Equal((int)hidden["message"]!["message_id"]!, replies[3].ReplyToMessageId);
        Assert.Contains("Cyrillic", replies[3].PlainText, StringComparison.Ordinal);
        Assert.Contains("metamask.io", replies[3].PlainText, StringComparison.Ordinal);

        Assert.StartsWith("Link scanning is on here: 4 link(s) checked in 3 message(s), 2 flagged", replies[4].PlainText, StringComparison.Ordinal);
        Assert.Equal(0, host.Api.Calls.Count(c => c.Method == "deletemessage"));

        await using var scope = host.Services.CreateAsyncScope();
        var setting = Assert.Single(await scope.ServiceProvider.GetRequiredService<DigestDbContext>().LinkScanSettings.ToListAsync());
        Assert.Equal((true, 3L, 4L, 2L), (setting.Enabled, setting.MessagesScanned, setting.LinksChecked, setting.LinksFlagged));
    }

    [Fact]
    public async Task A_scanning_chat_whose_brief_is_in_spanish_gets_the_warning_in_spanish()
    {
        // Arrange: the group's brief is in Spanish; the member who posts the link has Telegram in English.
        const long spanishGroup = -8140;
        await using var host = await TelegramTestHost.StartAsync(postgres, Sequential);
        host.Api.SetMember(spanishGroup, Admin, "administrator");
        await host.Services.GetRequiredService<SubscriptionStore>().SubscribeAsync(
            ChatPlatform.Telegram, spanishGroup.ToString(CultureInfo.InvariantCulture), null, new SubscriptionSettings(new TimeOnly(8, 0), "UTC", []), exists: false, CancellationToken.None, "es");
        host.Api.AddMessage(spanishGroup, "/security scan on", fromId: Admin);
        var update = host.Api.AddMessage(spanishGroup, "gm! claim yours at https://binance-support.example.com/airdrop", fromId: Member, queue: false);
        update["message"]!["from"]!["language_code"] = "en";

        // Act
        host.Api.QueueUpdate(update);
        var replies = await host.Api.WaitForMessagesAsync(spanishGroup, 2);

        // Assert: heading, verdict, reason and advice from ReplyTexts.es.resx; the address defanged as in English.
        var warning = replies[1].PlainText;
        Assert.Equal((int)update["message"]!["message_id"]!, replies[1].ReplyToMessageId);
        Assert.StartsWith(ReplyTexts.For("es")["LinkCheck.Warning.Heading"], warning, StringComparison.Ordinal);
        Assert.Contains("binance-support[.]example[.]com parece sospechoso: Mete el nombre 'binance' junto a la palabra cebo 'support' dentro del dominio de otro, example[.]com.", warning, StringComparison.Ordinal);
        Assert.Contains("El sitio real es binance.com.", warning, StringComparison.Ordinal);
        Assert.Contains("No conectes ninguna billetera", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("looks suspicious", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_edited_to_hold_a_lookalike_link_gets_the_warning_as_a_new_one_would()
    {
        await using var host = await TelegramTestHost.StartAsync(postgres, Sequential);
        host.Api.SetMember(Group, Admin, "administrator");

        host.Api.AddMessage(Group, "/security scan on", fromId: Admin);
        var message = host.Api.AddMessage(Group, "gm, wallet support is on its way", fromId: Member);
        host.Api.AddEdit(message, "gm, wallet support: https://binance-support.example.com/airdrop");
        var command = host.Api.AddMessage(Group, "/security scan", fromId: Member);
        host.Api.AddEdit(command, "/security check https://binance-support.example.com/airdrop");
        host.Api.AddMessage(Group, "/security scan", fromId: Member);
        var replies = await host.Api.WaitForMessagesAsync(Group, 4);

        // The edit is warned about, replying to the edited message; an edited command is not run again.
        Assert.Equal((int)message["message"]!["message_id"]!, replies[1].ReplyToMessageId);
        Assert.Contains("binance-support[.]example[.]com looks suspicious", replies[1].PlainText, StringComparison.Ordinal);
        Assert.StartsWith("Link scanning is on here: 1 link(s) checked in 1 message(s), 1 flagged", replies[2].PlainText, StringComparison.Ordinal);
        Assert.StartsWith("Link scanning is on here: 1 link(s) checked in 1 message(s), 1 flagged", replies[3].PlainText, StringComparison.Ordinal);
        Assert.Equal(4, host.Api.DeliveredTo(Group).Count);
    }

    [Fact]
    public async Task With_deletion_allowed_only_known_bad_links_are_deleted_and_only_with_the_right()
    {
        var list = Path.Combine(Directory.CreateTempSubdirectory("cryptodigest-lists-").FullName, "blocklist.json");
        await File.WriteAllTextAsync(list, """{"version": 2, "tolerance": 1, "fuzzylist": [], "whitelist": [], "blacklist": ["wallet-drainer.test"]}""");
        var settings = new Dictionary<string, string?>(Sequential)
        {
            ["LinkCheck:DeleteFlaggedMessages"] = "true",
            ["LinkCheck:ListFiles:0"] = list,
        };
        await using var host = await TelegramTestHost.StartAsync(postgres, settings);
        host.Api.CanReadAllGroupMessages = true;
        host.Api.SetMember(Group, Admin, "administrator");
        host.Api.SetMember(Group, BotApiStandIn.BotId, "administrator");

        host.Api.AddMessage(Group, "/security scan on", fromId: Admin);
        var suspicious = host.Api.AddMessage(Group, "try coinbase-verify.example.net", fromId: Member);
        var knownBad = host.Api.AddMessage(Group, "free mint: https://app.wallet-drainer.test/mint", fromId: Member);
        var replies = await host.Api.WaitForMessagesAsync(Group, 3);
        var deletes = await host.Api.WaitForCallsAsync("deletemessage");

        Assert.DoesNotContain(TelegramUpdateHandler.PrivacyModeHint, replies[0].PlainText, StringComparison.Ordinal);
        Assert.Contains("delete messages with links on a known phishing list", replies[0].PlainText, StringComparison.Ordinal);
        Assert.Equal((int)suspicious["message"]!["message_id"]!, replies[1].ReplyToMessageId);
        Assert.Contains("looks suspicious", replies[1].PlainText, StringComparison.Ordinal);
        Assert.Equal((int)knownBad["message"]!["message_id"]!, replies[2].ReplyToMessageId);
        Assert.Contains("looks known-bad", replies[2].PlainText, StringComparison.Ordinal);
        Assert.Equal((int)knownBad["message"]!["message_id"]!, (int)Assert.Single(deletes).Parameters["message_id"]!);
    }
}
