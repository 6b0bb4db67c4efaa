using System.Net;
using CryptoDigest.Discord;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Replies;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.IntegrationTests.Discord;

/// <summary>
/// Answers not ready within the deadline: a deadline of 0 makes every answer "slow" without depending
/// on wall-clock timing; the endpoint must defer (type 5) and edit the answer in through the webhook.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DiscordDeferredAnswerTests(PostgresFixture postgres) : IAsyncLifetime
{
    private DiscordApiStandIn _discord = null!;
    private DiscordTestApp _app = null!;

    public async Task InitializeAsync()
    {
        _discord = await DiscordApiStandIn.StartAsync();
        _app = await DiscordTestApp.StartAsync(postgres, _discord, deferAfterMilliseconds: 0);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _discord.DisposeAsync();
    }

    [Fact]
    public async Task A_slow_answer_is_deferred_then_edited_into_the_original_response()
    {
        using var response = await _app.PostInteractionAsync(InteractionBuilder.Command("security", options: ("question", "how do I store bitcoin safely")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"type":5}""", await response.Content.ReadAsStringAsync());

        var original = $"/api/v10/webhooks/{DiscordTestApp.ApplicationId}/{InteractionBuilder.Token}/messages/@original";
        var edit = Assert.Single(await _discord.WaitForAsync(r => r.Method == "PATCH" && r.Path == original));
        Assert.Null(edit.Header("Authorization"));
        Assert.StartsWith("DiscordBot (", edit.Header("User-Agent"), StringComparison.Ordinal);
        Assert.Empty(edit.Json.GetProperty("allowed_mentions").GetProperty("parse").EnumerateArray());
        Assert.Contains("wallet", edit.Body, StringComparison.OrdinalIgnoreCase);
        Assert.False(edit.Json.TryGetProperty("flags", out _));
    }

    [Fact]
    public async Task A_long_deferred_answer_edits_the_original_then_posts_the_rest_as_follow_ups()
    {
        var text = string.Join(' ', Enumerable.Range(0, 1800).Select(i => $"w{i:D4}"))[..9000];
        var handler = _app.Services.GetRequiredService<DiscordInteractionHandler>();

        await handler.DeliverDeferredAsync(DiscordTestApp.ApplicationId, InteractionBuilder.Token, new ChatReply([new ReplyBlock("Brief", text)]), CancellationToken.None);

        var webhook = $"/api/v10/webhooks/{DiscordTestApp.ApplicationId}/{InteractionBuilder.Token}";
        var requests = _discord.Requests;
        Assert.Equal(("PATCH", webhook + "/messages/@original"), (requests[0].Method, requests[0].Path));
        Assert.True(requests.Count >= 2);
        Assert.All(requests.Skip(1), r => Assert.Equal(("POST", webhook), (r.Method, r.Path)));
        Assert.All(requests, r => Assert.Null(r.Header("Authorization")));
        Assert.All(requests, r => Assert.InRange(r.Json.GetProperty("embeds").GetArrayLength(), 1, 10));
        Assert.All(requests, r => Assert.Empty(r.Json.GetProperty("allowed_mentions").GetProperty("parse").EnumerateArray()));
        Assert.Equal(9000 - text.Count(c => c == ' '), requests.Sum(r => r.Json.GetProperty("embeds").EnumerateArray().Sum(e => e.GetProperty("description").GetString()!.Count(c => c != ' '))));
    }

    [Fact]
    public async Task A_refusal_is_never_deferred()
    {
        using var response = await _app.PostInteractionAsync(InteractionBuilder.Command("subscribe"));

        var json = await DiscordTestApp.JsonAsync(response);
        Assert.Equal(4, json.GetProperty("type").GetInt32());
        Assert.Equal(64, json.GetProperty("data").GetProperty("flags").GetInt32());
    }
}
