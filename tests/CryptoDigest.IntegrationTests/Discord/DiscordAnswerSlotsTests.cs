using System.Net;
using CryptoDigest.Discord;
using CryptoDigest.IntegrationTests.Infrastructure;

namespace CryptoDigest.IntegrationTests.Discord;

/// <summary>
/// Discord:MaxConcurrentAnswers (docs/model-limits.md): with every answer slot held by a command whose model
/// answer has not come yet, the next command is answered "busy" at once and starts no work; once the slot
/// is free, commands are answered again.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DiscordAnswerSlotsTests(PostgresFixture postgres) : IAsyncLifetime
{
    private DiscordApiStandIn _discord = null!;
    private ModelStandIn _model = null!;
    private DiscordTestApp _app = null!;

    public async Task InitializeAsync()
    {
        _discord = await DiscordApiStandIn.StartAsync();
        _model = await ModelStandIn.StartAsync();
        _app = await DiscordTestApp.StartAsync(postgres, _discord, deferAfterMilliseconds: 0, settings: new Dictionary<string, string?>
        {
            ["AI:Endpoint"] = _model.BaseUrl.ToString(),
            ["AI:Model"] = "test-model",
            ["Discord:MaxConcurrentAnswers"] = "1",
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _model.DisposeAsync();
        await _discord.DisposeAsync();
    }

    [Fact]
    public async Task A_command_arriving_while_every_answer_slot_is_busy_gets_a_busy_reply_and_starts_no_model_call()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _model.EnqueueHeldAnswer("Rebalancing resets the weights.", release.Task);
        using var first = await _app.PostInteractionAsync(InteractionBuilder.Command("ask", options: ("question", "what is rebalancing")));
        Assert.Equal("""{"type":5}""", await first.Content.ReadAsStringAsync());
        await Briefs.DeliveryTestKit.WaitUntilAsync(() => Task.FromResult(_model.Requests.Count == 1));

        using var second = await _app.PostInteractionAsync(InteractionBuilder.Command("ask", options: ("question", "what is a bear market")));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var busy = await DiscordTestApp.JsonAsync(second);
        Assert.Equal(4, busy.GetProperty("type").GetInt32());
        Assert.Equal(DiscordAnswerSlots.Busy, busy.GetProperty("data").GetProperty("content").GetString());
        Assert.Equal(64, busy.GetProperty("data").GetProperty("flags").GetInt32());
        Assert.Single(_model.Requests);

        release.SetResult();
        var original = $"/api/v10/webhooks/{DiscordTestApp.ApplicationId}/{InteractionBuilder.Token}/messages/@original";
        await _discord.WaitForAsync(r => r.Method == "PATCH" && r.Path == original);
        _model.EnqueueAnswer("A bear market is a fall of 20 % or more.");

        using var third = await _app.PostInteractionAsync(InteractionBuilder.Command("ask", options: ("question", "what is a bear market")));

        Assert.Equal("""{"type":5}""", await third.Content.ReadAsStringAsync());
        await _discord.WaitForAsync(r => r.Method == "PATCH" && r.Path == original, count: 2);
        Assert.Equal(2, _model.Requests.Count);
    }
}
