using CryptoDigest.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace CryptoDigest.Telegram;

/// <summary>
/// Long polling (https://core.telegram.org/bots/api#getupdates), written out rather than Telegram.Bot's
/// ReceiveAsync, which moves the offset before handling and re-polls at once after an error. Here the
/// offset passes an update only once it has been handled (a restart is handed the rest again, and the
/// update ledger skips any already taken), errors back off up to a minute (a 429 waits its retry_after),
/// and only the instance holding the polling lease polls (Telegram answers a second poller with 409 Conflict).
/// </summary>
internal sealed partial class TelegramPollingService(
    ITelegramBotClient bot,
    TelegramUpdateQueue queue,
    TelegramPollingLease lease,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<TelegramPollingService> logger) : BackgroundService
{
    // my_chat_member is not sent unless asked for: it tells when the bot is removed, blocked or added.
    // Edited messages too: a link edited into a message after it was posted is scanned like a new one. Callback
    // queries: the /settings buttons.
    internal static readonly UpdateType[] AllowedUpdates = [UpdateType.Message, UpdateType.EditedMessage, UpdateType.ChannelPost, UpdateType.MyChatMember, UpdateType.CallbackQuery];
    private static readonly Backoff ErrorBackoff = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));

    /// <summary>The most updates one getUpdates returns (Telegram's maximum).</summary>
    internal const int BatchLimit = 100;

    /// <summary>A batch larger than this is a burst: poll again once half of it is done, not at once.</summary>
    internal const int RefillAt = BatchLimit / 2;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await using var held = await lease.AcquireAsync(stoppingToken);
                LogPolling(logger);
                await PollAsync(held, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task PollAsync(HeldSessionLease held, CancellationToken stoppingToken)
    {
        var position = new PollPosition();
        var failures = 0;
        var webhookDeleted = false;
        try
        {
            while (!stoppingToken.IsCancellationRequested && await held.IsStillHeldAsync(stoppingToken))
            {
                try
                {
                    if (!webhookDeleted)
                    {
                        // getUpdates is refused while a webhook is set; pending updates are kept.
                        await bot.DeleteWebhook(dropPendingUpdates: false, stoppingToken);
                        webhookDeleted = true;
                    }

                    var updates = await bot.GetUpdates(position.Offset, limit: BatchLimit, timeout: options.Value.PollingTimeoutSeconds, AllowedUpdates, stoppingToken);
                    failures = 0;
                    await HandOverAsync(updates, position, stoppingToken);
                }
                catch (RequestException ex) when (!stoppingToken.IsCancellationRequested)
                {
                    await WaitAfterFailureAsync(ex, ++failures, stoppingToken);
                }
            }
        }
        finally
        {
            // Up to the oldest update still in hand: what the workers do not finish is handed over again.
            await ConfirmAsync(ConfirmableOffset(position.Next));
        }
    }

    // Queues a batch for the workers, then moves the offset up to what may be confirmed.
    private async Task HandOverAsync(Update[] updates, PollPosition position, CancellationToken stoppingToken)
    {
        var fresh = 0;
        foreach (var update in updates)
        {
            fresh += await queue.EnqueueAsync(update, stoppingToken) ? 1 : 0;
            position.Next = Math.Max(position.Next ?? 0, update.Id + 1);
        }

        // The next answer starts at the oldest update still in hand and comes back at once while any is, so
        // polling again at once would mostly re-read this batch: in a burst, once per finished update (a
        // full batch read, sent and parsed for each). After a full batch, or one that held nothing new,
        // wait until half of what is still unfinished of it has finished (docs/telegram.md, Long polling).
        if (updates.Length > RefillAt || (updates.Length > 0 && fresh == 0))
        {
            await queue.WaitForHalfAsync([.. updates.Select(u => u.Id)], TimeSpan.FromSeconds(options.Value.PollingTimeoutSeconds + 1), time, stoppingToken);
        }

        position.Offset = ConfirmableOffset(position.Next);
    }

    // The offset confirms every update below it, and Telegram then forgets them: it stops at the oldest one
    // still being handled, so a crash loses none that were only queued.
    private int? ConfirmableOffset(int? next) => queue.OldestUnfinished is { } oldest && oldest < next ? oldest : next;

    // A 429 waits the retry_after Telegram names (TelegramFloodPolicy); any other failure backs off up to a minute.
    private Task WaitAfterFailureAsync(RequestException error, int failures, CancellationToken stoppingToken)
    {
        var delay = TelegramFloodPolicy.RetryAfter(error) ?? Backoff(failures);
        if (error is ApiRequestException { ErrorCode: 409 })
        {
            LogConflict(logger, error.Message, delay.TotalSeconds);
        }
        else if (error is ApiRequestException { ErrorCode: 429 })
        {
            LogFlood(logger, delay.TotalSeconds);
        }
        else
        {
            LogPollFailed(logger, error.Message, delay.TotalSeconds);
        }

        return Task.Delay(delay, time, stoppingToken);
    }

    // The server forgets updates only when a later getUpdates passes their id; tell it now, so a
    // restart (or the next leader) is not handed updates this instance already handled.
    private async Task ConfirmAsync(int? offset)
    {
        if (offset is null)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), time);
            await bot.GetUpdates(offset, limit: 1, timeout: 0, AllowedUpdates, timeout.Token);
        }
        catch (Exception ex) when (ex is RequestException or OperationCanceledException)
        {
            LogConfirmFailed(logger, ex.Message);
        }
    }

    internal static TimeSpan Backoff(int failures) => ErrorBackoff.Delay(failures);

    [LoggerMessage(Level = LogLevel.Information, Message = "Polling Telegram for updates")]
    private static partial void LogPolling(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram refused polling ({Reason}): another instance or a webhook is receiving; retrying in {Seconds} s")]
    private static partial void LogConflict(ILogger logger, string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram asked polling to slow down (429): polling again in {Seconds} s")]
    private static partial void LogFlood(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling Telegram failed ({Reason}); retrying in {Seconds} s")]
    private static partial void LogPollFailed(ILogger logger, string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Confirming the last polled Telegram updates failed ({Reason}); they may be received again after a restart")]
    private static partial void LogConfirmFailed(ILogger logger, string reason);

    /// <summary>Where polling stands while this instance holds the lease: the offset to ask from, and one past the newest update taken.</summary>
    private sealed class PollPosition
    {
        public int? Offset { get; set; }

        public int? Next { get; set; }
    }
}
