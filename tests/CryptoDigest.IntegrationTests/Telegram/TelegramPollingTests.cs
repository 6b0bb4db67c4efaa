using System.Globalization;
using System.Text.Json.Nodes;
using CryptoDigest.Briefs;
using CryptoDigest.Chat;
using CryptoDigest.IntegrationTests.Feeds;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Replies;
using CryptoDigest.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.IntegrationTests.Telegram;

/// <summary>The whole adapter in long-polling mode: updates from the stand-in's getUpdates to replies through sendMessage.</summary>
[Collection(PostgresCollection.Name)]
public class TelegramPollingTests(PostgresFixture postgres)
{
    // One worker: updates are handled in order, so "nothing was answered" can be checked against a later reply.
    private static readonly Dictionary<string, string?> Sequential = new() { ["Telegram:MaxConcurrentUpdates"] = "1" };

    [Fact]
    public async Task Every_command_gets_a_correct_reply_in_a_private_chat()
    {
        await using var host = await TelegramTestHost.StartAsync(postgres);
        var commands = ChatCommands.All.Select((c, i) => (Command: c, ChatId: 5000L + i)).ToList();
        foreach (var (command, chatId) in commands)
        {
            host.Api.AddMessage(chatId, $"/{command.Name}{(command.NeedsArgument ? " is bitcoin safe on an exchange" : "")}");
        }

        foreach (var (command, chatId) in commands)
        {
            var reply = Assert.Single(await host.Api.WaitForMessagesAsync(chatId));
            AssertCorrectReply(command, reply);
            Assert.Null(reply.ReplyToMessageId);
        }
    }

    [Fact]
    public async Task Every_command_as_cmd_at_BotName_gets_a_correct_reply_in_a_group()
    {
        await using var host = await TelegramTestHost.StartAsync(postgres);
        var commands = ChatCommands.All.Select((c, i) => (Command: c, ChatId: -6000L - i)).ToList();
        var sent = new Dictionary<long, int>();
        foreach (var (command, chatId) in commands)
        {
            host.Api.SetMember(chatId, 42, "administrator");
            var update = host.Api.AddMessage(chatId, $"/{command.Name}@{BotApiStandIn.BotUserName}{(command.NeedsArgument ? " why equal weighting" : "")}");
            sent[chatId] = (int)update["message"]!["message_id"]!;
        }

        foreach (var (command, chatId) in commands)
        {
            var reply = Assert.Single(await host.Api.WaitForMessagesAsync(chatId));
            AssertCorrectReply(command, reply);
            Assert.Equal(sent[chatId], reply.ReplyToMessageId);
        }
    }

    [Fact]
    public async Task A_burst_of_updates_is_read_in_a_few_full_batches_not_one_poll_per_finished_update()
    {
        // One worker: the batch in hand empties slowly, which is when a poller that re-polls on every
        // finished update reads the same batch again and again (each poll starts at the oldest unfinished one).
        await using var host = await TelegramTestHost.StartAsync(postgres, Sequential);
        const int Burst = 300;
        const long FirstChat = 8000;
        for (var i = 0; i < Burst; i++)
        {
            host.Api.AddMessage(FirstChat + i, "/help");
        }

        await host.Api.WaitForAsync(() => host.Api.DeliveredCounts.Count >= Burst ? host.Api.Delivered : null, $"{Burst} replies");
        var polls = host.Api.CallCount("getupdates", 200);

        Assert.All(Enumerable.Range(0, Burst), i => Assert.Equal(1, host.Api.DeliveredCounts.GetValueOrDefault(FirstChat + i)));
        // 50 new per poll in the burst (6 polls), the last batch halving as it empties (about 6 more), and the polls
        // before the burst: under twenty. Polling again on every finished update takes hundreds.
        Assert.InRange(polls, 3, 25);
    }

