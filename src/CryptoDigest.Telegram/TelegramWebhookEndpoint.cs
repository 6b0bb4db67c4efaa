using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace CryptoDigest.Telegram;

/// <summary>
/// The webhook Telegram posts updates to (https://core.telegram.org/bots/api#setwebhook). It checks the
/// secret header first, answers at once, and leaves the work to the queue: Telegram re-sends on any
/// non-2xx or slow answer, so a duplicate is acknowledged without being processed again.
/// </summary>
public static partial class TelegramWebhookEndpoint
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    // An update is a few KB; anything far larger is not from Telegram.
    private const long MaxBodyBytes = 1024 * 1024;

    /// <summary>Maps POST on the path of Telegram:WebhookUrl; does nothing unless Telegram runs in webhook mode.</summary>
    public static IEndpointRouteBuilder MapTelegramWebhook(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<TelegramOptions>>().Value;
        if (options.IsEnabled && options.UsesWebhook)
        {
            endpoints.MapPost(new Uri(options.WebhookUrl!).AbsolutePath, HandleAsync).ExcludeFromDescription();
        }

        return endpoints;
    }

    private static async Task<IResult> HandleAsync(HttpContext context, TelegramUpdateQueue queue, IOptions<TelegramOptions> options, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(TelegramWebhookEndpoint).FullName!);
        var expected = Encoding.UTF8.GetBytes(options.Value.EffectiveWebhookSecret);
        var given = Encoding.UTF8.GetBytes(context.Request.Headers[SecretHeader].ToString());
        if (!CryptographicOperations.FixedTimeEquals(given, expected))
        {
            LogBadSecret(logger, context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            return Results.Unauthorized();
        }

        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        Update? update;
        try
        {
            update = await JsonSerializer.DeserializeAsync<Update>(context.Request.Body, JsonBotAPI.Options, context.RequestAborted);
        }
        catch (JsonException ex)
        {
            LogBadBody(logger, ex.Message);
            return Results.BadRequest();
        }

        if (update is null)
        {
            return Results.BadRequest();
        }

        switch (queue.TryEnqueue(update))
        {
            case EnqueueResult.Full:
                // Telegram honours Retry-After on webhook answers and sends the update again later.
                LogQueueFull(logger, update.Id);
                context.Response.Headers.RetryAfter = "5";
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            default:
                return Results.Ok();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Telegram webhook request from {RemoteAddress}: wrong or missing secret token")]
    private static partial void LogBadSecret(ILogger logger, string remoteAddress);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Telegram webhook request with an unreadable body: {Reason}")]
    private static partial void LogBadBody(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Telegram update queue is full; asked Telegram to re-send update {UpdateId} later")]
    private static partial void LogQueueFull(ILogger logger, int updateId);
}
