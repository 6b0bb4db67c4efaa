using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Telegram;
using Npgsql;

namespace CryptoDigest.IntegrationTests.Telegram;

/// <summary>
/// The real Host process in webhook mode, killed (SIGKILL, no graceful stop) after it answered Telegram's POST
/// with 200 and before its reply reached Telegram: Telegram never sends that update again, so the bot that
/// starts next on the same database answers it from the update ledger, once.
/// </summary>
[Collection(PostgresCollection.Name)]
public class TelegramWebhookCrashTests(PostgresFixture postgres)
{
    private const long Chat = 9_600;
    private const string Secret = "crash-test-secret_0123456789-long-enough";

    [Fact]
    public async Task A_webhook_bot_killed_after_acknowledging_an_update_answers_it_once_after_a_restart()
    {
        // Arrange: a short update deadline, so the restarted bot does not wait minutes before taking the update over.
        await using var api = await BotApiStandIn.StartAsync();
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync());
        var environment = api.ServeEnvironment(app.ConnectionString);
        environment["Telegram__WebhookUrl"] = "https://bot.example.test/hooks/telegram";
        environment["Telegram__WebhookSecret"] = Secret;
        environment["Telegram__UpdateTimeoutSeconds"] = "2";
        var update = api.AddMessage(Chat, "/help", queue: false);
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        api.HoldSends = hold;

        // Act: the bot acknowledges the update, starts replying, and is killed while Telegram holds the reply.
        var crashing = await RunningHost.StartAsync(environment);
        Assert.Equal(HttpStatusCode.OK, await PostAsync(crashing.Http, update));
        await api.WaitForCallsAsync("sendMessage:held");
        await crashing.DisposeAsync();
        // Until the stand-in has seen the killed process's held send aborted, releasing the hold could still deliver it.
        await api.WaitForCallsAsync("sendMessage:aborted");
        api.HoldSends = null;
        hold.SetResult();
        await using var restarted = await RunningHost.StartAsync(environment);
        // Telegram re-sending it anyway (a retry of its own) is acknowledged and not answered a second time.
        Assert.Equal(HttpStatusCode.OK, await PostAsync(restarted.Http, update));
        await api.WaitForMessagesAsync(Chat);
        await WaitUntilDoneAsync(app.ConnectionString, (int)update["update_id"]!);

        // Assert: answered once, by the restarted bot; its stored copy is dropped, so no later pass answers it again.
        var reply = Assert.Single(api.DeliveredTo(Chat));
        Assert.Contains("/security", reply.PlainText, StringComparison.Ordinal);
        Assert.Contains("answering it now", restarted.Log, StringComparison.Ordinal);
    }

    private static async Task WaitUntilDoneAsync(string connectionString, int updateId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(timeout.Token);
        while (true)
        {
            await using var command = new NpgsqlCommand("""SELECT count(*) FROM "ProcessedUpdates" WHERE "UpdateId" = $1 AND "Payload" IS NOT NULL""", connection);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = updateId });
            if ((long)(await command.ExecuteScalarAsync(timeout.Token))! == 0)
            {
                return;
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient http, JsonObject update)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/telegram") { Content = JsonContent.Create(update) };
        request.Headers.Add(TelegramWebhookEndpoint.SecretHeader, Secret);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
