using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CryptoDigest.Briefs;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Replies;
using CryptoDigest.Storage;
using CryptoDigest.Telegram;
using Microsoft.Extensions.DependencyInjection;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace CryptoDigest.IntegrationTests.Telegram;

/// <summary>
/// The sender on its own, as the scheduled briefs use it, against the Bot API stand-in; what a chat's
/// answer (blocked, migrated) means for its subscription is shown through a delivery by the brief deliverer.
/// </summary>
[Collection(PostgresCollection.Name)]
public partial class TelegramSenderTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_10000_character_brief_is_split_with_every_message_within_4096_and_the_text_intact()
    {
        await using var host = await TelegramTestHost.StartAsync(postgres, start: false);
        var sender = host.Services.GetRequiredService<TelegramSender>();
        var brief = LongBrief(10_000);

        var result = await sender.SendAsync(-100200, null, brief, disableLinkPreviews: true, CancellationToken.None);

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        var delivered = host.Api.DeliveredTo(-100200);
        Assert.True(delivered.Count >= 3);
        Assert.Equal(result.MessageIds, delivered.Select(m => m.MessageId));
        Assert.All(delivered, m =>
        {
            Assert.InRange(m.PlainText.EnumerateRunes().Count(), 1, 4096);
            Assert.Equal("HTML", m.ParseMode, ignoreCase: true);
            Assert.True(m.LinkPreviewDisabled);
        });
        Assert.Equal(Words(PlainText(brief)), Words(string.Join("\n", delivered.Select(m => m.PlainText))));
        // Paced to one message a second: the stand-in, which enforces that, never had to refuse one.
        Assert.DoesNotContain(host.Api.Calls, c => c.Status != 200);
    }

    [Fact]
    public async Task A_retry_after_429_sends_exactly_once()
    {
        await using var host = await TelegramTestHost.StartAsync(postgres, start: false);
        host.Api.FailNextSend(7001, 429, "Too Many Requests: retry after 1", new JsonObject { ["retry_after"] = 1 });

        var result = await host.Services.GetRequiredService<TelegramSender>().SendAsync(7001, null, ChatReply.Text("gm"), false, CancellationToken.None);

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        Assert.Equal("gm", Assert.Single(host.Api.DeliveredTo(7001)).PlainText);
        Assert.Equal([429, 200], host.Api.Calls.Where(c => c.Method == "sendmessage").Select(c => c.Status));
    }

    [Fact]
    public async Task The_Telegram_client_leaves_429s_to_the_sender_instead_of_sleeping_through_them()
    {
        await using var host = await TelegramTestHost.StartAsync(postgres, start: false);
        host.Api.FailNextSend(7010, 429, "Too Many Requests: retry after 1", new JsonObject { ["retry_after"] = 1 });
        var bot = host.Services.GetRequiredService<ITelegramBotClient>();

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessage(7010, "gm"));

        Assert.Equal(429, error.ErrorCode);
        Assert.Equal(1, error.Parameters?.RetryAfter);
        Assert.Single(host.Api.Calls, c => c.Method == "sendmessage");
    }

    [Fact]
    public async Task One_chats_429_does_not_stall_sends_to_other_chats()
    {
        await using var host = await TelegramTestHost.StartAsync(postgres, start: false);
        var sender = host.Services.GetRequiredService<TelegramSender>();
        host.Api.FailNextSend(7101, 429, "Too Many Requests: retry after 30", new JsonObject { ["retry_after"] = 30 });
        using var stop = new CancellationTokenSource();

        var slow = sender.SendAsync(7101, null, ChatReply.Text("waits 30 s"), false, stop.Token);
        await host.Api.WaitForCallsAsync("sendMessage");
        var other = await sender.SendAsync(7102, null, ChatReply.Text("goes at once"), false, CancellationToken.None);

        Assert.Equal(SendOutcome.Sent, other.Outcome);
        Assert.False(slow.IsCompleted);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => slow);
    }

    [Fact]
    public async Task A_chat_that_blocked_the_bot_is_reported_gone_and_its_subscription_left_to_the_caller()
    {
        await using var host = await TelegramTestHost.StartAsync(postgres, start: false);
        await AddSubscriptionAsync(host.Services, "7012");
        host.Api.Block(7012);

        var result = await host.Services.GetRequiredService<TelegramSender>().SendAsync(7012, null, ChatReply.Text("brief"), true, CancellationToken.None);

        Assert.Equal(SendOutcome.ChatGone, result.Outcome);
        Assert.Equal("Forbidden: bot was blocked by the user", result.Error);
        Assert.True((await host.Services.GetRequiredService<SubscriptionStore>().FindAsync(ChatPlatform.Telegram, "7012", null, CancellationToken.None))!.Active);
        Assert.Single(host.Api.Calls, c => c.Method == "sendmessage");
    }

    [Fact]
    public async Task A_chat_that_blocked_the_bot_has_its_subscription_deactivated()
    {
        await using var host = await TelegramTestHost.StartAsync(postgres, start: false);
        await AddSubscriptionAsync(host.Services, "7002");
        host.Api.Block(7002);

        await DeliverNowAsync(host, "7002");

        var subscription = await host.Services.GetRequiredService<SubscriptionStore>().FindAsync(ChatPlatform.Telegram, "7002", null, CancellationToken.None);
        Assert.False(subscription!.Active);
        Assert.Equal("Forbidden: bot was blocked by the user", subscription.DeactivatedReason);
        Assert.Single(host.Api.Calls, c => c.Method == "sendmessage");
    }

    [Fact]
    public async Task A_403_for_missing_rights_rejects_the_message_but_keeps_the_subscription()
    {
        await using var host = await TelegramTestHost.StartAsync(postgres, start: false);
        await AddSubscriptionAsync(host.Services, "-1007004");
        host.Api.FailNextSend(-1007004, 403, "Forbidden: not enough rights to send photos to the chat");

        var result = await host.Services.GetRequiredService<TelegramSender>().SendAsync(-1007004, null, ChatReply.Text("brief"), true, CancellationToken.None);

        Assert.Equal(SendOutcome.Rejected, result.Outcome);
        // And through a delivery, where a chat's answer could stop its subscription: this one does not.
        host.Api.FailNextSend(-1007004, 403, "Forbidden: not enough rights to send photos to the chat");
        await DeliverNowAsync(host, "-1007004");
        var subscription = await host.Services.GetRequiredService<SubscriptionStore>().FindAsync(ChatPlatform.Telegram, "-1007004", null, CancellationToken.None);
        Assert.True(subscription!.Active);
        Assert.Null(subscription.DeactivatedReason);
    }

    [Fact]
    public async Task A_migrated_group_gets_the_message_at_its_new_id_and_the_result_names_both_ids()
    {
        await using var host = await TelegramTestHost.StartAsync(postgres, start: false);
        host.Api.Migrate(-4002, -1004002);

        var result = await host.Services.GetRequiredService<TelegramSender>().SendAsync(-4002, null, ChatReply.Text("brief"), true, CancellationToken.None);

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        Assert.Equal((-1004002L, -4002L), (result.ChatId, result.MigratedFrom));
        Assert.Equal("brief", Assert.Single(host.Api.DeliveredTo(-1004002)).PlainText);
    }

    [Fact]
    public async Task A_migrated_group_keeps_its_subscription_and_gets_the_message_at_its_new_id()
    {
        await using var host = await TelegramTestHost.StartAsync(postgres, start: false);
        await AddSubscriptionAsync(host.Services, "-4001");
        host.Api.Migrate(-4001, -1004001);

        await DeliverNowAsync(host, "-4001");

        Assert.NotEmpty(host.Api.DeliveredTo(-1004001));
        Assert.Empty(host.Api.DeliveredTo(-4001));
        var store = host.Services.GetRequiredService<SubscriptionStore>();
        Assert.True((await store.FindAsync(ChatPlatform.Telegram, "-1004001", null, CancellationToken.None))!.Active);
        Assert.Null(await store.FindAsync(ChatPlatform.Telegram, "-4001", null, CancellationToken.None));
    }

    [Fact]
    public async Task A_reply_rejected_for_markup_is_resent_as_plain_text()
    {
        await using var host = await TelegramTestHost.StartAsync(postgres, start: false);
        host.Api.FailNextSend(7003, 400, "Bad Request: can't parse entities: Unsupported start tag \"x\" at byte offset 0");
        var reply = new ChatReply([new ReplyBlock("Heading", "a < b & c", [new Citation("Guide", new Uri("https://example.com/g"))])]);

        var result = await host.Services.GetRequiredService<TelegramSender>().SendAsync(7003, null, reply, true, CancellationToken.None);

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        var message = Assert.Single(host.Api.DeliveredTo(7003));
        Assert.Null(message.ParseMode);
        Assert.Equal("Heading\na < b & c\nSource: Guide (https://example.com/g)", message.RawText);
    }

    [Fact]
    public async Task Another_400_is_reported_with_the_chat_and_not_retried()
    {
        await using var host = await TelegramTestHost.StartAsync(postgres, start: false);
        host.Api.FailNextSend(7004, 400, "Bad Request: message thread not found");

        var result = await host.Services.GetRequiredService<TelegramSender>().SendAsync(7004, 99, ChatReply.Text("x"), true, CancellationToken.None);

        Assert.Equal(SendOutcome.Rejected, result.Outcome);
        Assert.Equal("Bad Request: message thread not found", result.Error);
        Assert.Single(host.Api.Calls, c => c.Method == "sendmessage");
    }

    [Fact]
    public async Task One_reply_sent_to_many_chats_gives_each_its_own_chat_id_and_the_library_s_exact_text_and_options()
    {
        await using var host = await TelegramTestHost.StartAsync(postgres, start: false);
        var sender = host.Services.GetRequiredService<TelegramSender>();
        var bot = host.Services.GetRequiredService<ITelegramBotClient>();
        // One reply object, as a broadcast shares it: its body is prepared once and reused for every chat.
        var reply = new ChatReply([new ReplyBlock("Flows \"today\"", "BTC < ETH & café ✓ \\ \u2028", [new Citation("Guide", new Uri("https://example.com/g?a=1&b=2"))])]);
        var html = TelegramHtmlFormatter.Format(reply).Single().Html;
        await bot.SendMessage(7399, html, ParseMode.Html, linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true });
        await bot.SendMessage(7398, html, ParseMode.Html, linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true }, messageThreadId: 9);
        var expected = Without(Assert.Single(host.Api.DeliveredTo(7399)).Parameters, "chat_id");
        var expectedInTopic = Without(Assert.Single(host.Api.DeliveredTo(7398)).Parameters, "chat_id");
        long[] chats = [7301, 7302, -1007303, 7304];

        var results = await Task.WhenAll(chats.Select(chat => sender.SendAsync(chat, chat == 7304 ? 9 : null, reply, disableLinkPreviews: true, CancellationToken.None)));

        Assert.All(results, r => Assert.Equal(SendOutcome.Sent, r.Outcome));
        foreach (var chat in chats)
        {
            var message = Assert.Single(host.Api.DeliveredTo(chat));
            Assert.Equal(chat, (long)message.Parameters["chat_id"]!);
            Assert.True(JsonNode.DeepEquals(chat == 7304 ? expectedInTopic : expected, Without(message.Parameters, "chat_id")), message.Parameters.ToJsonString());
        }

        // Without previews switched off, the option is absent, as the library leaves it.
        await sender.SendAsync(7305, null, reply, disableLinkPreviews: false, CancellationToken.None);
        Assert.Null(Assert.Single(host.Api.DeliveredTo(7305)).Parameters["link_preview_options"]);
    }

    [Fact]
    public async Task A_reused_body_s_429_400_and_403_answers_map_to_the_same_outcomes()
    {
        await using var host = await TelegramTestHost.StartAsync(postgres, start: false);
        var sender = host.Services.GetRequiredService<TelegramSender>();
        var reply = ChatReply.Text("the same brief for everyone");
        host.Api.FailNextSend(7311, 429, "Too Many Requests: retry after 1", new JsonObject { ["retry_after"] = 1 });
        host.Api.FailNextSend(7312, 400, "Bad Request: message thread not found");
        host.Api.Block(7313);
        host.Api.FailNextSend(-1007314, 403, "Forbidden: not enough rights to send text messages to the chat");
        host.Api.Migrate(-7315, -1007315);

        var outcomes = await Task.WhenAll(new long[] { 7310, 7311, 7312, 7313, -1007314, -7315 }
            .Select(chat => sender.SendAsync(chat, null, reply, disableLinkPreviews: true, CancellationToken.None)));

        Assert.Equal(
            [SendOutcome.Sent, SendOutcome.Sent, SendOutcome.Rejected, SendOutcome.ChatGone, SendOutcome.Rejected, SendOutcome.Sent],
            outcomes.Select(o => o.Outcome));
        Assert.Equal("Bad Request: message thread not found", outcomes[2].Error);
        Assert.Equal((-1007315L, -7315L), (outcomes[5].ChatId, outcomes[5].MigratedFrom));
        Assert.Equal([429, 200], host.Api.Calls.Where(c => c.Method == "sendmessage" && (long)c.Parameters["chat_id"]! == 7311).Select(c => c.Status));
        Assert.All(new long[] { 7310, 7311, -1007315 }, chat => Assert.Equal("the same brief for everyone", Assert.Single(host.Api.DeliveredTo(chat)).PlainText));
        Assert.Equal(outcomes[0].MessageIds, host.Api.DeliveredTo(7310).Select(m => m.MessageId));
    }

    [Fact]
    public async Task An_image_goes_with_sendPhoto_and_a_caption_within_1024_characters()
    {
        await using var host = await TelegramTestHost.StartAsync(postgres, start: false);
        var caption = string.Join(' ', Enumerable.Repeat("index<weights>", 100)); // 1,499 characters
        var reply = new ChatReply([new ReplyBlock(null, "Chart below.")], new ReplyImage(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, caption));

        var result = await host.Services.GetRequiredService<TelegramSender>().SendAsync(7005, null, reply, true, CancellationToken.None);

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        var delivered = host.Api.DeliveredTo(7005);
        Assert.Equal(["sendmessage", "sendphoto", "sendmessage"], delivered.Select(m => m.Method));
        Assert.InRange(delivered[1].PlainText.Length, 1, 1024);
        Assert.Equal(Words(caption), Words(delivered[1].PlainText + " " + delivered[2].PlainText));
    }

    [Fact]
    public async Task Sends_to_many_chats_keep_to_the_bot_wide_rate_without_a_429()
    {
        await using var host = await TelegramTestHost.StartAsync(postgres, new Dictionary<string, string?> { ["Telegram:GlobalMessagesPerSecond"] = "4" }, start: false);
        host.Api.GlobalMessagesPerSecond = 4;
        var sender = host.Services.GetRequiredService<TelegramSender>();

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => sender.SendAsync(8000 + i, null, ChatReply.Text($"brief {i}"), true, CancellationToken.None)));

        Assert.All(results, r => Assert.Equal(SendOutcome.Sent, r.Outcome));
        Assert.Equal(10, host.Api.Delivered.Count);
        Assert.DoesNotContain(host.Api.Calls, c => c.Status == 429);
    }

    internal static ChatReply LongBrief(int characters)
    {
        var sentences = new[]
        {
            "Bitcoin & Ether rose <5%> this week, per the <b>weekly</b> note.",
            "Equal weighting rebalances often; cap weighting lets winners run 🚀.",
            "Phishing sites copy wallet pages: check the domain & never share a seed &nbsp;<br>.",
        };
        var blocks = new List<ReplyBlock>();
        for (var (n, length) = (0, 0); length < characters; n++)
        {
            var text = string.Join(n % 3 == 0 ? "\n" : " ", Enumerable.Range(0, 4 + (n % 7)).Select(i => sentences[(n + i) % 3]));
            blocks.Add(new ReplyBlock($"Item {n}", text, [new Citation($"Newsletter {n}", new Uri($"https://example.com/issue/{n}?a=1&b=2"))]));
            length += text.Length + 40;
        }

        return new ChatReply(blocks);
    }

    internal static string PlainText(ChatReply reply) =>
        string.Join("\n\n", reply.Blocks.Select(b => $"{b.Heading}\n{b.Text}" + string.Concat(b.Citations.Select(c => $"\nSource: {c.Title}"))));

    internal static string[] Words(string text) => WhiteSpace().Split(text.Trim());

    // What a chat's answer means for its subscription is the brief deliverer's to decide: a real delivery shows it.
    private static JsonObject Without(JsonObject parameters, string name)
    {
        var copy = parameters.DeepClone().AsObject();
        copy.Remove(name);
        return copy;
    }

    private static async Task DeliverNowAsync(TelegramTestHost host, string chatId)
    {
        await host.Services.GetRequiredService<BriefDispatcher>().DispatchNowAsync(chatId, CancellationToken.None);
        await host.Services.GetRequiredService<BriefDeliverer>().DeliverDueAsync(CancellationToken.None);
    }

    private static async Task AddSubscriptionAsync(IServiceProvider services, string chatId)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        db.Subscriptions.Add(new Subscription { Platform = "Telegram", ChatId = chatId, DeliveryTime = new TimeOnly(8, 0), TimeZone = "UTC" });
        await db.SaveChangesAsync();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
