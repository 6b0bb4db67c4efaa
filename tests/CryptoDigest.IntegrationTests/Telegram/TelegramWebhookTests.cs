using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Telegram;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CryptoDigest.IntegrationTests.Telegram;

/// <summary>Webhook mode: Telegram posts updates to our endpoint with the secret header; we register it with setWebhook.</summary>
[Collection(PostgresCollection.Name)]
public class TelegramWebhookTests(PostgresFixture postgres)
{
    private const string Secret = "test-secret_42-long-enough-to-be-accepted";

    private static readonly Dictionary<string, string?> Webhook = new()
    {
        ["Telegram:WebhookUrl"] = "https://bot.example.test/hooks/telegram",
        ["Telegram:WebhookSecret"] = Secret,
        ["Telegram:MaxConcurrentUpdates"] = "1",
    };

    [Fact]
    public async Task The_webhook_is_registered_with_its_secret_and_nothing_polls()
    {
        await using var host = await TelegramTestHost.StartAsync(postgres, Webhook);

        var call = Assert.Single(await host.Api.WaitForCallsAsync("setWebhook"));

        Assert.Equal("https://bot.example.test/hooks/telegram", (string?)call.Parameters["url"]);
        Assert.Equal(Secret, (string?)call.Parameters["secret_token"]);
        Assert.DoesNotContain(host.Api.Calls, c => c.Method == "getupdates");
    }

    [Theory]
    [InlineData("wrong-secret")]
    [InlineData("")]
    [InlineData(null)]
    public async Task A_webhook_request_without_the_right_secret_is_refused_and_not_processed(string? secret)
    {
        await using var host = await TelegramTestHost.StartAsync(postgres, Webhook);
        using var http = new HttpClient { BaseAddress = host.BaseUrl };

        var refused = await PostAsync(http, host.Api.AddMessage(9001, "/help", queue: false), secret);
        var accepted = await PostAsync(http, host.Api.AddMessage(9001, "/start", queue: false), Secret);

        Assert.Equal(HttpStatusCode.Unauthorized, refused);
        Assert.Equal(HttpStatusCode.OK, accepted);
        var reply = Assert.Single(await host.Api.WaitForMessagesAsync(9001));
        Assert.Contains("I read crypto newsletters", reply.PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_re_sent_webhook_update_is_answered_once()
    {
        await using var host = await TelegramTestHost.StartAsync(postgres, Webhook);
        using var http = new HttpClient { BaseAddress = host.BaseUrl };
        var update = host.Api.AddMessage(9002, "/help", queue: false);

        Assert.Equal(HttpStatusCode.OK, await PostAsync(http, update, Secret));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(http, update, Secret));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(http, host.Api.AddMessage(9002, "/start", queue: false), Secret));

        var replies = await host.Api.WaitForMessagesAsync(9002, 2);
        Assert.Equal(2, host.Api.DeliveredTo(9002).Count);
        Assert.Contains("/security", replies[0].PlainText, StringComparison.Ordinal);
        Assert.Contains("I read crypto newsletters", replies[1].PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_webhook_update_re_sent_to_another_instance_is_answered_once()
    {
        await using var first = await TelegramTestHost.StartAsync(postgres, Webhook);
        await using var second = await TelegramTestHost.StartAsync(first.ConnectionString, first.Api, Webhook);
        using var toFirst = new HttpClient { BaseAddress = first.BaseUrl };
        using var toSecond = new HttpClient { BaseAddress = second.BaseUrl };
        var update = first.Api.AddMessage(9003, "/help", queue: false);

        Assert.Equal(HttpStatusCode.OK, await PostAsync(toFirst, update, Secret));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(toSecond, update, Secret));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(toSecond, first.Api.AddMessage(9003, "/start", queue: false), Secret));

        var replies = await first.Api.WaitForMessagesAsync(9003, 2);
        Assert.Equal(2, first.Api.DeliveredTo(9003).Count);
        Assert.Single(replies, r => r.PlainText.StartsWith("Commands", StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_the_queue_is_full_the_webhook_answers_503_with_retry_after_and_the_re_sent_update_is_answered()
    {
        await using var host = await TelegramTestHost.StartAsync(postgres, new Dictionary<string, string?>(Webhook) { ["Telegram:QueueCapacity"] = "1", ["Telegram:QueueWaitSeconds"] = "0" });
        using var http = new HttpClient { BaseAddress = host.BaseUrl };
        host.Api.HoldSends = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The one worker takes the first update and waits on a slow Telegram; the second fills the queue.
        Assert.Equal(HttpStatusCode.OK, await PostAsync(http, host.Api.AddMessage(9101, "/help", queue: false), Secret));
        await host.Api.WaitForCallsAsync("sendMessage:held");
        Assert.Equal(HttpStatusCode.OK, await PostAsync(http, host.Api.AddMessage(9102, "/help", queue: false), Secret));
        var third = host.Api.AddMessage(9103, "/help", queue: false);
        using (var request = Request(third, Secret))
        using (var full = await http.SendAsync(request))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, full.StatusCode);
            Assert.NotNull(full.Headers.RetryAfter);
        }

        host.Api.HoldSends.SetResult();
        host.Api.HoldSends = null;
        await host.Api.WaitForMessagesAsync(9102);
        Assert.Equal(HttpStatusCode.OK, await PostAsync(http, third, Secret));

        Assert.Single(await host.Api.WaitForMessagesAsync(9103));
        Assert.Single(host.Api.DeliveredTo(9101));
    }

    [Fact]
    public async Task A_webhook_post_that_finds_the_queue_full_waits_for_room_and_is_acknowledged_and_answered_once()
    {
        // A wait far longer than the test needs: the post must end with 200, never with the 503 of a queue that stayed full.
        await using var host = await TelegramTestHost.StartAsync(postgres, new Dictionary<string, string?>(Webhook) { ["Telegram:QueueCapacity"] = "1", ["Telegram:QueueWaitSeconds"] = "30" });
        using var http = new HttpClient { BaseAddress = host.BaseUrl };
        host.Api.HoldSends = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.Equal(HttpStatusCode.OK, await PostAsync(http, host.Api.AddMessage(9151, "/help", queue: false), Secret));
        await host.Api.WaitForCallsAsync("sendMessage:held");
        Assert.Equal(HttpStatusCode.OK, await PostAsync(http, host.Api.AddMessage(9152, "/help", queue: false), Secret));

        // The queue is full: this post is held until the worker takes the next update out.
        var waiting = PostAsync(http, host.Api.AddMessage(9153, "/help", queue: false), Secret);
        var queue = host.Services.GetRequiredService<TelegramUpdateQueue>();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (queue.Waiting == 0 && !waiting.IsCompleted)
            {
                await Task.Delay(10, timeout.Token);
            }
        }

        Assert.False(waiting.IsCompleted, "the post was answered while the queue was full");
        host.Api.HoldSends.SetResult();
        host.Api.HoldSends = null;

        Assert.Equal(HttpStatusCode.OK, await waiting);
        Assert.Single(await host.Api.WaitForMessagesAsync(9153));
        Assert.Single(host.Api.DeliveredTo(9151));
        Assert.Single(host.Api.DeliveredTo(9152));
    }

