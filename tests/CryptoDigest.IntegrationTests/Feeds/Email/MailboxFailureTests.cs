using CryptoDigest.Feeds;
using CryptoDigest.Feeds.Email;
using CryptoDigest.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.IntegrationTests.Feeds.Email;

/// <summary>
/// One e-mail can no longer stop intake: a hostile or failing message costs bounded work and only
/// itself, readers of the mailbox take turns, and a read that fails is tried again. Against a real
/// Dovecot and PostgreSQL. Reads run against a deadline far above what they need, to fail rather than hang.
/// </summary>
[Collection(PostgresCollection.Name)]
public class MailboxFailureTests(PostgresFixture postgres)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_message_nested_a_hundred_thousand_deep_is_read_and_one_that_throws_is_retried_then_passed_over_while_the_one_after_it_is_read()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        await dovecot.DeliverAsync(NewsletterMessages.Deep(100_000));
        await dovecot.DeliverAsync(NewsletterMessages.Substack("it-throws", "The one that throws"));
        await dovecot.DeliverAsync(NewsletterMessages.Substack("the-good-one", "The good one", paragraph: "Read although the one before it throws."));
        await using var services = await MailboxServices.BuildAsync(await postgres.CreateDatabaseAsync(), dovecot, extra: ("Email:MaxAttemptsPerMessage", "2"));
        var intake = services.GetRequiredService<MailboxIntake>();
        intake.BeforeMessage = uid => uid == 2 ? throw new InvalidOperationException("Sequence contains no elements") : Task.CompletedTask;

        var first = await intake.ReadAsync(dueOnly: false, CancellationToken.None).WaitAsync(Deadline);
        var markedOnce = (await services.KeywordsAsync())[2];
        var second = await intake.ReadAsync(dueOnly: false, CancellationToken.None).WaitAsync(Deadline);
        var third = await intake.ReadAsync(dueOnly: false, CancellationToken.None).WaitAsync(Deadline);

        Assert.Equal((2, 0, 1), first.Counts("The Ledger"));
        Assert.Equal((IngestOutcome.Fetched, 0), (first.Mailbox().Outcome, first.Mailbox().Failed));
        Assert.Contains("InvalidOperationException: Sequence contains no elements; tried again in the next runs (1 of 2 attempts)", Assert.Single(first, r => r.Source == "The Ledger").Error, StringComparison.Ordinal);
        Assert.Equal([MailboxIntake.FailedKeywordPrefix + 1], markedOnce);
        Assert.Equal((0, 0, 1), second.Counts("The Ledger"));
        Assert.Equal(1, second.Mailbox().Failed);
        Assert.Equal((0, 0, 0), third.Counts("The Ledger"));
        Assert.Equal(1, third.Mailbox().Failed);
        var keywords = await services.KeywordsAsync();
        Assert.Equal(new HashSet<string> { MailboxIntake.FailedKeywordPrefix + 1, MailboxIntake.FailedKeywordPrefix + 2, MailboxIntake.UnreadableKeyword }, keywords[2]);
        Assert.Empty(keywords[1]);
        Assert.Empty(keywords[3]);
        await using var db = services.Db();
        var articles = await db.Articles.Where(a => !a.IsSample).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["A deep issue", "The good one"], articles.Select(a => a.Title));
        Assert.Equal("Validators deep in the markup still count.", articles[0].Text);
        var cursor = await db.MailboxCursors.SingleAsync();
        Assert.Equal((3, 0), (cursor.LastUid, cursor.ConsecutiveFailures));
    }

    [Fact]
    public async Task The_idle_listeners_first_read_on_a_fresh_database_stores_the_issue_before_any_ingest_run_stored_the_sources()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        await dovecot.DeliverAsync(NewsletterMessages.Substack());
        await using var services = await MailboxServices.BuildAsync(await postgres.CreateDatabaseAsync(), dovecot, syncSources: false);
        var listener = services.GetRequiredService<MailboxIdleListener>();
        var reads = System.Threading.Channels.Channel.CreateUnbounded<IReadOnlyList<SourceReport>>();
        listener.AfterRead = reports => reads.Writer.WriteAsync(reports).AsTask();
        await listener.StartAsync(CancellationToken.None);
        try
        {
            var catchUp = await reads.Reader.ReadAsync().AsTask().WaitAsync(Deadline);

            Assert.Equal((IngestOutcome.Fetched, null), (catchUp.Mailbox().Outcome, catchUp.Mailbox().Error));
            Assert.Equal((1, 0, 0), catchUp.Counts("The Ledger"));
        }
        finally
        {
            await listener.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_read_the_idle_listener_asked_for_that_fails_is_tried_again_until_the_issue_is_stored()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        await dovecot.DeliverAsync(NewsletterMessages.Substack());
        await using var services = await MailboxServices.BuildAsync(await postgres.CreateDatabaseAsync(), dovecot);
        var failures = 1;
        services.GetRequiredService<MailboxIntake>().BeforeMessage = _ => Interlocked.Decrement(ref failures) >= 0 ? throw new IOException("the connection was reset") : Task.CompletedTask;
        var listener = services.GetRequiredService<MailboxIdleListener>();
        var reads = System.Threading.Channels.Channel.CreateUnbounded<IReadOnlyList<SourceReport>>();
        listener.AfterRead = reports => reads.Writer.WriteAsync(reports).AsTask();
        await listener.StartAsync(CancellationToken.None);
        try
        {
            var failed = await reads.Reader.ReadAsync().AsTask().WaitAsync(Deadline);
            // Nothing new arrives: only the retry can read the message.
            var retried = await reads.Reader.ReadAsync().AsTask().WaitAsync(Deadline);

            Assert.Equal(IngestOutcome.Failed, failed.Mailbox().Outcome);
            Assert.Contains("connection", failed.Mailbox().Error, StringComparison.Ordinal);
            Assert.Equal(IngestOutcome.Fetched, retried.Mailbox().Outcome);
            Assert.Equal((1, 0, 0), retried.Counts("The Ledger"));
        }
        finally
        {
            await listener.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task While_one_reader_reads_the_ingest_job_does_not_wait_for_it_and_another_instance_skips_its_turn()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        await dovecot.DeliverAsync(NewsletterMessages.Substack());
        var database = await postgres.CreateDatabaseAsync();
        // A reader in the same process would be waited for up to twice this: far past the deadline.
        await using var first = await MailboxServices.BuildAsync(database, dovecot, extra: ("Email:TimeoutSeconds", "60"));
        await using var second = await MailboxServices.BuildAsync(database, dovecot);
        var reading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        first.GetRequiredService<MailboxIntake>().BeforeMessage = async _ =>
        {
            reading.TrySetResult();
            await release.Task;
        };

        var held = Task.Run(() => first.GetRequiredService<MailboxIntake>().ReadAsync(dueOnly: false, CancellationToken.None));
        await reading.Task.WaitAsync(Deadline);
        var ingest = await first.GetRequiredService<FeedIngestor>().IngestAllAsync(dueOnly: false, CancellationToken.None).WaitAsync(Deadline);
        var otherInstance = await second.GetRequiredService<MailboxIntake>().ReadAsync(dueOnly: false, CancellationToken.None).WaitAsync(Deadline);
        release.SetResult();
        var read = await held.WaitAsync(Deadline);

        Assert.Equal($"mailbox bot@127.0.0.1:{dovecot.Port}/INBOX: not read now: this instance is reading it already", ingest.Mailbox().ToLine());
        Assert.Equal((IngestOutcome.Skipped, "another instance is reading it"), (otherInstance.Mailbox().Outcome, otherInstance.Mailbox().Error));
        Assert.Single(otherInstance);
        Assert.Equal((1, 0, 0), read.Counts("The Ledger"));
        await using var db = first.Db();
        Assert.Equal(1, await db.Articles.CountAsync(a => !a.IsSample));
    }
}
