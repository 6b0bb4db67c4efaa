using CryptoDigest.Chat;
using CryptoDigest.Replies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Telegram;

/// <summary>
/// Drains the update queue with a few concurrent workers, each update in its own DI scope. A failing
/// update is logged and never stops the loop; a slow one (a model answer) holds only its own worker.
/// On shutdown the updates already accepted are still answered, within a deadline below the host's
/// 30 s shutdown timeout: Telegram considers them delivered, so dropping them would lose the replies.
/// A webhook update stays stored in the ledger until it is answered or fails outright; one abandoned at
/// shutdown stays stored, for <see cref="TelegramWebhookRecovery"/>.
/// </summary>
internal sealed partial class TelegramUpdateWorker(
    TelegramUpdateQueue queue,
    UpdateLedger ledger,
    IServiceScopeFactory scopes,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<TelegramUpdateWorker> logger) : BackgroundService
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(20);

    // 2, 4, 8, 16 s, then every 30 s until the database takes the claim or the bot stops.
    private static readonly Backoff ClaimBackoff = new(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30));

    private readonly CancellationTokenSource _deadline = new();

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _deadline.CancelAfter(DrainTimeout);
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _deadline.Dispose();
        base.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.MaxConcurrentUpdates).Select(_ => Task.Run(() => WorkAsync(stoppingToken), CancellationToken.None)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var update in queue.ReadAllAsync(stoppingToken))
            {
                await ProcessAsync(update);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: answer what is already queued, then end.
        }

        while (!_deadline.IsCancellationRequested && queue.TryRead(out var update))
        {
            await ProcessAsync(update);
        }
    }

    private async Task ProcessAsync(global::Telegram.Bot.Types.Update update)
    {
        var done = false;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            // The queue's guard is this instance's; the ledger is every instance's. A webhook update was claimed
            // before it was acknowledged (or taken over by the recovery pass), so only a polled one is claimed here.
            if (!options.Value.UsesWebhook && !await ClaimAsync(update.Id))
            {
                LogDuplicate(logger, update.Id);
                return;
            }

            try
            {
                await scope.ServiceProvider.GetRequiredService<TelegramUpdateHandler>().HandleAsync(update, _deadline.Token);
                done = true;
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && _deadline.IsCancellationRequested))
            {
                LogUpdateFailed(logger, ex, update.Id);
                done = true;
            }
        }
        catch (OperationCanceledException) when (_deadline.IsCancellationRequested)
        {
            LogAbandoned(logger, update.Id);
        }
        catch (Exception ex)
        {
            LogUpdateFailed(logger, ex, update.Id);
        }
        finally
        {
            queue.Finish(update.Id);
        }

        if (done && options.Value.UsesWebhook)
        {
            await MarkDoneAsync(update.Id);
        }
    }

    /// <summary>
    /// Drops the stored webhook update: answered, or failed for a reason a second try would meet again. Not when
    /// abandoned at shutdown, so the recovery pass of the next instance answers it.
    /// </summary>
    private async Task MarkDoneAsync(int updateId)
    {
        try
        {
            await ledger.MarkDoneAsync(ChatPlatform.Telegram, updateId, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The recovery pass will take it over and answer it again: a possible duplicate, said so in the log.
            LogNotMarkedDone(logger, ex, updateId);
        }
    }

    /// <summary>
    /// Claims the update in the ledger, waiting out a database that cannot take the claim (busy,
    /// locked, unreachable) instead of dropping the member's command: a webhook update was already
    /// acknowledged, so nobody would send it again. While it waits the update stays unfinished, so
    /// polling does not confirm it either, and a restart gets it re-sent (docs/telegram.md).
    /// </summary>
    private async Task<bool> ClaimAsync(int updateId)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ledger.TryClaimAsync(ChatPlatform.Telegram, updateId, _deadline.Token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var wait = ClaimBackoff.Delay(attempt);
                LogClaimFailed(logger, ex, updateId, attempt, wait.TotalSeconds);
                await Task.Delay(wait, time, _deadline.Token);
            }
        }
    }


    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram update {UpdateId} could not be claimed (attempt {Attempt}); trying again in {Seconds} s")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception, int updateId, int attempt, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Processing Telegram update {UpdateId} failed; carrying on with the next")]
    private static partial void LogUpdateFailed(ILogger logger, Exception exception, int updateId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram update {UpdateId} was already taken by another instance; skipped")]
    private static partial void LogDuplicate(ILogger logger, int updateId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram update {UpdateId} was answered but could not be marked done; the recovery pass may answer it again")]
    private static partial void LogNotMarkedDone(ILogger logger, Exception exception, int updateId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram update {UpdateId} was not answered before shutdown")]
    private static partial void LogAbandoned(ILogger logger, int updateId);
}