    [Fact]
    public async Task Updates_accepted_before_a_shutdown_are_still_answered()
    {
        await using var host = await TelegramTestHost.StartAsync(postgres, Webhook);
        using var http = new HttpClient { BaseAddress = host.BaseUrl };
        host.Api.HoldSends = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.Equal(HttpStatusCode.OK, await PostAsync(http, host.Api.AddMessage(9201, "/help", queue: false), Secret));
        await host.Api.WaitForCallsAsync("sendMessage:held");
        Assert.Equal(HttpStatusCode.OK, await PostAsync(http, host.Api.AddMessage(9202, "/help", queue: false), Secret));
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(stopping.SetResult);

        var stop = host.StopAsync();
        await stopping.Task.WaitAsync(TimeSpan.FromSeconds(30));
        host.Api.HoldSends.SetResult();
        await stop;

        Assert.Single(host.Api.DeliveredTo(9201));
        Assert.Single(host.Api.DeliveredTo(9202));
    }

    [Fact]
    public async Task A_webhook_with_an_unreadable_body_is_a_bad_request()
    {
        await using var host = await TelegramTestHost.StartAsync(postgres, Webhook);
        using var http = new HttpClient { BaseAddress = host.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/telegram") { Content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add(TelegramWebhookEndpoint.SecretHeader, Secret);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient http, JsonObject update, string? secret)
    {
        using var request = Request(update, secret);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static HttpRequestMessage Request(JsonObject update, string? secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/telegram") { Content = JsonContent.Create(update) };
        if (secret is not null)
        {
            request.Headers.Add(TelegramWebhookEndpoint.SecretHeader, secret);
        }

        return request;
    }
}
