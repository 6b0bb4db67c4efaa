using CryptoDigest.Feeds;
using CryptoDigest.Feeds.Email;
using CryptoDigest.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace CryptoDigest.IntegrationTests.Feeds.Email;

/// <summary>
/// E-mail is authenticated before it is believed: only the operator's provider's top-most
/// Authentication-Results header counts. Against a real Dovecot and PostgreSQL; the test server's
/// settings trust <see cref="DovecotServer.TrustedAuthservId"/>.
/// </summary>
[Collection(PostgresCollection.Name)]
public class MailboxAuthenticationTests(PostgresFixture postgres)
{
    private const string Trusted = DovecotServer.TrustedAuthservId;

    [Fact]
    public async Task Only_dmarc_pass_or_an_aligned_dkim_pass_in_the_top_most_trusted_header_is_believed_and_forgeries_are_counted_never_stored()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        await dovecot.DeliverAsync(Issue("no-header", "Forged without any header"));
        await dovecot.DeliverAsync(Issue("passing-header-below", "Forged with a passing header below the provider's", $"{Trusted}; dkim=none; dmarc=fail (p=REJECT) header.from=substack.com", $"{Trusted}; dkim=pass header.d=substack.com; dmarc=pass header.from=substack.com"));
        await dovecot.DeliverAsync(Issue("other-server", "Forged with another server's word", "mx.forger.example; dkim=pass header.d=substack.com; dmarc=pass header.from=substack.com"));
        await dovecot.DeliverAsync(Issue("dmarc-pass", "Vouched for by DMARC", $"{Trusted}; dkim=none; spf=pass smtp.mailfrom=substack.com; dmarc=pass header.from=substack.com"));
        await dovecot.DeliverAsync(Issue("aligned-dkim", "Signed by its own domain", $"{Trusted}; dkim=pass header.d=substack.com header.s=s1; spf=softfail smtp.mailfrom=relay.example; dmarc=none header.from=substack.com"));
        await dovecot.DeliverAsync(Issue("unaligned-dkim", "Signed by someone else", $"{Trusted}; dkim=pass header.d=forger.example; dmarc=fail header.from=substack.com"));
        await dovecot.DeliverAsync(ForgedListId());
        await using var services = await MailboxServices.BuildAsync(await postgres.CreateDatabaseAsync(), dovecot);

        var reports = await services.GetRequiredService<MailboxIntake>().ReadAsync(dueOnly: false, CancellationToken.None);
        var note = await services.GetRequiredService<SourceListing>().MailboxNoteAsync(CancellationToken.None);

        Assert.Equal("The Ledger (e-mail): 2 new, 0 updated, 0 unchanged, 5 unauthenticated (not stored)", Assert.Single(reports, r => r.Source == "The Ledger").ToLine());
        Assert.Equal($"mailbox bot@127.0.0.1:{dovecot.Port}/INBOX: 0 unclaimed, 0 unreadable, 5 unauthenticated (not stored)", reports.Mailbox().ToLine());
        Assert.Contains("5 unauthenticated messages (claiming a source's sender without the mail provider vouching for it; never shown)", note, StringComparison.Ordinal);
        await using var db = services.Db();
        Assert.Equal(["Signed by its own domain", "Vouched for by DMARC"], await db.Articles.Where(a => !a.IsSample).OrderBy(a => a.Title).Select(a => a.Title).ToListAsync());
        var keywords = await services.KeywordsAsync();
        Assert.Equal([1, 2, 3, 6, 7], keywords.Where(k => k.Value.Contains(MailboxIntake.UnauthenticatedKeyword)).Select(k => (int)k.Key).Order());
        // Never downloaded, never marked read: the forgeries stay as they came, for the operator to look at.
        Assert.Equal(2, dovecot.Messages().Count(m => m.Flags.Contains('S', StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Without_a_trusted_authserv_id_nothing_is_believed_the_reports_say_why_and_naming_it_later_reads_the_passed_over_issue()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        await dovecot.DeliverAsync(NewsletterMessages.Substack());
        var database = await postgres.CreateDatabaseAsync();
        await using var unnamed = await MailboxServices.BuildAsync(database, dovecot, extra: ("Email:TrustedAuthservId", ""));
        await using var named = await MailboxServices.BuildAsync(database, dovecot);

        var before = await unnamed.GetRequiredService<MailboxIntake>().ReadAsync(dueOnly: false, CancellationToken.None);
        var note = await unnamed.GetRequiredService<SourceListing>().MailboxNoteAsync(CancellationToken.None);
        var after = await named.GetRequiredService<MailboxIntake>().ReadAsync(dueOnly: false, CancellationToken.None);

        Assert.Equal(
            $"mailbox bot@127.0.0.1:{dovecot.Port}/INBOX: 0 unclaimed, 0 unreadable, 1 unauthenticated (not stored) ({MailboxIntake.NoTrustedHeader})",
            before.Mailbox().ToLine());
        Assert.Contains("Email:TrustedAuthservId is not set", note, StringComparison.Ordinal);
        Assert.Equal((1, 0, 0), after.Counts("The Ledger"));
        Assert.Equal(0, after.Mailbox().Unauthenticated);
        // Nothing judged, nothing marked.
        Assert.Empty((await named.KeywordsAsync())[1]);
    }

    [Fact]
    public async Task With_authentication_switched_off_the_sender_headers_alone_decide_as_before()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        await dovecot.DeliverAsync(Issue("no-header", "Believed without any header"));
        await using var services = await MailboxServices.BuildAsync(await postgres.CreateDatabaseAsync(), dovecot, extra: ("Email:RequireAuthentication", "false"));

        var reports = await services.GetRequiredService<MailboxIntake>().ReadAsync(dueOnly: false, CancellationToken.None);

        Assert.Equal((1, 0, 0), reports.Counts("The Ledger"));
    }

    /// <summary>A Ledger issue as its sender's address claims it, with exactly these Authentication-Results headers (top-most first).</summary>
    private static MimeMessage Issue(string slug, string title, params string[] authenticationResults) =>
        NewsletterMessages.WithAuthenticationResults(NewsletterMessages.Substack(slug, title), authenticationResults);

    /// <summary>From a domain of the forger's own (which passes DMARC), with The Ledger's List-Id.</summary>
    private static MimeMessage ForgedListId()
    {
        var message = Issue("forged-list-id", "Forged by List-Id", $"{Trusted}; dkim=pass header.d=forger.example; dmarc=pass header.from=forger.example");
        message.From.Clear();
        message.From.Add(new MailboxAddress("The Ledger", "ledger@forger.example"));
        return message;
    }
}