    [Fact]
    public async Task A_non_admin_subscribe_in_a_group_is_refused_politely_and_admins_reach_the_router()
    {
        await using var host = await TelegramTestHost.StartAsync(postgres, Sequential);
        const long group = -7100;
        host.Api.SetMember(group, 2, "administrator");

        host.Api.AddMessage(group, "/subscribe 08:00 Europe/Berlin", fromId: 1);
        host.Api.AddMessage(group, "/unsubscribe", fromId: 1);
        host.Api.AddMessage(group, "/subscribe", fromId: 2);
        // An anonymous admin writes as the group itself, through @GroupAnonymousBot.
        host.Api.AddMessage(group, "/subscribe", fromId: 1087968824, fromBot: true, senderChatId: group);
        var replies = await host.Api.WaitForMessagesAsync(group, 4);

        Assert.StartsWith("Only this chat's admins can use /subscribe", replies[0].PlainText, StringComparison.Ordinal);
        Assert.Contains("/subscribe", replies[0].PlainText, StringComparison.Ordinal);
        Assert.Contains("/unsubscribe", replies[1].PlainText, StringComparison.Ordinal);
        Assert.StartsWith("This chat has no daily brief", replies[2].PlainText, StringComparison.Ordinal);
        Assert.StartsWith("This chat has no daily brief", replies[3].PlainText, StringComparison.Ordinal);
        // The member was checked once (then cached); the anonymous admin needed no check.
        Assert.Equal([1L, 2L], host.Api.Calls.Where(c => c.Method == "getchatmember").Select(c => (long)c.Parameters["user_id"]!));
    }

    [Fact]
    public async Task In_a_group_only_a_use_that_needs_an_admin_costs_a_getChatMember_call()
    {
        await using var host = await TelegramTestHost.StartAsync(postgres, Sequential);
        const long group = -7150;

        host.Api.AddMessage(group, "/security how do I store bitcoin safely", fromId: 1);
        host.Api.AddMessage(group, "/security check binance-support.example.com", fromId: 1);
        host.Api.AddMessage(group, "/security scan", fromId: 1);
        host.Api.AddMessage(group, "/security scan on", fromId: 3);
        var replies = await host.Api.WaitForMessagesAsync(group, 4);

        Assert.Contains("Source", replies[0].PlainText, StringComparison.Ordinal);
        Assert.Contains("Verdict", replies[1].PlainText, StringComparison.Ordinal);
        Assert.StartsWith("Link scanning is off here", replies[2].PlainText, StringComparison.Ordinal);
        Assert.StartsWith("Only this chat's admins can turn link scanning on or off", replies[3].PlainText, StringComparison.Ordinal);
        // The question, the check and the status need no admin, so Telegram was asked only about the member turning scanning on.
        Assert.Equal([3L], host.Api.Calls.Where(c => c.Method == "getchatmember").Select(c => (long)c.Parameters["user_id"]!));
    }

