using MailKit;
using MailKit.Net.Imap;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Feeds.Email;

/// <summary>
/// While the bot serves: keeps one IMAP connection in IDLE on the newsletter folder (when the
/// server offers IDLE and Email:UseIdle is on) and reads the mailbox as soon as a message
/// arrives, instead of at the next Email:PollMinutes. A lost connection is reopened after a
/// wait that doubles from one second to five minutes, and so is a read that failed or found
/// another reader busy; the scheduled read goes on regardless, so IDLE only makes issues arrive
/// sooner. See docs/email.md.
/// </summary>
public sealed partial class MailboxIdleListener(MailboxIntake intake, IOptions<EmailOptions> options, TimeProvider time, ILogger<MailboxIdleListener> logger) : BackgroundService
{
    private static readonly Backoff ReconnectBackoff = new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));

    // RFC 2177 asks clients to renew IDLE well within 29 minutes, before servers drop it.
    private static readonly TimeSpan IdleRenewal = TimeSpan.FromMinutes(9);

    /// <summary>Called after each read IDLE started, with its reports; lets a test await the read. Null in production.</summary>
    internal Func<IReadOnlyList<SourceReport>, Task>? AfterRead { get; set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.UseIdle || !intake.IsEnabled)
        {
            return;
        }

        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var client = await intake.ConnectAsync(stoppingToken);
                if (!client.Capabilities.HasFlag(ImapCapabilities.Idle))
                {
                    LogNoIdle(logger, options.Value.MailboxName);
                    return;
                }

                var folder = await client.GetFolderAsync(options.Value.Folder.Trim(), stoppingToken);
                await folder.OpenAsync(FolderAccess.ReadOnly, stoppingToken);
                failures = 0;
                // Whatever arrived while no connection was idle is read first.
                await ReadAsync(stoppingToken);
                await IdleAsync(client, folder, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                var retry = ReconnectBackoff.Delay(++failures);
                LogIdleLost(logger, options.Value.MailboxName, retry.TotalSeconds, ex.Message);
                try
                {
                    await Task.Delay(retry, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task IdleAsync(ImapClient client, IMailFolder folder, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var arrived = false;
            var count = folder.Count;
            using var done = new CancellationTokenSource(IdleRenewal, time);
            void OnCountChanged(object? sender, EventArgs e)
            {
                // Only growth is news: our own moves to Email:DoneFolder shrink the folder.
                if (folder.Count > count)
                {
                    arrived = true;
                    done.Cancel();
                }
            }

            folder.CountChanged += OnCountChanged;
            try
            {
                await client.IdleAsync(done.Token, stoppingToken);
            }
            finally
            {
                folder.CountChanged -= OnCountChanged;
            }

            if (arrived)
            {
                await ReadAsync(stoppingToken);
            }
            else
            {
                // A NOOP between IDLEs lets the server report anything it held back.
                await client.NoOpAsync(stoppingToken);
            }
        }
    }

    /// <summary>
    /// Reads the mailbox for what IDLE announced. A read that failed, or that did not get its turn
    /// (another reader was busy and may have listed the folder before this message came), is tried
    /// again after a wait, so an announced message is never left for the next scheduled read.
    /// </summary>
    private async Task ReadAsync(CancellationToken stoppingToken)
    {
        var attempts = 0;
        while (true)
        {
            var reports = await intake.ReadAsync(dueOnly: false, stoppingToken);
            if (AfterRead is { } after)
            {
                await after(reports);
            }

            if (reports.FirstOrDefault(r => r.Channel == SourceChannel.Mailbox) is not { Outcome: IngestOutcome.Failed or IngestOutcome.Skipped } missed)
            {
                return;
            }

            var retry = ReconnectBackoff.Delay(++attempts);
            LogReadRetried(logger, options.Value.MailboxName, retry.TotalSeconds, missed.Error ?? string.Empty);
            await Task.Delay(retry, time, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mailbox {Mailbox}: the server does not offer IDLE; it is read every Email:PollMinutes only")]
    private static partial void LogNoIdle(ILogger logger, string mailbox);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mailbox {Mailbox}: the read IDLE asked for did not happen; trying again in {Seconds} s: {Reason}")]
    private static partial void LogReadRetried(ILogger logger, string mailbox, double seconds, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mailbox {Mailbox}: the IDLE connection failed or dropped; retrying in {Seconds} s: {Reason}")]
    private static partial void LogIdleLost(ILogger logger, string mailbox, double seconds, string reason);
}
