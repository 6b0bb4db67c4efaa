using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CryptoDigest.Chat;
using CryptoDigest.Replies;
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
/// secret header first, records the update with its raw body in the update ledger before answering 200
/// (so a crash after the answer loses nothing: <see cref="TelegramWebhookRecovery"/> takes it over), and
/// leaves the work to the queue. Telegram re-sends on any non-2xx or slow answer, so a duplicate is
/// acknowledged without being processed again.
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

    private static async Task<IResult> HandleAsync(HttpContext context, TelegramUpdateQueue queue, UpdateLedger ledger, IOptions<TelegramOptions> options, ILoggerFactory loggers)
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

        var body = await BoundedBody.ReadAsync(context.Request.Body, context.Request.ContentLength, MaxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        Update? update;
        try
        {
            update = JsonSerializer.Deserialize<Update>(body, JsonBotAPI.Options);
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

        return await AcceptAsync(context, update, Encoding.UTF8.GetString(body), queue, ledger, options.Value, logger);
    }

    /// <summary>
    /// Takes a place in the queue, claims the update with its body, then queues it. Only a claim stored in the database
    /// earns the 200; a database that cannot take it gets a 503, and Telegram sends the update again. The place is taken
    /// first, so a queue that stays full (Telegram:QueueWaitSeconds) is answered 503 without touching the database.
    /// </summary>
    private static async Task<IResult> AcceptAsync(HttpContext context, Update update, string body, TelegramUpdateQueue queue, UpdateLedger ledger, TelegramOptions options, ILogger logger)
    {
        if (!await queue.ReserveAsync(TimeSpan.FromSeconds(options.QueueWaitSeconds), context.RequestAborted))
        {
            // Telegram honours Retry-After on webhook answers and sends the update again later.
            LogQueueFull(logger, update.Id);
            context.Response.Headers.RetryAfter = "5";
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        var queued = false;
        try
        {
            if (!await ledger.TryClaimAsync(ChatPlatform.Telegram, update.Id, body, context.RequestAborted))
            {
                // Taken before, here or by another instance: acknowledged, never processed twice.
                return Results.Ok();
            }

            // Queued, or already held by this instance: acknowledged either way.
            queued = true;
            queue.EnqueueReserved(update);
            return Results.Ok();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNotRecorded(logger, ex, update.Id);
            context.Response.Headers.RetryAfter = "5";
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        finally
        {
            if (!queued)
            {
                queue.CancelReservation();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Telegram webhook request from {RemoteAddress}: wrong or missing secret token")]
    private static partial void LogBadSecret(ILogger logger, string remoteAddress);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Telegram webhook request with an unreadable body: {Reason}")]
    private static partial void LogBadBody(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Telegram update queue stayed full; asked Telegram to re-send update {UpdateId} later")]
    private static partial void LogQueueFull(ILogger logger, int updateId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram update {UpdateId} could not be recorded in the ledger; asked Telegram to re-send it")]
    private static partial void LogNotRecorded(ILogger logger, Exception exception, int updateId);
}