    [Fact]
    public async Task Group_messages_are_ignored_unless_they_are_commands_mention_or_reply_to_the_bot()
    {
        await using var host = await TelegramTestHost.StartAsync(postgres, Sequential);
        const long group = -7200;

        host.Api.AddMessage(group, "gm everyone, is bitcoin safe?");
        host.Api.AddMessage(group, "/help@SomeOtherBot");
        host.Api.AddMessage(group, "/help", fromId: 777, fromBot: true);
        var mention = host.Api.AddMessage(group, $"@{BotApiStandIn.BotUserName} is bitcoin safe on an exchange?");
        var reply = host.Api.AddMessage(group, "and what about phishing?", replyToBotMessage: 1);
        host.Api.AddMessage(group, "/help");
        var replies = await host.Api.WaitForMessagesAsync(group, 3);

        Assert.Equal(3, host.Api.DeliveredTo(group).Count);
        Assert.Equal((int)mention["message"]!["message_id"]!, replies[0].ReplyToMessageId);
        Assert.Contains("Source:", replies[0].PlainText, StringComparison.Ordinal);
        Assert.Equal((int)reply["message"]!["message_id"]!, replies[1].ReplyToMessageId);
        Assert.Contains("/security", replies[2].PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_in_a_forum_topic_is_answered_in_that_topic()
    {
        await using var host = await TelegramTestHost.StartAsync(postgres);

        host.Api.AddMessage(-1007300, "/help", threadId: 77);

        Assert.Equal(77, Assert.Single(await host.Api.WaitForMessagesAsync(-1007300)).ThreadId);
    }

    [Fact]
    public async Task Only_a_listed_source_editor_may_add_a_source_not_a_group_admin_an_anonymous_admin_or_a_private_chat_user()
    {
        await using var feeds = await FeedServer.StartAsync(app => app.MapGet("/feed", context => FeedResponses.WriteRssAsync(
            context, """<feed xmlns="http://www.w3.org/2005/Atom"><title>Editor Research</title><entry><id>1</id><title>x</title></entry></feed>""")));
        var feed = feeds.Url("/feed").AbsoluteUri;
        var settings = new Dictionary<string, string?>(Sequential) { ["Feeds:SourceEditors:0"] = "telegram:5", ["Feeds:AllowLoopback"] = "true" };
        await using var host = await TelegramTestHost.StartAsync(postgres, settings);
        const long group = -7200;
        host.Api.SetMember(group, 2, "administrator");

        host.Api.AddMessage(group, $"/sources add {feed}", fromId: 2);
        host.Api.AddMessage(group, $"/sources add {feed}", fromId: 1087968824, senderChatId: group);
        host.Api.AddMessage(3, $"/sources add {feed}");
        var privateReply = Assert.Single(await host.Api.WaitForMessagesAsync(3));
        host.Api.AddMessage(group, $"/sources add {feed}", fromId: 5);
        host.Api.AddMessage(group, "/sources", fromId: 1);
        host.Api.AddMessage(group, "/sources", fromId: 5);
        var replies = await host.Api.WaitForMessagesAsync(group, 5);

        Assert.All(
            [replies[0].PlainText, replies[1].PlainText, privateReply.PlainText],
            text => Assert.StartsWith("Only the bot's source editors can add or remove sources", text, StringComparison.Ordinal));
        Assert.StartsWith("Added Editor Research", replies[2].PlainText, StringComparison.Ordinal);
        Assert.Contains("• Editor Research - Added in chat.", replies[3].PlainText, StringComparison.Ordinal);
        Assert.DoesNotContain("telegram:5", replies[3].PlainText, StringComparison.Ordinal);
        Assert.Contains("Editor Research by telegram:5", replies[4].PlainText, StringComparison.Ordinal);
        // Only the editor's add fetched anything, and no one's admin status was asked for: it decides nothing here.
        Assert.Equal(1, feeds.CountOf("/feed"));
        Assert.DoesNotContain(host.Api.Calls, c => c.Method == "getchatmember");
        await using var scope = host.Services.CreateAsyncScope();
        var added = await scope.ServiceProvider.GetRequiredService<DigestDbContext>().Sources.SingleAsync(s => s.AddedByUser);
        Assert.Equal(("Editor Research", "telegram:5"), (added.Name, added.AddedBy));
    }

    [Fact]
    public async Task Commands_are_registered_with_descriptions_for_private_chats_groups_and_group_admins()
    {
        await using var host = await TelegramTestHost.StartAsync(postgres);

        var calls = await host.Api.WaitForCallsAsync("setMyCommands", 24);

        // The menus without a language_code: English, for everyone whose language has no menu of its own.
        var byScope = calls.Where(c => c.Parameters["language_code"] is null).ToDictionary(c => (string)c.Parameters["scope"]!["type"]!, c => c.Parameters["commands"]!.AsArray());
        foreach (var scope in new[] { "default", "all_private_chats", "all_chat_administrators" })
        {
            Assert.Equal(ChatCommands.All.Select(c => c.Name), byScope[scope].Select(c => (string)c!["command"]!));
        }

        Assert.DoesNotContain(byScope["all_group_chats"], c => (string)c!["command"]! is "subscribe" or "unsubscribe");
        Assert.All(byScope.Values.SelectMany(a => a), c => Assert.InRange(((string)c!["description"]!).Length, 1, 256));
    }

    [Fact]
    public async Task Commands_are_registered_per_shipped_language_with_telegrams_two_letter_codes()
    {
        await using var host = await TelegramTestHost.StartAsync(postgres);

        var calls = await host.Api.WaitForCallsAsync("setMyCommands", 24);

        // Every scope once per language: none (English) and es, pt (pt-BR), ru, tr, zh (zh-Hans).
        var menus = calls.GroupBy(c => (string?)c.Parameters["language_code"]).ToDictionary(g => g.Key ?? "", g => g.ToList());
        Assert.Equal(["", "es", "pt", "ru", "tr", "zh"], menus.Keys.Order(StringComparer.Ordinal));
        Assert.All(menus.Values, m => Assert.Equal(4, m.Select(c => (string)c.Parameters["scope"]!["type"]!).Distinct().Count()));
        var spanish = menus["es"].Single(c => (string)c.Parameters["scope"]!["type"]! == "all_private_chats").Parameters["commands"]!.AsArray();
        Assert.Equal(ChatCommands.All.Select(c => c.Name), spanish.Select(c => (string)c!["command"]!));
        Assert.Equal("Por qué llegó o no llegó aquí el resumen diario (administradores)", (string)spanish.Single(c => (string)c!["command"]! == "status")!["description"]!);
        var groups = menus["zh"].Single(c => (string)c.Parameters["scope"]!["type"]! == "all_group_chats").Parameters["commands"]!.AsArray();
        Assert.DoesNotContain(groups, c => (string)c!["command"]! is "subscribe" or "unsubscribe");
        Assert.Equal(ReplyTexts.For("zh-Hans")["Command.help.Description"], (string)groups.Single(c => (string)c!["command"]! == "help")!["description"]!);
    }

    [Fact]
    public async Task An_update_that_fails_is_logged_and_the_next_one_is_answered()
    {
        await using var host = await TelegramTestHost.StartAsync(postgres, Sequential);
        host.Api.ChatMemberFails = true;

        host.Api.AddMessage(-7400, "/subscribe");
        host.Api.AddMessage(-7400, "/help");

        var reply = Assert.Single(await host.Api.WaitForMessagesAsync(-7400));
        Assert.Contains("/security", reply.PlainText, StringComparison.Ordinal);
        Assert.Single(host.Api.Calls, c => c.Method == "getchatmember");
    }

    [Fact]
    public async Task A_group_upgraded_to_a_supergroup_keeps_its_subscription_from_the_service_message()
    {
        await using var host = await TelegramTestHost.StartAsync(postgres, Sequential);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
            db.Subscriptions.Add(new Subscription { Platform = "Telegram", ChatId = "-7500", DeliveryTime = new TimeOnly(9, 0), TimeZone = "UTC" });
            await db.SaveChangesAsync();
        }

        host.Api.AddMigration(-7500, -1007500);
        host.Api.AddMessage(-1007500, "/help");
        await host.Api.WaitForMessagesAsync(-1007500);

        var store = host.Services.GetRequiredService<SubscriptionStore>();
        Assert.Equal(new TimeOnly(9, 0), (await store.FindAsync(ChatPlatform.Telegram, "-1007500", null, CancellationToken.None))!.DeliveryTime);
        Assert.Null(await store.FindAsync(ChatPlatform.Telegram, "-7500", null, CancellationToken.None));
    }

    [Fact]
    public async Task The_poller_confirms_an_update_to_Telegram_only_after_it_was_answered()
    {
        // Arrange: one update at a time, and Telegram holds every reply until released.
        await using var host = await TelegramTestHost.StartAsync(postgres, Sequential);
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Api.HoldSends = hold;
        var first = (int)host.Api.AddMessage(9300, "/help")["update_id"]!;
        for (var chat = 1; chat < 5; chat++)
        {
            host.Api.AddMessage(9300 + chat, "/help");
        }

        // Act: the first reply is stuck at Telegram while the poller polls again after taking the five.
        await host.Api.WaitForCallsAsync("sendMessage:held");
        await host.Api.WaitForAsync(
            () => host.Api.Calls.Where(c => c.Method == "getupdates" && (int?)c.Parameters["offset"] >= first).ToList() is { Count: > 0 } polls ? polls : null,
            "a poll after the five");
        var unconfirmedWhileStuck = host.Api.UnconfirmedUpdates;
        host.Api.HoldSends = null;
        hold.SetResult();

        // Assert: nothing was confirmed (a crash now would lose none); once answered, all are.
        Assert.Equal(5, unconfirmedWhileStuck);
        for (var chat = 0; chat < 5; chat++)
        {
            Assert.Single(await host.Api.WaitForMessagesAsync(9300 + chat));
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (host.Api.UnconfirmedUpdates > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
        }
    }

    [Theory]
    [InlineData(-7400L, "supergroup", "administrator", "kicked", "the bot was removed from the chat")]
    [InlineData(-7401L, "group", "member", "left", "the bot was removed from the chat")]
    [InlineData(7402L, "private", "member", "kicked", "the user blocked the bot")]
    public async Task A_bot_removed_from_a_chat_or_blocked_stops_its_brief_at_once(long chatId, string chatType, string oldStatus, string newStatus, string reason)
    {
        await using var host = await TelegramTestHost.StartAsync(postgres);
        var store = host.Services.GetRequiredService<SubscriptionStore>();
        var chat = chatId.ToString(CultureInfo.InvariantCulture);
        await store.SubscribeAsync(ChatPlatform.Telegram, chat, null, new SubscriptionSettings(new TimeOnly(8, 0), "UTC", []), exists: false, CancellationToken.None);

        host.Api.AddMyChatMember(chatId, chatType, oldStatus, newStatus);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Subscription? subscription;
        while ((subscription = await store.FindAsync(ChatPlatform.Telegram, chat, null, CancellationToken.None))!.Active)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
        }

        Assert.Equal(reason, subscription.DeactivatedReason);
        Assert.Empty(host.Api.DeliveredTo(chatId));
    }

    [Fact]
    public async Task A_reply_to_a_chat_that_blocked_the_bot_stops_its_brief()
    {
        await using var host = await TelegramTestHost.StartAsync(postgres);
        var store = host.Services.GetRequiredService<SubscriptionStore>();
        await store.SubscribeAsync(ChatPlatform.Telegram, "7420", null, new SubscriptionSettings(new TimeOnly(8, 0), "UTC", []), exists: false, CancellationToken.None);
        host.Api.Block(7420);

        host.Api.AddMessage(7420, "/help");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Subscription? subscription;
        while ((subscription = await store.FindAsync(ChatPlatform.Telegram, "7420", null, CancellationToken.None))!.Active)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
        }

        Assert.Equal("Forbidden: bot was blocked by the user", subscription.DeactivatedReason);
    }

