using System.Net;
using CryptoDigest.Replies;
using CryptoDigest.Telegram;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace CryptoDigest.Tests.Telegram;

/// <summary>The sender's one classification of what the library throws, and what each error ends as when it is the last word.</summary>
public class SendErrorClassificationTests
{
    [Theory]
    [InlineData(7, 7)]
    [InlineData(null, 1)]
    [InlineData(0, 1)]
    public void A_429_is_a_flood_that_waits_retry_after_and_at_least_a_second(int? retryAfter, int seconds)
    {
        var error = TelegramSender.Classify(new ApiRequestException("Too Many Requests: retry after 7", 429, new ResponseParameters { RetryAfter = retryAfter }));

        Assert.Equal(TelegramSendErrorKind.Flood, error!.Kind);
        Assert.Equal(TimeSpan.FromSeconds(seconds), error.RetryAfter);
        Assert.Equal(SendOutcome.Failed, error.Outcome);
    }

    [Fact]
    public void Migrate_to_chat_id_names_the_supergroup()
    {
        var error = TelegramSender.Classify(new ApiRequestException(
            "Bad Request: group chat was upgraded to a supergroup chat", 400, new ResponseParameters { MigrateToChatId = -1001234 }));

        Assert.Equal(TelegramSendErrorKind.Migrated, error!.Kind);
        Assert.Equal(-1001234, error.MigrateTo);
    }

    [Theory]
    [InlineData(403, "Forbidden: bot was blocked by the user", nameof(TelegramSendErrorKind.ChatGone), SendOutcome.ChatGone)]
    [InlineData(400, "Bad Request: chat not found", nameof(TelegramSendErrorKind.ChatGone), SendOutcome.ChatGone)]
    [InlineData(400, "Bad Request: can't parse entities: Unsupported start tag \"x\" at byte offset 0", nameof(TelegramSendErrorKind.MarkupRejected), SendOutcome.Rejected)]
    [InlineData(400, "Bad Request: message thread not found", nameof(TelegramSendErrorKind.Rejected), SendOutcome.Rejected)]
    [InlineData(403, "Forbidden: not enough rights to send photos to the chat", nameof(TelegramSendErrorKind.Rejected), SendOutcome.Rejected)]
    [InlineData(500, "Internal Server Error: restart", nameof(TelegramSendErrorKind.Transient), SendOutcome.Failed)]
    [InlineData(502, "Bad Gateway", nameof(TelegramSendErrorKind.Transient), SendOutcome.Failed)]
    public void Telegram_s_answers_map_to_one_kind_each(int code, string description, string kind, SendOutcome outcome)
    {
        var error = TelegramSender.Classify(new ApiRequestException(description, code));

        Assert.Equal(kind, error!.Kind.ToString());
        Assert.Equal(description, error.Reason);
        Assert.Equal(outcome, error.Outcome);
    }

    [Fact]
    public void A_timeout_reported_by_the_library_is_transient()
    {
        var error = TelegramSender.Classify(new RequestException("Request timed out", HttpStatusCode.RequestTimeout, new TaskCanceledException()));

        Assert.Equal(TelegramSendErrorKind.Transient, error!.Kind);
    }

    [Fact]
    public async Task A_network_failure_through_the_real_client_is_transient()
    {
        using var http = new HttpClient(new RefusingHandler());
        var bot = new TelegramBotClient(new TelegramBotClientOptions("123456:test-token") { RetryThreshold = 0 }, http);

        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => bot.SendMessage(7, "gm"));

        Assert.Equal(TelegramSendErrorKind.Transient, TelegramSender.Classify(thrown)!.Kind);
    }

    [Fact]
    public void Cancellation_is_not_Telegram_s_answer_and_is_left_to_propagate()
    {
        Assert.Null(TelegramSender.Classify(new OperationCanceledException()));
    }

    private sealed class RefusingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException("Connection refused", null, HttpStatusCode.ServiceUnavailable);
    }
}
