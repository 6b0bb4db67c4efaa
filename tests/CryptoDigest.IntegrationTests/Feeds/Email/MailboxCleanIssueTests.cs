using CryptoDigest.Feeds.Email;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Summaries;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.IntegrationTests.Feeds.Email;

/// <summary>What members see from e-mail is clean: from a real Dovecot mailbox to the entries /digest shows.</summary>
[Collection(PostgresCollection.Name)]
public class MailboxCleanIssueTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_broken_message_is_an_unreadable_error_never_an_issue_and_the_issue_after_it_is_shown()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        await dovecot.DeliverAsync(NewsletterMessages.BrokenMime());
        await dovecot.DeliverAsync(NewsletterMessages.Substack("after-the-broken-one", "After the broken one"));
        await using var services = await MailboxServices.BuildAsync(await postgres.CreateDatabaseAsync(), dovecot);

        var reports = await services.GetRequiredService<MailboxIntake>().ReadAsync(dueOnly: false, CancellationToken.None);
        var digest = await services.GetRequiredService<DigestReader>().LatestAsync(null, DigestReader.DefaultCount, CancellationToken.None);

        Assert.Equal((1, 0, 1), reports.Counts("The Ledger"));
        Assert.Equal(1, reports.Mailbox().Failed);
        Assert.Contains("the message's text is not valid base64", Assert.Single(reports, r => r.Source == "The Ledger").Error, StringComparison.Ordinal);
        var entry = Assert.Single(digest!);
        Assert.Equal("After the broken one", entry.Title);
        Assert.Contains(MailboxIntake.UnreadableKeyword, (await services.KeywordsAsync())[1]);
        await using var db = services.Db();
        Assert.DoesNotContain(await db.Articles.Select(a => a.Title).ToListAsync(), t => t.Contains("=?", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_title_loses_its_links_a_summary_never_repeats_its_title_and_a_foreign_web_version_is_never_the_citation()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        var phishing = NewsletterMessages.Ledger("[The Ledger] Claim at uniswap-rewards.claims before Friday", """
            <p><a href="https://uniswap-rewards.claims/connect?wallet=1">View in browser</a></p>
            <p>The claim window for the staking rebate closes on Friday for every validator.</p>
            <p>Operators who queued withdrawals last week are not eligible for the rebate this round.</p>
            """);
        phishing.Headers.Add("List-Post", "<https://ledger.substack.com/p/claim-window?r=2abc>");
        await dovecot.DeliverAsync(phishing);
        await dovecot.DeliverAsync(NewsletterMessages.Ledger("[The Ledger] Validators queue up for withdrawals after the upgrade", """
            <h1>Validators queue up for withdrawals after the upgrade</h1>
            <p>Queued validators fell by half this week as the withdrawal backlog cleared.</p>
            <p>Liquid staking tokens now hold a third of all staked ether, up from a quarter in June.</p>
            """));
        await using var services = await MailboxServices.BuildAsync(await postgres.CreateDatabaseAsync(), dovecot);

        await services.GetRequiredService<MailboxIntake>().ReadAsync(dueOnly: false, CancellationToken.None);
        var digest = await services.GetRequiredService<DigestReader>().LatestAsync(null, DigestReader.DefaultCount, CancellationToken.None);

        var claim = Assert.Single(digest!, e => e.Title.StartsWith("Claim at", StringComparison.Ordinal));
        Assert.Equal("Claim at before Friday", claim.Title);
        Assert.Equal(new Uri("https://ledger.substack.com/p/claim-window"), claim.Url);
        Assert.DoesNotContain("uniswap-rewards", claim.Summary, StringComparison.Ordinal);
        var queue = Assert.Single(digest!, e => e.Title.StartsWith("Validators", StringComparison.Ordinal));
        Assert.StartsWith("Queued validators fell by half this week", queue.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Validators queue up for withdrawals after the upgrade", queue.Summary, StringComparison.OrdinalIgnoreCase);
    }
}
