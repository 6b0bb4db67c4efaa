using CryptoDigest.IntegrationTests.Infrastructure;

namespace CryptoDigest.IntegrationTests.Feeds.Email;

/// <summary>`feeds fetch` through the real Host executable, with the mailbox configured by environment variables.</summary>
[Collection(PostgresCollection.Name)]
public class FeedsFetchMailboxTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Feeds_fetch_reports_each_email_source_and_the_mailbox_and_never_prints_the_password()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        await dovecot.DeliverAsync(NewsletterMessages.Substack());
        await dovecot.DeliverAsync(NewsletterMessages.Unclaimed());
        await dovecot.DeliverAsync(NewsletterMessages.NoBody());
        var environment = dovecot.Settings().ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);
        environment["ConnectionStrings__Postgres"] = await postgres.CreateDatabaseAsync();
        environment["Feeds__UseSamplesWhenOffline"] = "false";
        environment["Feeds__Sources__0__Name"] = "The Ledger";
        environment["Feeds__Sources__0__FeedUrl"] = "";
        environment["Feeds__Sources__0__EmailFrom"] = NewsletterMessages.SubstackSender;
        // The shipped defaults name real newsletters: switch them off so nothing reaches the internet.
        for (var i = 1; i < 10; i++)
        {
            environment[$"Feeds__Sources__{i}__Enabled"] = "false";
        }

        var first = await HostProcess.RunAsync(["feeds", "fetch"], environment);
        var second = await HostProcess.RunAsync(["feeds", "fetch"], environment);

        Assert.Equal(0, first.ExitCode);
        var lines = first.StandardOutput.Trim().Split('\n').Where(l => !l.Contains("no public feed", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [
                "The Ledger (e-mail): 1 new, 0 updated, 0 unchanged, error: 1 message could not be read (the message has no HTML and no text part)",
                $"mailbox bot@127.0.0.1:{dovecot.Port}/INBOX: 1 unclaimed, 1 unreadable",
            ],
            lines);
        Assert.Contains($"mailbox bot@127.0.0.1:{dovecot.Port}/INBOX: 1 unclaimed, 1 unreadable", second.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("The Ledger (e-mail): 0 new, 0 updated, 0 unchanged", second.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(DovecotServer.Password, first.StandardOutput + first.StandardError + second.StandardError, StringComparison.Ordinal);
    }
}
