using CryptoDigest.Feeds;
using CryptoDigest.IntegrationTests.Feeds.Email;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.IntegrationTests.Telegram;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.IntegrationTests.Archive;

/// <summary>
/// A newsletter issue that came by e-mail (into the real Dovecot, vouched for by the trusted Authentication-Results
/// header) is found by /search and answered with a citation by /ask through the Telegram stand-in, after the ingest
/// job read the mailbox into PostgreSQL and indexed the issue.
/// </summary>
[Collection(PostgresCollection.Name)]
public class ArchiveEmailTelegramTests(PostgresFixture postgres)
{
    private const string IssueLink = "https://ledger.substack.com/p/staking-after-the-upgrade";

    [Fact]
    public async Task An_emailed_issue_is_found_by_search_and_cited_by_ask()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        var issue = NewsletterMessages.Substack(paragraph: "Validators queued for withdrawal fell by half this week, to 8,000.");
        // Within the archive's window whatever day the test runs.
        issue.Date = TimeProvider.System.GetUtcNow().AddDays(-1);
        await dovecot.DeliverAsync(issue);
        var settings = dovecot.Settings().ToDictionary(s => s.Key, s => (string?)s.Value);
        settings["Feeds:UseSamplesWhenOffline"] = "false";
        settings["Feeds:Sources:0:Name"] = "The Ledger";
        settings["Feeds:Sources:0:SiteUrl"] = "https://ledger.substack.com/";
        settings["Feeds:Sources:0:EmailFrom"] = NewsletterMessages.SubstackSender;
        settings["Archive:LocalEmbeddings"] = "true";
        await using var host = await TelegramTestHost.StartAsync(postgres, settings);
        await host.Services.GetRequiredService<FeedIngestor>().IngestAllAsync(dueOnly: false, CancellationToken.None);

        host.Api.AddMessage(7321, "/search validators waiting to withdraw");
        var found = Assert.Single(await host.Api.WaitForMessagesAsync(7321));
        host.Api.AddMessage(7322, "/ask what did the ledger write about the withdrawal queue");
        var cited = Assert.Single(await host.Api.WaitForMessagesAsync(7322));
        host.Api.AddMessage(7323, "/ask what did the ledger write about the exodus wallet");
        var uncovered = Assert.Single(await host.Api.WaitForMessagesAsync(7323));

        Assert.Contains("The Ledger", found.PlainText, StringComparison.Ordinal);
        Assert.Contains("Staking after the upgrade", found.PlainText, StringComparison.Ordinal);
        Assert.Contains("Validators queued for withdrawal fell by half this week, to 8,000.", found.PlainText, StringComparison.Ordinal);
        Assert.Contains(IssueLink, found.RawText, StringComparison.Ordinal);
        Assert.Equal("HTML", cited.ParseMode, ignoreCase: true);
        Assert.StartsWith("The Ledger on ", cited.PlainText, StringComparison.Ordinal);
        Assert.Contains("The Ledger · ", cited.PlainText, StringComparison.Ordinal);
        Assert.Contains("Validators queued for withdrawal fell by half this week, to 8,000.", cited.PlainText, StringComparison.Ordinal);
        Assert.Contains(IssueLink, cited.RawText, StringComparison.Ordinal);
        Assert.DoesNotContain("Unsubscribe", cited.PlainText, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("The issues of The Ledger I read do not cover exodus", uncovered.PlainText, StringComparison.Ordinal);
    }
}
