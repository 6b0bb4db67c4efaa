using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Replies;

namespace CryptoDigest.IntegrationTests.Telegram;

/// <summary>
/// Telegram:UpdateTimeoutSeconds through the Bot API stand-in: a model that never answers costs the member
/// the deadline, not the answer, and the only worker is free for the next update.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TelegramUpdateDeadlineTests(PostgresFixture postgres)
{
    private const long Chat = 7701;

    [Fact]
    public async Task An_answer_past_the_deadline_gets_the_knowledge_answer_and_the_worker_takes_the_next_update()
    {
        await using var model = await HeldModelAsync();
        // One worker: the second update is answered only if the first one let it go.
        await using var host = await StartAsync(model, ("Telegram:MaxConcurrentUpdates", "1"));

        host.Api.AddMessage(Chat, "/ask how do I store bitcoin safely");
        host.Api.AddMessage(Chat, "/security check binance.com");
        var replies = await host.Api.WaitForMessagesAsync(Chat, 2);

        // At most the one model call: on a loaded machine the deadline may pass before the request is even sent.
        Assert.True(model.Requests.Count <= 1, $"{model.Requests.Count} model requests");
        Assert.StartsWith(ReplyTexts.English["SlowAnswer.TookTooLong"], replies[0].PlainText, StringComparison.Ordinal);
        Assert.Contains("seed phrase", replies[0].PlainText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Too late.", replies[0].PlainText, StringComparison.Ordinal);
        Assert.Contains("binance.com", replies[1].PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_slow_answer_line_is_in_the_members_language()
    {
        await using var model = await HeldModelAsync();
        await using var host = await StartAsync(model);
        var update = host.Api.AddMessage(Chat + 1, "/ask how do I store bitcoin safely", queue: false);
        update["message"]!["from"]!["language_code"] = "es";

        host.Api.QueueUpdate(update);
        var reply = Assert.Single(await host.Api.WaitForMessagesAsync(Chat + 1));

        Assert.StartsWith("Eso me estaba llevando demasiado tiempo, así que esta respuesta sale directamente de mi base de conocimientos.", reply.PlainText, StringComparison.Ordinal);
        Assert.Equal(ReplyTexts.For("es")["SlowAnswer.TookTooLong"], reply.PlainText.Split('\n')[0]);
    }

    // A model that never answers: every /ask runs into the deadline.
    private static async Task<ModelStandIn> HeldModelAsync()
    {
        var model = await ModelStandIn.StartAsync();
        model.EnqueueHeldAnswer("Too late.", new TaskCompletionSource().Task);
        return model;
    }

    private Task<TelegramTestHost> StartAsync(ModelStandIn model, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AI:Endpoint"] = model.BaseUrl.ToString(),
            ["AI:Model"] = "test-model",
            ["AI:ApiKey"] = "test-key",
            ["Telegram:UpdateTimeoutSeconds"] = "1",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return TelegramTestHost.StartAsync(postgres, settings);
    }
}
