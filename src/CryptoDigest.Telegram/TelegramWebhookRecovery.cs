using System.Data.Common;
using System.Text.Json;
using CryptoDigest.Chat;
using CryptoDigest.Replies;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace CryptoDigest.Telegram;

/// <summary>
/// In webhook mode, answers the updates an instance acknowledged to Telegram with 200 and then never answered
/// (it crashed, or was stopped before it finished): their raw bodies stay in the update ledger until marked done.
/// At start and then every minute (one query on a partial index, so an idle bot pays one cheap query a
/// minute) it takes over those older than twice Telegram:UpdateTimeoutSeconds and queues them again.
/// </summary>
internal sealed partial class TelegramWebhookRecovery(
    UpdateLedger ledger,
    TelegramUpdateQueue queue,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<TelegramWebhookRecovery> logger) : BackgroundService
{
    private static readonly TimeSpan MaxInterval = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a live instance may still be working on an update it acknowledged: its answer is cut off at
    /// Telegram:UpdateTimeoutSeconds, and the same again covers sending the fallback answer and a wait in the queue.
    /// </summary>
    internal TimeSpan StaleAfter => TimeSpan.FromSeconds(2 * options.Value.UpdateTimeoutSeconds);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A short deadline (tests, or an operator's choice) is checked that often, so nothing waits a minute past it.
        using var timer = new PeriodicTimer(StaleAfter < MaxInterval ? StaleAfter : MaxInterval, time);
        try
        {
            do
            {
                await RecoverAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>One pass: takes over what is stale and queues it; a database error waits for the next pass.</summary>
    internal async Task RecoverAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> payloads;
        try
        {
            payloads = await ledger.TakeOverUnansweredAsync(ChatPlatform.Telegram, time.GetUtcNow() - StaleAfter, cancellationToken);
        }
        catch (DbException ex)
        {
            LogPassFailed(logger, ex);
            return;
        }

        foreach (var payload in payloads)
        {
            Enqueue(payload);
        }
    }

    private void Enqueue(string payload)
    {
        Update? update;
        try
        {
            update = JsonSerializer.Deserialize<Update>(payload, JsonBotAPI.Options);
        }
        catch (JsonException ex)
        {
            // It was read once before it was stored, so this cannot happen short of a changed library; never retried.
            LogUnreadable(logger, ex.Message);
            return;
        }

        if (update is null)
        {
            return;
        }

        LogTakenOver(logger, update.Id);
        // Full: still stored, with a fresh claim time, so a later pass takes it again. Duplicate: this instance holds it already.
        queue.TryEnqueue(update);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram update {UpdateId} was acknowledged but never answered; answering it now")]
    private static partial void LogTakenOver(ILogger logger, int updateId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for unanswered Telegram webhook updates failed; trying again at the next pass")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A stored Telegram update could not be read again: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string reason);
}
