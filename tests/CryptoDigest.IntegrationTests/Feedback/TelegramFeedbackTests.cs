using System.Globalization;
using CryptoDigest.Briefs;
using CryptoDigest.Feedback;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.IntegrationTests.Telegram;
using CryptoDigest.Replies;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.IntegrationTests.Feedback;

/// <summary>
/// 👍/👎 under a delivered brief, through the Bot API stand-in and Telegram.Bot: the keyboard comes with the brief's
/// last part, a member's vote is stored once and changed by a later press, a 👎 adds the "what was wrong?" row, a
/// second member's vote is their own, and a payload that does not parse or names a brief the chat never got is
/// refused with an alert and stores nothing.
/// </summary>
[Collection(PostgresCollection.Name)]
public class TelegramFeedbackTests(PostgresFixture postgres)
{
    private const long Group = -7800;
    private const long OtherGroup = -7801;
    private const long Stranger = -7802;
    private const long First = 501;
    private const long Second = 502;

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Feeds:UseSamplesWhenOffline"] = "true",
        // One worker: callbacks are handled in the order they were queued.
        ["Telegram:MaxConcurrentUpdates"] = "1",
    };

    [Fact]
    public async Task A_delivered_brief_carries_the_buttons_and_each_member_has_one_changeable_vote()
    {
        // Arrange: today's brief delivered to two groups.
        await using var host = await TelegramTestHost.StartAsync(postgres, Settings);
        var edition = await host.Services.GetRequiredService<BriefComposer>().ComposeAsync(CancellationToken.None);
        await SubscribeAsync(host, Group);
        await SubscribeAsync(host, OtherGroup);
        await host.Services.GetRequiredService<BriefDispatcher>().DispatchNowAsync(null, CancellationToken.None);
        await host.Services.GetRequiredService<BriefDeliverer>().DeliverDueAsync(CancellationToken.None);
        var parts = host.Api.DeliveredTo(Group);
        var last = parts[^1];

        // The buttons sit under the last part only, and name the edition.
        Assert.All(parts.SkipLast(1), p => Assert.Null(p.Parameters["reply_markup"]));
        Assert.Equal([$"f1|b{edition.Id}|up", $"f1|b{edition.Id}|down"], Payloads(last.Parameters));
        Assert.Equal(["👍", "👎"], last.Parameters["reply_markup"]!["inline_keyboard"]!.AsArray().SelectMany(r => r!.AsArray()).Select(b => (string)b!["text"]!));

        // Act: the first member votes 👍, changes to 👎, and says it was too long; a second member votes 👍.
        host.Api.AddCallbackQuery(Group, last.MessageId, First, $"f1|b{edition.Id}|up");
        host.Api.AddCallbackQuery(Group, last.MessageId, First, $"f1|b{edition.Id}|down");
        host.Api.AddCallbackQuery(Group, last.MessageId, First, $"f1|b{edition.Id}|down|length");
        host.Api.AddCallbackQuery(Group, last.MessageId, Second, $"f1|b{edition.Id}|up");
        var answers = await host.Api.WaitForCallsAsync("answercallbackquery", 4);

        // Assert: each press answered privately; the 👎 added the reasons row under this group's message only.
        Assert.Equal([ReplyTexts.English["Feedback.ThanksUp"], ReplyTexts.English["Feedback.WhatWasWrong"], ReplyTexts.English["Feedback.Thanks.TooLong"], ReplyTexts.English["Feedback.ThanksUp"]], answers.Select(a => (string?)a.Parameters["text"]));
        Assert.All(answers, a => Assert.NotEqual(true, (bool?)a.Parameters["show_alert"]));
        var edit = Assert.Single(host.Api.Calls, c => c.Method == "editmessagereplymarkup");
        Assert.Equal(Group, (long?)edit.Parameters["chat_id"]);
        Assert.Equal(last.MessageId, (int?)edit.Parameters["message_id"]);
        Assert.Equal(
            [$"f1|b{edition.Id}|up", $"f1|b{edition.Id}|down", $"f1|b{edition.Id}|down|fact", $"f1|b{edition.Id}|down|relevance", $"f1|b{edition.Id}|down|length"],
            Payloads(edit.Parameters));

        // One row per member, under a hash that is not their id; the first member's changed to 👎 with its reason.
        var votes = await VotesAsync(host);
        Assert.Equal(2, votes.Count);
        Assert.All(votes, v => Assert.Equal(("brief", edition.Id, "Telegram", "-7800", "offline", "en"), (v.TargetKind, v.TargetId, v.Platform, v.ChatId, v.Model, v.Language)));
        Assert.Equal(["down length", "up "], votes.Select(v => $"{v.Vote} {v.Reason}").Order(StringComparer.Ordinal));
        // The key was generated on first use and stored; each hash is HMAC-SHA256 of the member under it.
        var key = Convert.FromBase64String((await SecretsAsync(host)).Single().Value);
        Assert.Equal(32, key.Length);
        Assert.Equal(MemberHasher.Hash(key, ChatPlatform.Telegram, "501"), votes.Single(v => v.Vote == "down").MemberHash);
        Assert.Equal(MemberHasher.Hash(key, ChatPlatform.Telegram, "502"), votes.Single(v => v.Vote == "up").MemberHash);

        // Votes change nothing another chat sees: its message was never edited.
        Assert.DoesNotContain(host.Api.Calls, c => c.Method.StartsWith("editmessage", StringComparison.Ordinal) && (long?)c.Parameters["chat_id"] == OtherGroup);
    }

    [Theory]
    [InlineData("f1|b{0}|sideways")] // does not parse
    [InlineData("f2|b{0}|up")] // an unknown version
    [InlineData("f1|b{1}|up")] // an edition never delivered anywhere
    [InlineData("f1|a{0}|up")] // an answer never given here
    public async Task A_forged_payload_is_refused_with_an_alert_and_stores_nothing(string template)
    {
        // Arrange: the group got today's brief.
        await using var host = await TelegramTestHost.StartAsync(postgres, Settings);
        var edition = await host.Services.GetRequiredService<BriefComposer>().ComposeAsync(CancellationToken.None);
        await SubscribeAsync(host, Group);
        await host.Services.GetRequiredService<BriefDispatcher>().DispatchNowAsync(null, CancellationToken.None);
        await host.Services.GetRequiredService<BriefDeliverer>().DeliverDueAsync(CancellationToken.None);
        var payload = string.Format(CultureInfo.InvariantCulture, template, edition.Id, edition.Id + 1000);

        // Act
        host.Api.AddCallbackQuery(Group, host.Api.DeliveredTo(Group)[^1].MessageId, First, payload);
        var answered = Assert.Single(await host.Api.WaitForCallsAsync("answercallbackquery"));

        // Assert
        Assert.True((bool?)answered.Parameters["show_alert"]);
        Assert.Equal(ReplyTexts.English["Feedback.InvalidButton"], (string?)answered.Parameters["text"]);
        Assert.Empty(await VotesAsync(host));
        Assert.DoesNotContain(host.Api.Calls, c => c.Method == "editmessagereplymarkup");
    }

    [Fact]
    public async Task A_vote_on_a_brief_pressed_in_a_chat_that_never_got_it_is_refused()
    {
        // Arrange: the group got the brief; the stranger's chat did not.
        await using var host = await TelegramTestHost.StartAsync(postgres, Settings);
        var edition = await host.Services.GetRequiredService<BriefComposer>().ComposeAsync(CancellationToken.None);
        await SubscribeAsync(host, Group);
        await host.Services.GetRequiredService<BriefDispatcher>().DispatchNowAsync(null, CancellationToken.None);
        await host.Services.GetRequiredService<BriefDeliverer>().DeliverDueAsync(CancellationToken.None);

        // Act: the group's payload, pressed under a message of another chat.
        host.Api.AddCallbackQuery(Stranger, 77, First, $"f1|b{edition.Id}|up");
        var answered = Assert.Single(await host.Api.WaitForCallsAsync("answercallbackquery"));

        // Assert
        Assert.True((bool?)answered.Parameters["show_alert"]);
        Assert.Empty(await VotesAsync(host));
    }

    [Fact]
    public async Task A_spanish_chats_buttons_and_answers_are_in_spanish_and_the_vote_keeps_the_language()
    {
        // Arrange: today's brief delivered to a group whose brief is in Spanish.
        await using var host = await TelegramTestHost.StartAsync(postgres, Settings);
        var edition = await host.Services.GetRequiredService<BriefComposer>().ComposeAsync(CancellationToken.None);
        await host.Services.GetRequiredService<SubscriptionStore>().SubscribeAsync(
            ChatPlatform.Telegram, Group.ToString(CultureInfo.InvariantCulture), null, new SubscriptionSettings(new TimeOnly(8, 0), "UTC", []), exists: false, CancellationToken.None, "es");
        await host.Services.GetRequiredService<BriefDispatcher>().DispatchNowAsync(null, CancellationToken.None);
        await host.Services.GetRequiredService<BriefDeliverer>().DeliverDueAsync(CancellationToken.None);
        var last = host.Api.DeliveredTo(Group)[^1];

        // Act: a member votes 👎, then names the reason.
        host.Api.AddCallbackQuery(Group, last.MessageId, First, $"f1|b{edition.Id}|down");
        host.Api.AddCallbackQuery(Group, last.MessageId, First, $"f1|b{edition.Id}|down|fact");
        var answers = await host.Api.WaitForCallsAsync("answercallbackquery", 2);

        // Assert: the answers and the reasons row are the Spanish texts, and the vote is stored as Spanish.
        var spanish = ReplyTexts.For("es");
        Assert.Equal(["Anotado 👎. ¿Qué falló? Elige una opción abajo.", spanish["Feedback.Thanks.WrongFact"]], answers.Select(a => (string?)a.Parameters["text"]));
        var edit = Assert.Single(host.Api.Calls, c => c.Method == "editmessagereplymarkup");
        Assert.Equal(
            ["👍", "👎", "Dato erróneo", "No me interesa", "Demasiado largo"],
            edit.Parameters["reply_markup"]!["inline_keyboard"]!.AsArray().SelectMany(r => r!.AsArray()).Select(b => (string)b!["text"]!));
        Assert.Equal(("es", "down", "fact"), (await VotesAsync(host)).Select(v => (v.Language, v.Vote, v.Reason)).Single());
    }

    private static List<string> Payloads(System.Text.Json.Nodes.JsonObject parameters) =>
        parameters["reply_markup"]!["inline_keyboard"]!.AsArray().SelectMany(r => r!.AsArray()).Select(b => (string)b!["callback_data"]!).ToList();

    private static Task SubscribeAsync(TelegramTestHost host, long chat) =>
        host.Services.GetRequiredService<SubscriptionStore>().SubscribeAsync(
            ChatPlatform.Telegram, chat.ToString(CultureInfo.InvariantCulture), null, new SubscriptionSettings(new TimeOnly(8, 0), "UTC", []), exists: false, CancellationToken.None);

    private static async Task<List<FeedbackSecret>> SecretsAsync(TelegramTestHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DigestDbContext>().FeedbackSecrets.AsNoTracking().ToListAsync();
    }

    private static async Task<List<FeedbackVote>> VotesAsync(TelegramTestHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DigestDbContext>().FeedbackVotes.AsNoTracking().OrderBy(v => v.Id).ToListAsync();
    }
}
