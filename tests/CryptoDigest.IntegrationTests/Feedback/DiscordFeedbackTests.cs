using System.Text.Json;
using CryptoDigest.Feedback;
using CryptoDigest.IntegrationTests.Discord;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Replies;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.IntegrationTests.Feedback;

/// <summary>
/// 👍/👎 under a model's answer on Discord, through signed interactions and the model stand-in: the answer is stored
/// with its text, sources and what produced it and comes with the buttons; a press is a MESSAGE_COMPONENT interaction
/// answered privately (ephemeral), a 👎 with the "what was wrong?" row; one vote per member; a forged custom_id is
/// refused ephemerally and stores nothing.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DiscordFeedbackTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string SecuritySearch = "Security-search_security_knowledge";
    private const string OtherMember = "1400000000000000002";
    private const int Ephemeral = 64;

    private ModelStandIn _model = null!;
    private DiscordApiStandIn _discord = null!;
    private DiscordTestApp _app = null!;

    public async Task InitializeAsync()
    {
        _model = await ModelStandIn.StartAsync();
        _discord = await DiscordApiStandIn.StartAsync();
        // Always deferred, so the answer (and its buttons) arrives as the edit of the original response.
        _app = await DiscordTestApp.StartAsync(postgres, _discord, deferAfterMilliseconds: 0, settings: new Dictionary<string, string?>
        {
            ["AI:Endpoint"] = _model.BaseUrl.ToString(),
            ["AI:Model"] = "test-model",
            ["AI:ApiKey"] = "test-key",
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _discord.DisposeAsync();
        await _model.DisposeAsync();
    }

    [Fact]
    public async Task A_model_answer_comes_with_buttons_and_each_members_vote_is_stored_once_and_changeable()
    {
        // Arrange: a model answer resting on the security knowledge.
        _model.EnqueueToolCall(SecuritySearch, new { question = "keeping coins on an exchange" });
        _model.EnqueueAnswer("Exchanges have been hacked before, so keep long-term holdings in self-custody.");
        using (await _app.PostInteractionAsync(InteractionBuilder.Command("ask", options: ("question", "is it safe to keep coins on an exchange?"))))
        {
        }

        var answered = await _discord.WaitForAsync(r => r.Method is "PATCH" or "POST" && r.Path.Contains("/webhooks/", StringComparison.Ordinal) && r.Body.Contains("custom_id", StringComparison.Ordinal));
        var answer = await WithDbAsync(db => db.FeedbackAnswers.AsNoTracking().SingleAsync());
        var ids = answered[0].Json.GetProperty("components").EnumerateArray().SelectMany(r => r.GetProperty("components").EnumerateArray()).Select(b => b.GetProperty("custom_id").GetString()).ToList();

        // The answer is stored as it was sent, with its sources and what produced it; the buttons name it.
        Assert.Equal([$"f1|a{answer.Id}|up", $"f1|a{answer.Id}|down"], ids);
        Assert.Equal(InteractionBuilder.ChannelId, answer.ChatId);
        Assert.Equal("is it safe to keep coins on an exchange?", answer.Question);
        Assert.StartsWith("Exchanges have been hacked before", answer.Text, StringComparison.Ordinal);
        Assert.NotEqual("[]", answer.Sources);
        Assert.Equal(("test-model", 16, "en"), (answer.Model, answer.PromptVersion.Length, answer.Language));

        // Act: the member votes 👍, changes to 👎 and picks "wrong fact"; another member votes 👍.
        var up = await PressAsync($"f1|a{answer.Id}|up");
        var down = await PressAsync($"f1|a{answer.Id}|down");
        var reason = await PressAsync($"f1|a{answer.Id}|down|fact");
        var other = await PressAsync($"f1|a{answer.Id}|up", OtherMember);

        // Assert: every reply is the presser's alone; the 👎 asks what was wrong with the three reasons.
        Assert.All(new[] { up, down, reason, other }, r => Assert.Equal((4, Ephemeral), (r.GetProperty("type").GetInt32(), r.GetProperty("data").GetProperty("flags").GetInt32())));
        Assert.Equal(ReplyTexts.English["Feedback.ThanksUp"], up.GetProperty("data").GetProperty("content").GetString());
        Assert.Equal(ReplyTexts.English["Feedback.WhatWasWrong"], down.GetProperty("data").GetProperty("content").GetString());
        Assert.Equal(
            [$"f1|a{answer.Id}|down|fact", $"f1|a{answer.Id}|down|relevance", $"f1|a{answer.Id}|down|length"],
            down.GetProperty("data").GetProperty("components")[0].GetProperty("components").EnumerateArray().Select(b => b.GetProperty("custom_id").GetString()));
        Assert.Equal(ReplyTexts.English["Feedback.Thanks.WrongFact"], reason.GetProperty("data").GetProperty("content").GetString());
        var votes = await WithDbAsync(db => db.FeedbackVotes.AsNoTracking().OrderBy(v => v.Id).ToListAsync());
        Assert.Equal(["down fact", "up "], votes.Select(v => $"{v.Vote} {v.Reason}"));
        Assert.All(votes, v => Assert.Equal(("answer", answer.Id, "Discord", "test-model", answer.PromptVersion), (v.TargetKind, v.TargetId, v.Platform, v.Model, v.PromptVersion)));
    }

    [Theory]
    [InlineData("f1|a{0}|maybe")] // does not parse
    [InlineData("f1|a{1}|up")] // an answer never given
    [InlineData("f1|b{0}|up")] // a brief never delivered to this channel
    public async Task A_forged_custom_id_is_refused_privately_and_stores_nothing(string template)
    {
        var payload = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, 1, 1001);

        var refused = await PressAsync(payload);

        Assert.Equal(Ephemeral, refused.GetProperty("data").GetProperty("flags").GetInt32());
        Assert.Equal(ReplyTexts.English["Feedback.InvalidButton"], refused.GetProperty("data").GetProperty("content").GetString());
        Assert.Empty(await WithDbAsync(db => db.FeedbackVotes.AsNoTracking().ToListAsync()));
        Assert.Contains(_app.Log.Lines, l => l.Contains("feedback button", StringComparison.Ordinal));
    }

    private async Task<JsonElement> PressAsync(string customId, string userId = "1400000000000000001")
    {
        using var response = await _app.PostInteractionAsync(InteractionBuilder.Component(customId, userId: userId));
        return await DiscordTestApp.JsonAsync(response);
    }

    private async Task<T> WithDbAsync<T>(Func<DigestDbContext, Task<T>> work)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<DigestDbContext>());
    }
}
