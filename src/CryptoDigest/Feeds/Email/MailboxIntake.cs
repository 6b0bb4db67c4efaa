using System.Data.Common;
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
/// is its own error boundary: whatever goes wrong with one is counted, the message is marked with an
/// IMAP keyword and tried again in later runs, and passed over after Email:MaxAttemptsPerMessage;
/// a dropped connection or an unreachable database ends the run, and the next run resumes after the
/// last message whose handling was complete. One reader at a time reads the mailbox: in this process
/// (the ingest job and the IDLE listener) and across instances (a database lock). See docs/email.md.
/// </summary>
public sealed partial class MailboxIntake(
    IServiceScopeFactory scopes,
    IOptions<EmailOptions> options,
    IOptions<FeedsOptions> feeds,
    TimeProvider time,
    ILogger<MailboxIntake> logger,
    Telemetry.BotMetrics metrics)
{
    /// <summary>The IMAP keyword of a message passed over for good after its last failed attempt.</summary>
    public const string UnreadableKeyword = "CryptoDigestUnreadable";

    /// <summary>The IMAP keyword of a message claimed by a source but not vouched for by the trusted Authentication-Results header.</summary>
    public const string UnauthenticatedKeyword = "CryptoDigestUnauthenticated";

    /// <summary>The IMAP keyword prefix of failed attempts at a message: CryptoDigestFailed1, CryptoDigestFailed2, ...</summary>
    public const string FailedKeywordPrefix = "CryptoDigestFailed";

    /// <summary>What the mailbox report says while no message can be authenticated.</summary>
    public const string NoTrustedHeader = "Email:TrustedAuthservId is not set while Email:RequireAuthentication is true, so no message can be authenticated and none is stored; set it (docs/email.md)";

    // "MAILBOX": the database-wide lock that lets one instance at a time read the mailbox.
    private const long ReaderLockKey = 0x4D41494C424F58;

    /// <summary>Called before each message is handled, with its UID, inside its error boundary; lets a test drop the connection or fail a message at a known point. Null in production.</summary>
    internal Func<uint, Task>? BeforeMessage { get; set; }

    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>How long a reader waits for another reader in this process to finish before it gives up this turn.</summary>
    public TimeSpan TurnTimeout => TimeSpan.FromSeconds(options.Value.TimeoutSeconds * 2);

    /// <summary>Reads new messages once, waiting at most <see cref="TurnTimeout"/> for a read already under way.</summary>
    /// <param name="dueOnly">True for the recurring job: only when Email:PollMinutes (or a failure's backoff) has passed.</param>
    /// <returns>One report per e-mail source and one for the mailbox, or nothing when no mailbox is configured or it is not due.</returns>
    public Task<IReadOnlyList<SourceReport>> ReadAsync(bool dueOnly, CancellationToken cancellationToken) =>
        ReadAsync(dueOnly, TurnTimeout, cancellationToken);

    /// <summary>
    /// Reads new messages once when no other reader is reading the mailbox: one in this process is
    /// waited for up to <paramref name="waitForTurn"/> (zero: not at all), one in another instance
    /// never. A read that did not get its turn reports the mailbox as skipped; the reader that had
    /// it reads the same messages.
    /// </summary>
    public async Task<IReadOnlyList<SourceReport>> ReadAsync(bool dueOnly, TimeSpan waitForTurn, CancellationToken cancellationToken)
    {
        if (!options.Value.IsConfigured || !new EmailSourceMatcher(feeds.Value.Sources).HasSources)
        {
            return [];
        }

        if (!await _oneAtATime.WaitAsync(waitForTurn, cancellationToken))
        {
            return [Skipped("this instance is reading it already")];
        }

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
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        var now = time.GetUtcNow();
        var nextRead = await db.MailboxCursors.AsNoTracking().Where(c => c.Mailbox == settings.MailboxName).Select(c => c.NextReadAt).SingleOrDefaultAsync(cancellationToken);
        if (dueOnly && nextRead is { } next && next > now)
        {
            return [];
        }

        // Another instance's reader: it reads the same messages, so this turn is simply not needed.
        await using var readerLock = await TakeReaderLockAsync(cancellationToken);
        if (readerLock is null)
        {
            return [Skipped("another instance is reading it")];
        }

        // Read under the lock: the last reader may have moved it a moment ago.
        var cursor = await db.MailboxCursors.SingleOrDefaultAsync(c => c.Mailbox == settings.MailboxName, cancellationToken)
            ?? db.MailboxCursors.Add(new MailboxCursor { Mailbox = settings.MailboxName }).Entity;

        var run = new Run(db, cursor, matcher, settings, now);
        string? error = null;
        try
        {
            await EnsureSourcesAsync(scope.ServiceProvider, cancellationToken);
            await ReadMailboxAsync(run, cancellationToken);
            run.Cursor.ConsecutiveFailures = 0;
            run.Cursor.LastError = null;
            run.Cursor.NextReadAt = now + settings.PollInterval;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            error = Describe(ex);
            LogMailboxFailed(logger, settings.MailboxName, error);
            // What was stored stays stored; the cursor holds the last message handled completely.
            await run.ReloadCursorAsync(cancellationToken);
            run.Cursor.ConsecutiveFailures++;
            run.Cursor.LastError = error.Length > 1000 ? error[..1000] : error;
            run.Cursor.NextReadAt = now + new Backoff(settings.PollInterval, TimeSpan.FromHours(feeds.Value.MaxBackoffHours)).Delay(run.Cursor.ConsecutiveFailures);
        }

        run.Cursor.LastReadAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return await ReportAsync(db, run, run.Cursor, error, cancellationToken);
    }

    /// <summary>The database-wide reader lock, on a connection of its own; null when another instance holds it.</summary>
    private async Task<ReaderLock?> TakeReaderLockAsync(CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        try
        {
            var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
            if (await scope.ServiceProvider.GetRequiredService<DatabaseDialect>().TryTakeSessionLockAsync(db, ReaderLockKey, cancellationToken) is { } held)
            {
                return new ReaderLock(scope, held);
            }
        }
        catch
        {
            await scope.DisposeAsync();
            throw;
        }

        await scope.DisposeAsync();
        return null;
    }

    /// <summary>
    /// The configured sources are in storage before any message is matched to one: the IDLE listener's
    /// first read can come before the first ingest run has stored them (it failed with "Sequence contains
    /// no elements" on a fresh database).
    /// </summary>
    private async Task EnsureSourcesAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var names = feeds.Value.Sources.Where(s => s.Enabled && s.ReceivesEmail).Select(s => s.Name.Trim()).ToList();
        var db = services.GetRequiredService<DigestDbContext>();
        if (await db.Sources.CountAsync(s => names.Contains(s.Name), cancellationToken) < names.Count)
        {
            await services.GetRequiredService<FeedSources>().SyncConfiguredAsync(cancellationToken);
        }
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
            if (cursor.UidValidity != folder.UidValidity || cursor.ClaimsFingerprint != run.Fingerprint)
            {
                // Renumbered folder, other senders claimed, or other authentication asked: start over; dedupe keeps stored issues single.
                LogStartingOver(logger, settings.MailboxName, cursor.UidValidity, folder.UidValidity);
                cursor.UidValidity = folder.UidValidity;
                cursor.ClaimsFingerprint = run.Fingerprint;
                cursor.LastUid = 0;
                cursor.UnclaimedCount = 0;
                cursor.FailedCount = 0;
                cursor.UnauthenticatedCount = 0;
                await run.Db.SaveChangesAsync(cancellationToken);
            }

            var uids = await NextMessagesAsync(folder, cursor.LastUid, settings.MaxMessagesPerRun, cancellationToken);
            if (uids.Count == 0)
            {
                return;
            }

            run.KeepsKeywords = folder.PermanentFlags.HasFlag(MessageFlags.UserDefined);
            // Enough to match, authenticate and size a message without downloading it.
            var request = new FetchRequest(
                MessageSummaryItems.UniqueId | MessageSummaryItems.Size | MessageSummaryItems.Envelope | MessageSummaryItems.Flags | MessageSummaryItems.InternalDate,
                [HeaderId.ListId, HeaderId.AuthenticationResults, HeaderId.From]);
            var summaries = await folder.FetchAsync(uids, request, cancellationToken);
            foreach (var summary in summaries.OrderBy(s => s.UniqueId.Id))
            {
                await HandleAsync(run, folder, done, summary, cancellationToken);
                // A message tried again from below the cursor never moves it back.
                run.Cursor.LastUid = Math.Max(run.Cursor.LastUid, summary.UniqueId.Id);
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

    /// <summary>
    /// The messages to read this run, oldest first: those after the cursor, and those before it whose
    /// earlier attempts failed and that are not passed over yet.
    /// </summary>
    private static async Task<List<UniqueId>> NextMessagesAsync(IMailFolder folder, long lastUid, int max, CancellationToken cancellationToken)
    {
        var first = new UniqueId(folder.UidValidity, (uint)Math.Min(lastUid + 1, uint.MaxValue));
        // "n:*" always includes the newest message, even below n: filtered again here.
        var fresh = (await folder.SearchAsync(SearchQuery.Uids(new UniqueIdRange(first, UniqueId.MaxValue)), cancellationToken))
            .Where(u => u.Id > lastUid);
        var retried = folder.PermanentFlags.HasFlag(MessageFlags.UserDefined)
            ? await folder.SearchAsync(SearchQuery.HasKeyword(FailedKeywordPrefix + 1).And(SearchQuery.NotKeyword(UnreadableKeyword)), cancellationToken)
            : [];
        return fresh.Concat(retried).DistinctBy(u => u.Id).OrderBy(u => u.Id).Take(max).ToList();
    }

    /// <summary>One message, its own error boundary: anything but a lost connection, an unreachable database or a stop counts against this message only.</summary>
    private async Task HandleAsync(Run run, IMailFolder folder, IMailFolder? done, IMessageSummary summary, CancellationToken cancellationToken)
    {
        try
        {
            if (BeforeMessage is { } before)
            {
                await before(summary.UniqueId.Id);
            }

            await HandleMessageAsync(run, folder, done, summary, cancellationToken);
        }
        catch (Exception ex) when (!EndsTheRun(ex, cancellationToken))
        {
            // Whatever this message half-changed in the context goes; the cursor is read back as last saved.
            await run.ReloadCursorAsync(cancellationToken);
            var source = run.Matcher.Match(Senders(summary), summary.Headers?[HeaderId.ListId])?.Name.Trim() ?? "(unclaimed)";
            var reason = ex is EmailFormatException ? ex.Message : $"the message cannot be read: {OneLine(ex)}";
            // A broken message stays broken: tried again only when what failed might not fail next time.
            var broken = ex is EmailFormatException or FormatException or System.Text.DecoderFallbackException;
            await FailAsync(run, folder, summary, run.Tally(source), reason, final: broken, cancellationToken);
        }
    }

    /// <summary>
    /// Which failures end the whole run instead of one message's handling: the connection (the next
    /// run resumes where this one stopped), a database that cannot be reached (nothing could be stored;
    /// the message is not to blame), and a stop.
    /// </summary>
    private static bool EndsTheRun(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => true,
        IOException or ImapProtocolException or ServiceNotConnectedException or System.Net.Sockets.SocketException => true,
        DbException { IsTransient: true } => true,
        DbUpdateException { InnerException: DbException { IsTransient: true } } => true,
        _ => false,
    };

    private async Task HandleMessageAsync(Run run, IMailFolder folder, IMailFolder? done, IMessageSummary summary, CancellationToken cancellationToken)
    {
        var claimed = run.Matcher.Match(Senders(summary), summary.Headers?[HeaderId.ListId]);
        if (claimed is null)
        {
            run.Cursor.UnclaimedCount++;
            metrics.EmailMessage("unclaimed");
            return;
        }

        var tally = run.Tally(claimed.Name.Trim());
        if (run.Settings.RequireAuthentication && !await IsAuthenticAsync(run, folder, summary, claimed, tally, cancellationToken))
        {
            return;
        }

        var size = summary.Size ?? 0;
        if (size > run.Settings.MaxMessageBytes)
        {
            await FailAsync(run, folder, summary, tally, $"a message of {size:N0} bytes is larger than Email:MaxMessageBytes ({run.Settings.MaxMessageBytes:N0})", final: true, cancellationToken);
            return;
        }

        var message = await folder.GetMessageAsync(summary.UniqueId, cancellationToken);
        var item = NewsletterEmail.Read(message, claimed, run.Now, summary.InternalDate);
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
        var attempts = FailedAttempts(summary);
        if (attempts.Count > 0)
        {
            await folder.StoreAsync(summary.UniqueId, new StoreFlagsRequest(StoreAction.Remove, attempts) { Silent = true }, cancellationToken);
        }

        await folder.StoreAsync(summary.UniqueId, new StoreFlagsRequest(StoreAction.Add, MessageFlags.Seen) { Silent = true }, cancellationToken);
        if (done is not null)
        {
            await folder.MoveToAsync(summary.UniqueId, done, cancellationToken);
        }
    }

    /// <summary>
    /// Whether the operator's mail provider vouches for the message as an issue of the claiming
    /// source (<see cref="EmailAuthentication"/>). One it does not is counted as unauthenticated,
    /// marked with an IMAP keyword, and never downloaded, stored or shown.
    /// </summary>
    private async Task<bool> IsAuthenticAsync(Run run, IMailFolder folder, IMessageSummary summary, FeedSourceSettings claimed, Tally tally, CancellationToken cancellationToken)
    {
        var headers = summary.Headers ?? [];
        var verdict = EmailAuthentication.Check(
            headers.Where(h => h.Id == HeaderId.AuthenticationResults).Select(h => h.Value).ToList(),
            headers.Where(h => h.Id == HeaderId.From).Select(h => h.Value).ToList(),
            claimed,
            run.Settings.TrustedAuthservId);
        if (verdict.IsAuthenticated)
        {
            return true;
        }

        tally.Unauthenticated++;
        run.Cursor.UnauthenticatedCount++;
        metrics.EmailMessage("unauthenticated");
        LogUnauthenticated(logger, run.Settings.MailboxName, summary.UniqueId.Id, tally.Source, verdict.Reason);
        // With no trusted authserv-id nothing was judged: every message would be marked.
        if (run.KeepsKeywords && !run.Settings.TrustsNoHeader)
        {
            await folder.StoreAsync(summary.UniqueId, new StoreFlagsRequest(StoreAction.Add, [UnauthenticatedKeyword]) { Silent = true }, cancellationToken);
        }

        return false;
    }

    /// <summary>
    /// Counts a failed attempt at a message and marks it on the server with the attempt's keyword; the
    /// last allowed attempt (or a failure that cannot change, <paramref name="final"/>) also marks it
    /// unreadable, and it is passed over from then on. A server that keeps no keywords cannot count
    /// attempts, so there every failure is the last.
    /// </summary>
    private async Task FailAsync(Run run, IMailFolder folder, IMessageSummary summary, Tally tally, string reason, bool final, CancellationToken cancellationToken)
    {
        var attempt = FailedAttempts(summary).Count + 1;
        var last = final || !run.KeepsKeywords || attempt >= run.Settings.MaxAttemptsPerMessage;
        tally.Failed++;
        metrics.EmailMessage(last ? "failed" : "retried");
        tally.LastFailure = last ? reason : $"{reason}; tried again in the next runs ({attempt} of {run.Settings.MaxAttemptsPerMessage} attempts)";
        if (last)
        {
            run.Cursor.FailedCount++;
        }

        LogMessageFailed(logger, run.Settings.MailboxName, summary.UniqueId.Id, tally.Source, tally.LastFailure);
        if (run.KeepsKeywords)
        {
            var keywords = last ? [FailedKeywordPrefix + attempt, UnreadableKeyword] : new[] { FailedKeywordPrefix + attempt };
            await folder.StoreAsync(summary.UniqueId, new StoreFlagsRequest(StoreAction.Add, keywords) { Silent = true }, cancellationToken);
        }
    }

    /// <summary>The keywords of the failed attempts at a message so far.</summary>
    private static List<string> FailedAttempts(IMessageSummary summary) =>
        summary.Keywords?.Where(k => k.StartsWith(FailedKeywordPrefix, StringComparison.OrdinalIgnoreCase)).ToList() ?? [];

    private static IEnumerable<string> Senders(IMessageSummary summary) =>
        summary.Envelope?.From.Mailboxes.Select(m => m.Address ?? string.Empty) ?? [];

    private static string OneLine(Exception ex) => $"{ex.GetType().Name}: {string.Join(' ', ex.Message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))}";

    private SourceReport Skipped(string reason) => new(options.Value.MailboxName, IngestOutcome.Skipped, Error: reason, Channel: SourceChannel.Mailbox);

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
            reports.Add(new SourceReport(
                source.Name,
                error is null ? IngestOutcome.Fetched : IngestOutcome.Failed,
                tally.New,
                tally.Updated,
                tally.Unchanged,
                failure,
                SourceChannel.Email,
                Failed: tally.Failed,
                Unauthenticated: tally.Unauthenticated));
        }

        await db.SaveChangesAsync(cancellationToken);
        reports.Add(new SourceReport(
            cursor.Mailbox,
            error is null ? IngestOutcome.Fetched : IngestOutcome.Failed,
            Error: error ?? (run.Settings.TrustsNoHeader ? NoTrustedHeader : null),
            Channel: SourceChannel.Mailbox,
            Unclaimed: cursor.UnclaimedCount,
            Failed: cursor.FailedCount,
            Unauthenticated: cursor.UnauthenticatedCount));
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mailbox {Mailbox}: message UID {Uid} claims to be from {Source} but is not stored, as it is not authenticated: {Reason}")]
    private static partial void LogUnauthenticated(ILogger logger, string mailbox, uint uid, string source, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mailbox {Mailbox}: reading from the first message (UIDVALIDITY {Old} -> {New}, or the sources' senders or the authentication settings changed)")]
    private static partial void LogStartingOver(ILogger logger, string mailbox, long old, uint @new);

    /// <summary>One run's state: the database, the cursor and the per-source counts.</summary>
    private sealed class Run(DigestDbContext db, MailboxCursor cursor, EmailSourceMatcher matcher, EmailOptions settings, DateTimeOffset now)
    {
        private readonly Dictionary<string, Tally> _tallies = new(StringComparer.OrdinalIgnoreCase);

        public DigestDbContext Db => db;
        public MailboxCursor Cursor { get; private set; } = cursor;
        public EmailSourceMatcher Matcher => matcher;
        public EmailOptions Settings => settings;
        public DateTimeOffset Now => now;

        /// <summary>
        /// What the cursor's position depends on besides UIDVALIDITY: the sources' claims and, when
        /// authentication is required, the trusted authserv-id, so that messages passed over as
        /// unauthenticated are read again once the operator names the right one.
        /// </summary>
        public string Fingerprint => !settings.RequireAuthentication
            ? matcher.Fingerprint
            : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
                $"{matcher.Fingerprint}|authentication|{settings.TrustedAuthservId.Trim().ToLowerInvariant()}")));

        /// <summary>Whether the folder keeps keywords of our own (PERMANENTFLAGS has \*), so failed attempts can be counted on the messages.</summary>
        public bool KeepsKeywords { get; set; }

        public Tally Tally(string source) => _tallies.TryGetValue(source, out var tally) ? tally : _tallies[source] = new Tally(source);

        /// <summary>Drops every unsaved change and reads the cursor back as last saved (a new one when it never was).</summary>
        public async Task ReloadCursorAsync(CancellationToken cancellationToken)
        {
            db.ChangeTracker.Clear();
            Cursor = await db.MailboxCursors.SingleOrDefaultAsync(c => c.Mailbox == settings.MailboxName, cancellationToken)
                ?? db.MailboxCursors.Add(new MailboxCursor { Mailbox = settings.MailboxName }).Entity;
        }
    }

    /// <summary>The reader lock with the scope whose connection holds it; disposing it lets another instance read.</summary>
    private sealed class ReaderLock(AsyncServiceScope scope, SessionLock held) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await held.DisposeAsync();
            await scope.DisposeAsync();
        }
    }

    private sealed class Tally(string source)
    {
        public string Source => source;
        public int New { get; set; }
        public int Updated { get; set; }
        public int Unchanged { get; set; }
        public int Failed { get; set; }
        public int Unauthenticated { get; set; }
        public string? LastFailure { get; set; }
    }
}