    [Fact]
    public async Task A_reply_to_a_group_that_became_a_supergroup_arrives_there_and_moves_its_subscription()
    {
        await using var host = await TelegramTestHost.StartAsync(postgres);
        var store = host.Services.GetRequiredService<SubscriptionStore>();
        await store.SubscribeAsync(ChatPlatform.Telegram, "-7430", null, new SubscriptionSettings(new TimeOnly(9, 0), "UTC", []), exists: false, CancellationToken.None);
        host.Api.Migrate(-7430, -1007430);

        host.Api.AddMessage(-7430, "/help");

        Assert.Single(await host.Api.WaitForMessagesAsync(-1007430));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await store.FindAsync(ChatPlatform.Telegram, "-1007430", null, CancellationToken.None) is null)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
        }

        Assert.Null(await store.FindAsync(ChatPlatform.Telegram, "-7430", null, CancellationToken.None));
    }

    [Fact]
    public async Task A_bot_added_to_a_group_introduces_itself()
    {
        await using var host = await TelegramTestHost.StartAsync(postgres);

        host.Api.AddMyChatMember(-7410, "group", "left", "member");

        var greeting = Assert.Single(await host.Api.WaitForMessagesAsync(-7410));
        Assert.Contains("I read crypto newsletters", greeting.PlainText, StringComparison.Ordinal);
        Assert.Contains("/help", greeting.PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_polling_bot_removes_any_webhook_before_polling()
    {
        await using var host = await TelegramTestHost.StartAsync(postgres);

        await host.Api.WaitForCallsAsync("getUpdates");

        var methods = host.Api.Calls.Select(c => c.Method).ToList();
        Assert.True(methods.IndexOf("deletewebhook") < methods.IndexOf("getupdates"));
        Assert.DoesNotContain("setwebhook", methods);
    }

    private static void AssertCorrectReply(ChatCommand command, DeliveredMessage reply)
    {
        Assert.Equal("HTML", reply.ParseMode, ignoreCase: true);
        var expected = command.Name switch
        {
            "start" => "I read crypto newsletters",
            "help" => "/security",
            "brief" => "Daily brief",
            "digest" => "Sample content",
            "subscribe" => "This chat has no daily brief. Start one with /subscribe",
            "unsubscribe" => "This chat has no daily brief to stop.",
            "settings" => "This chat has no brief to set up yet.",
            "sources" => "Newsletter sources",
            // Nothing was ingested into this database, so the archive answers that honestly.
            "search" => "in the last 365 days.",
            "status" => "No daily brief here, so nothing was delivered.",
            _ => "Source:",
        };
        Assert.Contains(expected, reply.PlainText, StringComparison.Ordinal);
    }
}
