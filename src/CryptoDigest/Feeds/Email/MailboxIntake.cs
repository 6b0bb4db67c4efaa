using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CryptoDigest.Storage;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CryptoDigest.Feeds.Email;

/// <summary>
/// Reads the newsletter mailbox over IMAP and stores each claimed issue as an article: new
/// messages by UID since the last one handled (a new UIDVALIDITY starts over), matched to
/// sources by List-Id or sender, stored once (Message-ID, then content hash, then link), then
/// flagged \Seen or moved to Email:DoneFolder. Messages no source claims are left untouched and
/// counted; nothing is ever deleted, and nothing is marked seen that was not stored. Each message
/// is its own error boundary; a dropped connection ends the run, and the next run resumes after
/// the last message whose handling was complete. See docs/email.md.
/// </summary>
public sealed partial class MailboxIntake(
    IServiceScopeFactory scopes,
    IOptions<EmailOptions> options,
    IOptions<FeedsOptions> feeds,
    TimeProvider time,
    ILogger<MailboxIntake> logger,
    Telemetry.BotMetrics metrics)
{
    /// <summary>Called before each message is handled, with its UID; lets a test drop the connection at a known point. Null in production.</summary>
    internal Func<uint, Task>? BeforeMessage { get; set; }

    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>Reads new messages once.</summary>
    /// <param name="dueOnly">True for the recurring job: only when Email:PollMinutes (or a failure's backoff) has passed.</param>
    /// <returns>One report per e-mail source and one for the mailbox, or nothing when no mailbox is configured or it is not due.</returns>
    public async Task<IReadOnlyList<SourceReport>> ReadAsync(bool dueOnly, CancellationToken cancellationToken)
    {
        // The ingest job and the IDLE listener may both ask; one read at a time keeps the cursor simple.
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            return await ReadOnceAsync(dueOnly, cancellationToken);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>True when a mailbox is configured and some enabled source is read by e-mail.</summary>
    public bool IsEnabled => options.Value.IsConfigured && new EmailSourceMatcher(feeds.Value.Sources).HasSources;

    private async Task<IReadOnlyList<SourceReport>> ReadOnceAsync(bool dueOnly, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var matcher = new EmailSourceMatcher(feeds.Value.Sources);
        if (!settings.IsConfigured || !matcher.HasSources)
        {
            return [];
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        var cursor = await db.MailboxCursors.SingleOrDefaultAsync(c => c.Mailbox == settings.MailboxName, cancellationToken);
        if (cursor is null)
        {
            cursor = new MailboxCursor { Mailbox = settings.MailboxName };
            db.MailboxCursors.Add(cursor);
        }

        var now = time.GetUtcNow();
        if (dueOnly && cursor.NextReadAt is { } next && next > now)
        {
            return [];
        }

        var run = new Run(db, cursor, matcher, settings, now);
        string? error = null;
        try
        {
            await ReadMailboxAsync(run, cancellationToken);
            cursor.ConsecutiveFailures = 0;
            cursor.LastError = null;
            cursor.NextReadAt = now + settings.PollInterval;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            error = Describe(ex);
            LogMailboxFailed(logger, settings.MailboxName, error);
            // What was stored stays stored; the cursor holds the last message handled completely.
            db.ChangeTracker.Clear();
            cursor = await db.MailboxCursors.SingleOrDefaultAsync(c => c.Mailbox == settings.MailboxName, cancellationToken)
                ?? db.MailboxCursors.Add(new MailboxCursor { Mailbox = settings.MailboxName }).Entity;
            cursor.ConsecutiveFailures++;
            cursor.LastError = error.Length > 1000 ? error[..1000] : error;
            cursor.NextReadAt = now + new Backoff(settings.PollInterval, TimeSpan.FromHours(feeds.Value.MaxBackoffHours)).Delay(cursor.ConsecutiveFailures);
        }

        cursor.LastReadAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return await ReportAsync(db, run, cursor, error, cancellationToken);
    }

    private async Task ReadMailboxAsync(Run run, CancellationToken cancellationToken)
    {
        var settings = run.Settings;
        using var client = await ConnectAsync(cancellationToken);
        try
        {
            var folder = await client.GetFolderAsync(settings.Folder.Trim(), cancellationToken);
            await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
            var done = await DoneFolderAsync(client, settings, cancellationToken);
            var cursor = run.Cursor;
            if (cursor.UidValidity != folder.UidValidity || cursor.ClaimsFingerprint != run.Matcher.Fingerprint)
            {
                // Renumbered folder, or other senders claimed: start over; dedupe keeps stored issues single.
                LogStartingOver(logger, settings.MailboxName, cursor.UidValidity, folder.UidValidity);
                cursor.UidValidity = folder.UidValidity;
                cursor.ClaimsFingerprint = run.Matcher.Fingerprint;
                cursor.LastUid = 0;
                cursor.UnclaimedCount = 0;
                cursor.FailedCount = 0;
                await run.Db.SaveChangesAsync(cancellationToken);
            }

            var first = new UniqueId(folder.UidValidity, (uint)Math.Min(cursor.LastUid + 1, uint.MaxValue));
            // "n:*" always includes the newest message, even below n: filtered again here.
            var uids = (await folder.SearchAsync(SearchQuery.Uids(new UniqueIdRange(first, UniqueId.MaxValue)), cancellationToken))
                .Where(u => u.Id > cursor.LastUid)
                .OrderBy(u => u.Id)
                .Take(settings.MaxMessagesPerRun)
                .ToList();
            if (uids.Count == 0)
            {
                return;
            }

            var summaries = await folder.FetchAsync(uids, new FetchRequest(MessageSummaryItems.UniqueId | MessageSummaryItems.Size | MessageSummaryItems.Envelope, [HeaderId.ListId]), cancellationToken);
            foreach (var summary in summaries.OrderBy(s => s.UniqueId.Id))
            {
                if (BeforeMessage is { } before)
                {
                    await before(summary.UniqueId.Id);
                }

                await HandleAsync(run, folder, done, summary, cancellationToken);
                cursor.LastUid = summary.UniqueId.Id;
                await run.Db.SaveChangesAsync(cancellationToken);
            }
        }
        finally
        {
            if (client.IsConnected)
            {
                try
                {
                    await client.DisconnectAsync(quit: true, CancellationToken.None);
                }
                catch (Exception ex) when (ex is IOException or ImapProtocolException or ImapCommandException or System.Net.Sockets.SocketException)
                {
                    // The run's outcome is already decided; a failed goodbye changes nothing.
                }
            }
        }
    }

    /// <summary>A client connected (TLS as Email:UseTls says, certificates validated) and logged in; the caller disposes it.</summary>
    internal async Task<ImapClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var client = new ImapClient { Timeout = settings.TimeoutSeconds * 1000 };
        try
        {
            client.ServerCertificateValidationCallback = ValidateCertificate;
            var security = !settings.UseTls ? SecureSocketOptions.None : settings.Port == 993 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
            await client.ConnectAsync(settings.Host.Trim(), settings.Port, security, cancellationToken);
            if (settings.AccessToken.Length > 0)
            {
                await client.AuthenticateAsync(new SaslMechanismOAuth2(settings.Username.Trim(), settings.AccessToken), cancellationToken);
            }
            else
            {
                await client.AuthenticateAsync(settings.Username.Trim(), settings.Password, cancellationToken);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>One message, its own error boundary for what is wrong with the message itself; connection failures go up.</summary>
    private async Task HandleAsync(Run run, IMailFolder folder, IMailFolder? done, IMessageSummary summary, CancellationToken cancellationToken)
    {
        var from = summary.Envelope?.From.Mailboxes.Select(m => m.Address ?? string.Empty) ?? [];
        var listId = summary.Headers?[HeaderId.ListId];
        var claimed = run.Matcher.Match(from, listId);
        if (claimed is null)
        {
            run.Cursor.UnclaimedCount++;
            metrics.EmailMessage("unclaimed");
            return;
        }

        var tally = run.Tally(claimed.Name.Trim());
        var size = summary.Size ?? 0;
        if (size > run.Settings.MaxMessageBytes)
        {
            Fail(run, tally, summary.UniqueId, $"a message of {size:N0} bytes is larger than Email:MaxMessageBytes ({run.Settings.MaxMessageBytes:N0})");
            return;
        }

        FeedItem item;
        try
        {
            var message = await folder.GetMessageAsync(summary.UniqueId, cancellationToken);
            item = NewsletterEmail.Read(message, claimed, run.Now);
        }
        catch (Exception ex) when (ex is EmailFormatException or FormatException or System.Text.DecoderFallbackException or ImapCommandException)
        {
            // ImapCommandException: the server answered NO or BAD for this one message; retrying it every run would block the ones after it.
            Fail(run, tally, summary.UniqueId, ex is EmailFormatException ? ex.Message : $"the message cannot be read: {ex.Message}");
            return;
        }

        var source = await run.Db.Sources.SingleAsync(s => s.Name == claimed.Name.Trim(), cancellationToken);
        var stored = await FeedIngestor.StoreAsync(run.Db, source, [item], run.Now, cancellationToken);
        tally.New += stored.New;
        tally.Updated += stored.Updated;
        tally.Unchanged += stored.Unchanged;
        metrics.EmailMessage("stored");
        if (!item.PublishedIsFetchTime && (source.LastEmailIssueAt is null || item.Published > source.LastEmailIssueAt))
        {
            source.LastEmailIssueAt = item.Published;
            await run.Db.SaveChangesAsync(cancellationToken);
        }

        // Stored (now or before): only then is it marked as handled on the server.
        await folder.StoreAsync(summary.UniqueId, new StoreFlagsRequest(StoreAction.Add, MessageFlags.Seen) { Silent = true }, cancellationToken);
        if (done is not null)
        {
            await folder.MoveToAsync(summary.UniqueId, done, cancellationToken);
        }
    }

    private void Fail(Run run, Tally tally, UniqueId uid, string reason)
    {
        tally.Failed++;
        tally.LastFailure = reason;
        run.Cursor.FailedCount++;
        metrics.EmailMessage("failed");
        LogMessageFailed(logger, run.Settings.MailboxName, uid.Id, tally.Source, reason);
    }

    private static async Task<IMailFolder?> DoneFolderAsync(ImapClient client, EmailOptions settings, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(settings.DoneFolder))
        {
            return null;
        }

        try
        {
            return await client.GetFolderAsync(settings.DoneFolder.Trim(), cancellationToken);
        }
        catch (FolderNotFoundException)
        {
            var root = client.GetFolder(client.PersonalNamespaces[0]);
            return await root.CreateAsync(settings.DoneFolder.Trim(), isMessageFolder: true, cancellationToken);
        }
    }

    private async Task<IReadOnlyList<SourceReport>> ReportAsync(DigestDbContext db, Run run, MailboxCursor cursor, string? error, CancellationToken cancellationToken)
    {
        var reports = new List<SourceReport>();
        var emailSources = feeds.Value.Sources.Where(s => s.Enabled && s.ReceivesEmail).Select(s => s.Name.Trim()).ToList();
        var stored = await db.Sources.Where(s => emailSources.Contains(s.Name)).ToListAsync(cancellationToken);
        foreach (var source in stored)
        {
            var tally = run.Tally(source.Name);
            var failure = error ?? (tally.Failed == 0 ? null : $"{tally.Failed} message{(tally.Failed == 1 ? "" : "s")} could not be read ({tally.LastFailure})");
            source.LastEmailStatus = Truncate(error is not null
                ? $"failed ({error})"
                : $"{tally.New} new, {tally.Unchanged} unchanged" + (failure is null ? string.Empty : $"; {failure}"), 300);
            reports.Add(new SourceReport(source.Name, error is null ? IngestOutcome.Fetched : IngestOutcome.Failed, tally.New, tally.Updated, tally.Unchanged, failure, SourceChannel.Email, Failed: tally.Failed));
        }

        await db.SaveChangesAsync(cancellationToken);
        reports.Add(new SourceReport(
            cursor.Mailbox,
            error is null ? IngestOutcome.Fetched : IngestOutcome.Failed,
            Error: error,
            Channel: SourceChannel.Mailbox,
            Unclaimed: cursor.UnclaimedCount,
            Failed: cursor.FailedCount));
        return reports;
    }

    private bool ValidateCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            return false;
        }

        // The operator's (or a test's) pinned certificate; a wrong host name is never excused.
        using var presented = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        var pinned = options.Value.TrustedCertificateThumbprint.Replace(":", string.Empty, StringComparison.Ordinal).Trim();
        var matchesPin = pinned.Length switch
        {
            64 => string.Equals(Convert.ToHexString(SHA256.HashData(presented.RawData)), pinned, StringComparison.OrdinalIgnoreCase),
            40 => string.Equals(presented.Thumbprint, pinned, StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
        return (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0 && matchesPin;
    }

    private static string Describe(Exception ex)
    {
        var message = ex switch
        {
            AuthenticationException => "the server refused the login (check Email:Username and the password or token)",
            NotSupportedException when ex.Message.Contains("STARTTLS", StringComparison.OrdinalIgnoreCase) =>
                "the server does not offer STARTTLS on this port, and Email:UseTls refuses a plaintext login (use port 993 for implicit TLS)",
            SslHandshakeException => "the TLS handshake failed (the server's certificate is not trusted, or it does not speak TLS on this port)",
            ImapProtocolException or IOException or ServiceNotConnectedException => $"the connection was lost: {ex.Message}",
            FolderNotFoundException => $"the folder does not exist: {ex.Message}",
            _ => $"{ex.GetType().Name}: {ex.Message}",
        };
        return string.Join(' ', message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the mailbox {Mailbox} failed: {Reason}")]
    private static partial void LogMailboxFailed(ILogger logger, string mailbox, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mailbox {Mailbox}: message UID {Uid} of {Source} was not stored: {Reason}")]
    private static partial void LogMessageFailed(ILogger logger, string mailbox, uint uid, string source, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mailbox {Mailbox}: reading from the first message (UIDVALIDITY {Old} -> {New}, or the sources' senders changed)")]
    private static partial void LogStartingOver(ILogger logger, string mailbox, long old, uint @new);

    /// <summary>One run's state: the database, the cursor and the per-source counts.</summary>
    private sealed class Run(DigestDbContext db, MailboxCursor cursor, EmailSourceMatcher matcher, EmailOptions settings, DateTimeOffset now)
    {
        private readonly Dictionary<string, Tally> _tallies = new(StringComparer.OrdinalIgnoreCase);

        public DigestDbContext Db => db;
        public MailboxCursor Cursor { get; } = cursor;
        public EmailSourceMatcher Matcher => matcher;
        public EmailOptions Settings => settings;
        public DateTimeOffset Now => now;

        public Tally Tally(string source) => _tallies.TryGetValue(source, out var tally) ? tally : _tallies[source] = new Tally(source);
    }

    private sealed class Tally(string source)
    {
        public string Source => source;
        public int New { get; set; }
        public int Updated { get; set; }
        public int Unchanged { get; set; }
        public int Failed { get; set; }
        public string? LastFailure { get; set; }
    }
}
