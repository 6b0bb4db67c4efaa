using CryptoDigest.Feeds;
using CryptoDigest.Feeds.Email;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.IntegrationTests.Feeds.Email;

/// <summary>Newsletter intake from a real Dovecot IMAP server into a real PostgreSQL, through the ingest run.</summary>
[Collection(PostgresCollection.Name)]
public class MailboxIntakeTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_mailbox_of_newsletters_stores_each_issue_once_with_its_web_link_and_clean_text_and_leaves_the_rest_alone()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        var substack = NewsletterMessages.Substack();
        await dovecot.DeliverAsync(substack);
        await dovecot.DeliverAsync(NewsletterMessages.Substack(messageId: substack.MessageId)); // the same delivery twice
        await dovecot.DeliverAsync(NewsletterMessages.Substack()); // the same issue re-sent under a new Message-ID
        await dovecot.DeliverAsync(NewsletterMessages.Beehiiv());
        await dovecot.DeliverAsync(NewsletterMessages.Unclaimed());
        await dovecot.DeliverAsync(NewsletterMessages.Broken());
        await dovecot.DeliverAsync(NewsletterMessages.Large(300_000));
        await dovecot.DeliverAsync(NewsletterMessages.UnknownCharset());
        await dovecot.DeliverAsync(NewsletterMessages.NoBody());
        await using var services = await ServicesAsync(dovecot, ("Email:MaxMessageBytes", "200000"));

        var reports = await services.GetRequiredService<FeedIngestor>().IngestAllAsync(dueOnly: false, CancellationToken.None);

        var ledger = Assert.Single(reports, r => r.Source == "The Ledger");
        Assert.Equal((SourceChannel.Email, IngestOutcome.Fetched, 1, 2, 3), (ledger.Channel, ledger.Outcome, ledger.New, ledger.Unchanged, ledger.Failed));
        var dairy = Assert.Single(reports, r => r.Source == "Dairy Desk");
        Assert.Equal((2, 0, 0), (dairy.New, dairy.Unchanged, dairy.Failed));
        var mailbox = Assert.Single(reports, r => r.Channel == SourceChannel.Mailbox);
        Assert.Equal((IngestOutcome.Fetched, 1, 3), (mailbox.Outcome, mailbox.Unclaimed, mailbox.Failed));
        Assert.DoesNotContain(reports, r => r.Outcome == IngestOutcome.NoFeed);

        await using var db = Db(services);
        var articles = await db.Articles.Include(a => a.Source).Where(a => !a.IsSample).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(3, articles.Count);
        var issue = articles[0];
        Assert.Equal(("The Ledger", "Staking after the upgrade"), (issue.Source!.Name, issue.Title));
        Assert.Equal(new Uri("https://ledger.substack.com/p/staking-after-the-upgrade"), issue.Url);
        Assert.Equal(NewsletterMessages.IssueDate, issue.PublishedAt);
        Assert.Equal(NewsletterEmail.IdPrefix + substack.MessageId, issue.Guid);
        Assert.Contains("Validators queued for withdrawal fell by half this week.", issue.Text, StringComparison.Ordinal);
        Assert.Contains("The full numbers are in this dashboard, updated daily.", issue.Text, StringComparison.Ordinal);
        foreach (var unwanted in new[] { "Hidden preheader", "View in browser", "Share", "Tweet", "Forwarded", "Subscribe here", "Unsubscribe", "548 Example Street", "©" })
        {
            Assert.DoesNotContain(unwanted, issue.Text, StringComparison.OrdinalIgnoreCase);
        }

        var beehiiv = articles[1];
        Assert.Equal(("Dairy Desk", "🥛 Bitcoin breaks out"), (beehiiv.Source!.Name, beehiiv.Title));
        Assert.Equal(new Uri("https://dairy.beehiiv.com/p/bitcoin-breaks-out"), beehiiv.Url);
        Assert.StartsWith("Bitcoin breaks out\n\nGM. Bitcoin closed above its old high", beehiiv.Text, StringComparison.Ordinal);
        Assert.Contains("which our partner reads as spot demand.", beehiiv.Text, StringComparison.Ordinal);
        foreach (var unwanted in new[] { "PLAIN PART ONLY", "Read Online", "Also hidden", "preferences", "unsubscribe", "You are receiving" })
        {
            Assert.DoesNotContain(unwanted, beehiiv.Text, StringComparison.OrdinalIgnoreCase);
        }

        var charset = articles[2];
        Assert.Equal(("Stablecoin supply ticks up", new Uri("https://dairy.beehiiv.com/p/stablecoin-supply")), (charset.Title, charset.Url));
        Assert.Equal("Stablecoin supply rose 2% — the fourth week in a row.", charset.Text);

        // Stored ones (and their duplicates) are \Seen; the unclaimed, broken, large and bodiless ones are untouched.
        var flags = dovecot.Messages();
        Assert.Equal(9, flags.Count);
        Assert.Equal(5, flags.Count(m => m.Flags.Contains('S', StringComparison.Ordinal)));
        Assert.All(flags, m => Assert.Equal("INBOX", m.Folder));
        var ledgerSource = await db.Sources.SingleAsync(s => s.Name == "The Ledger");
        Assert.Equal(NewsletterMessages.IssueDate, ledgerSource.LastEmailIssueAt);
        Assert.Contains("3 messages could not be read", ledgerSource.LastEmailStatus, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_run_reads_only_the_messages_that_arrived_after_the_first_and_a_run_with_nothing_new_stores_nothing()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        await dovecot.DeliverAsync(NewsletterMessages.Substack("first-issue", "First issue"));
        await using var services = await ServicesAsync(dovecot);
        var intake = services.GetRequiredService<MailboxIntake>();

        var first = await intake.ReadAsync(dueOnly: false, CancellationToken.None);
        await dovecot.DeliverAsync(NewsletterMessages.Substack("second-issue", "Second issue", paragraph: "Another week, another paragraph."));
        var second = await intake.ReadAsync(dueOnly: false, CancellationToken.None);
        var third = await intake.ReadAsync(dueOnly: false, CancellationToken.None);
        var notDue = await intake.ReadAsync(dueOnly: true, CancellationToken.None);

        Assert.Equal((1, 0), Counts(first, "The Ledger"));
        // Unchanged 0: the first issue was not downloaded again.
        Assert.Equal((1, 0), Counts(second, "The Ledger"));
        Assert.Equal((0, 0), Counts(third, "The Ledger"));
        Assert.Empty(notDue);
        await using var db = Db(services);
        Assert.Equal(["First issue", "Second issue"], await db.Articles.Where(a => !a.IsSample).OrderBy(a => a.Id).Select(a => a.Title).ToListAsync());
        var cursor = await db.MailboxCursors.SingleAsync();
        Assert.Equal(2, cursor.LastUid);
        Assert.DoesNotContain(DovecotServer.Password, cursor.Mailbox, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_dropped_mid_fetch_ends_the_run_with_an_error_and_the_next_run_resumes_without_loss_or_duplicate()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        for (var i = 1; i <= 4; i++)
        {
            await dovecot.DeliverAsync(NewsletterMessages.Substack($"issue-{i}", $"Issue {i}", paragraph: $"Paragraph of issue {i}."));
        }

        await using var services = await ServicesAsync(dovecot);
        var intake = services.GetRequiredService<MailboxIntake>();
        intake.BeforeMessage = uid =>
        {
            if (uid == 3)
            {
                dovecot.Kill();
            }

            return Task.CompletedTask;
        };

        var dropped = await intake.ReadAsync(dueOnly: false, CancellationToken.None);
        intake.BeforeMessage = null;
        await dovecot.RestartAsync();
        var resumed = await intake.ReadAsync(dueOnly: false, CancellationToken.None);

        var droppedMailbox = Assert.Single(dropped, r => r.Channel == SourceChannel.Mailbox);
        Assert.Equal(IngestOutcome.Failed, droppedMailbox.Outcome);
        Assert.Contains("connection", droppedMailbox.Error, StringComparison.OrdinalIgnoreCase);
        var droppedLedger = Assert.Single(dropped, r => r.Source == "The Ledger");
        Assert.Equal((IngestOutcome.Failed, 2), (droppedLedger.Outcome, droppedLedger.New));
        Assert.Equal((2, 0), Counts(resumed, "The Ledger"));
        await using var db = Db(services);
        Assert.Equal(["Issue 1", "Issue 2", "Issue 3", "Issue 4"], await db.Articles.Where(a => !a.IsSample).OrderBy(a => a.Title).Select(a => a.Title).ToListAsync());
        Assert.All(dovecot.Messages(), m => Assert.Contains('S', m.Flags));
        var cursor = await db.MailboxCursors.SingleAsync();
        Assert.Equal((4, 0, null), (cursor.LastUid, cursor.ConsecutiveFailures, cursor.LastError));
    }

    [Fact]
    public async Task A_new_uidvalidity_reads_the_folder_again_from_the_start_and_stores_nothing_twice()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        await dovecot.DeliverAsync(NewsletterMessages.Substack("one", "One"));
        await dovecot.DeliverAsync(NewsletterMessages.Substack("two", "Two", paragraph: "Second paragraph."));
        await using var services = await ServicesAsync(dovecot);
        var intake = services.GetRequiredService<MailboxIntake>();
        var first = await intake.ReadAsync(dueOnly: false, CancellationToken.None);
        await using var db = Db(services);
        var validityBefore = (await db.MailboxCursors.AsNoTracking().SingleAsync()).UidValidity;

        await dovecot.ChangeUidValidityAsync();
        await dovecot.DeliverAsync(NewsletterMessages.Substack("three", "Three", paragraph: "Third paragraph."));
        var second = await intake.ReadAsync(dueOnly: false, CancellationToken.None);

        Assert.Equal((2, 0), Counts(first, "The Ledger"));
        Assert.Equal((1, 2), Counts(second, "The Ledger"));
        Assert.Equal(["One", "Three", "Two"], await db.Articles.Where(a => !a.IsSample).OrderBy(a => a.Title).Select(a => a.Title).ToListAsync());
        var cursor = await db.MailboxCursors.AsNoTracking().SingleAsync();
        Assert.Equal(validityBefore + 1000, cursor.UidValidity);
        Assert.Equal(3, cursor.LastUid);
    }

    [Fact]
    public async Task With_idle_a_new_message_is_read_as_it_arrives_and_a_dropped_idle_connection_comes_back()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        await using var services = await ServicesAsync(dovecot);
        var listener = services.GetRequiredService<MailboxIdleListener>();
        var reads = System.Threading.Channels.Channel.CreateUnbounded<IReadOnlyList<SourceReport>>();
        listener.AfterRead = reports => reads.Writer.WriteAsync(reports).AsTask();
        await listener.StartAsync(CancellationToken.None);
        try
        {
            var catchUp = await NextReadAsync(reads, _ => true);
            await dovecot.DeliverAsync(NewsletterMessages.Substack("pushed", "Pushed issue"));
            var pushed = await NextReadAsync(reads, r => Counts(r, "The Ledger").New == 1);

            dovecot.Kill();
            await dovecot.RestartAsync();
            // After the reconnect (a catch-up read first), a message delivered now is read through IDLE again.
            await NextReadAsync(reads, _ => true);
            await dovecot.DeliverAsync(NewsletterMessages.Substack("after-reconnect", "After the reconnect", paragraph: "Still here."));
            await NextReadAsync(reads, r => Counts(r, "The Ledger").New == 1);

            Assert.Equal((0, 0), Counts(catchUp, "The Ledger"));
            Assert.Equal((1, 0), Counts(pushed, "The Ledger"));
            await using var db = Db(services);
            Assert.Equal(["After the reconnect", "Pushed issue"], await db.Articles.Where(a => !a.IsSample).OrderBy(a => a.Title).Select(a => a.Title).ToListAsync());
        }
        finally
        {
            await listener.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Stored_messages_are_moved_to_the_done_folder_and_unclaimed_ones_stay_in_the_inbox()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        await dovecot.DeliverAsync(NewsletterMessages.Substack());
        await dovecot.DeliverAsync(NewsletterMessages.Unclaimed());
        await using var services = await ServicesAsync(dovecot, ("Email:DoneFolder", "Digested"));

        var reports = await services.GetRequiredService<MailboxIntake>().ReadAsync(dueOnly: false, CancellationToken.None);

        Assert.Equal((1, 0), Counts(reports, "The Ledger"));
        var messages = dovecot.Messages();
        Assert.Equal([("Digested", true), ("INBOX", false)], messages.Select(m => (m.Folder, m.Flags.Contains('S', StringComparison.Ordinal))).OrderBy(m => m.Folder));
    }

    [Fact]
    public async Task Tls_is_required_so_a_server_without_starttls_is_refused_before_any_login()
    {
        await using var dovecot = await DovecotServer.StartAsync(tls: false);
        await dovecot.DeliverAsync(NewsletterMessages.Substack());
        // The test server's plaintext settings, minus the permission to use plaintext.
        var settings = dovecot.Settings().Where(s => s.Key is not ("Email:UseTls" or "Email:AllowInsecureLoopback")).ToArray();
        await using var services = await ServicesAsync(settings);

        var reports = await services.GetRequiredService<MailboxIntake>().ReadAsync(dueOnly: false, CancellationToken.None);

        var mailbox = Assert.Single(reports, r => r.Channel == SourceChannel.Mailbox);
        Assert.Equal(IngestOutcome.Failed, mailbox.Outcome);
        Assert.Contains("STARTTLS", mailbox.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Login:", dovecot.LogTail(), StringComparison.Ordinal);
        await using var db = Db(services);
        Assert.Equal(0, await db.Articles.CountAsync(a => !a.IsSample));
    }

    [Fact]
    public async Task Over_starttls_the_pinned_certificate_is_trusted_and_an_unknown_one_fails_the_handshake()
    {
        await using var dovecot = await DovecotServer.StartAsync(tls: true);
        await dovecot.DeliverAsync(NewsletterMessages.Substack());
        var unpinned = dovecot.Settings().Where(s => s.Key != "Email:TrustedCertificateThumbprint").ToArray();
        await using var refusing = await ServicesAsync(unpinned);
        await using var trusting = await ServicesAsync(dovecot);

        var refused = await refusing.GetRequiredService<MailboxIntake>().ReadAsync(dueOnly: false, CancellationToken.None);
        var read = await trusting.GetRequiredService<MailboxIntake>().ReadAsync(dueOnly: false, CancellationToken.None);

        Assert.Contains("TLS handshake failed", Assert.Single(refused, r => r.Channel == SourceChannel.Mailbox).Error, StringComparison.Ordinal);
        Assert.Equal((1, 0), Counts(read, "The Ledger"));
        Assert.Matches("Login: user=<bot>.*TLS", dovecot.LogTail());
    }

    /// <summary>The next read the listener reports that satisfies <paramref name="match"/>, within a generous deadline.</summary>
    private static async Task<IReadOnlyList<SourceReport>> NextReadAsync(System.Threading.Channels.Channel<IReadOnlyList<SourceReport>> reads, Func<IReadOnlyList<SourceReport>, bool> match)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var reports = await reads.Reader.ReadAsync(deadline.Token);
            if (match(reports))
            {
                return reports;
            }
        }
    }

    private static (int New, int Unchanged) Counts(IReadOnlyList<SourceReport> reports, string source)
    {
        var report = Assert.Single(reports, r => r.Source == source && r.Channel == SourceChannel.Email);
        return (report.New, report.Unchanged);
    }

    private Task<ServiceProvider> ServicesAsync(DovecotServer dovecot, params (string Key, string Value)[] extra) =>
        ServicesAsync([.. dovecot.Settings(), .. extra]);

    private async Task<ServiceProvider> ServicesAsync(params (string Key, string Value)[] settings)
    {
        var services = FeedTestServices.Build(await postgres.CreateDatabaseAsync(), [.. MailboxServices.Sources, .. settings]);
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<FeedSources>().SyncConfiguredAsync(CancellationToken.None);
        }

        return services;
    }

    private static DigestDbContext Db(IServiceProvider services) =>
        services.CreateScope().ServiceProvider.GetRequiredService<DigestDbContext>();
}
