using CryptoDigest.Chat;
using CryptoDigest.Feeds;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Replies;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace CryptoDigest.IntegrationTests.Feeds.Email;

/// <summary>E-mail sources as members and admins see them: /sources, /digest, and one article per issue that came by feed and by mail.</summary>
[Collection(PostgresCollection.Name)]
public class EmailSourcesInChatTests(PostgresFixture postgres)
{
    [Fact]
    public async Task An_issue_by_feed_and_by_mail_is_one_article_and_sources_shows_by_email_with_the_unclaimed_count_to_admins_only()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        await dovecot.DeliverAsync(NewsletterMessages.Substack());
        await dovecot.DeliverAsync(NewsletterMessages.Beehiiv());
        await dovecot.DeliverAsync(NewsletterMessages.Unclaimed());
        // The Ledger's feed carries the same issue (partial text, same link with other tracking parameters).
        await using var feed = await FeedServer.StartAsync(app => app.MapGet("/feed", context => FeedResponses.WriteRssAsync(context, FeedDocuments.Rss(
            ("ledger-post-1", "Staking after the upgrade", "Validators queued... (read more)", "https://ledger.substack.com/p/staking-after-the-upgrade?utm_source=rss")))));
        var settings = dovecot.Settings().ToDictionary(s => s.Key, s => (string?)s.Value);
        settings["Feeds:AllowLoopback"] = "true";
        settings["Feeds:UseSamplesWhenOffline"] = "false";
        settings["Feeds:Sources:0:Name"] = "The Ledger";
        settings["Feeds:Sources:0:FeedUrl"] = feed.Url("/feed").AbsoluteUri;
        settings["Feeds:Sources:0:SiteUrl"] = "https://ledger.substack.com/";
        settings["Feeds:Sources:0:EmailFrom"] = NewsletterMessages.SubstackSender;
        settings["Feeds:Sources:1:Name"] = "Dairy Desk";
        settings["Feeds:Sources:1:Description"] = "Daily markets, with jokes";
        settings["Feeds:Sources:1:EmailFrom"] = "@mail.beehiiv.com";
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync(), settings, new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)));

        var reports = await app.Get<FeedIngestor>().IngestAllAsync(dueOnly: false, CancellationToken.None);
        var member = await HandleAsync(app, "/sources", admin: false);
        var editor = await HandleAsync(app, "/sources", admin: true, operatorChat: true);
        var admin = await HandleAsync(app, "/sources", admin: true);
        var digest = await HandleAsync(app, "/digest dAIRY", admin: false);

        Assert.Equal(
            ["Dairy Desk (e-mail): 1 new, 0 updated, 0 unchanged", "The Ledger: 1 new, 0 updated, 0 unchanged", "The Ledger (e-mail): 0 new, 0 updated, 1 unchanged", $"mailbox bot@127.0.0.1:{dovecot.Port}/INBOX: 1 unclaimed, 0 unreadable"],
            reports.Select(r => r.ToLine()));
        Assert.Equal(1, await app.WithDbAsync(db => db.Articles.CountAsync(a => a.Source!.Name == "The Ledger")));
        var memberText = Assert.Single(member.Blocks).Text;
        Assert.Contains("• Dairy Desk - Daily markets, with jokes. By e-mail: last issue 2026-11-30 12:15 UTC.", memberText, StringComparison.Ordinal);
        Assert.Contains("• The Ledger. By e-mail: last issue 2026-11-30 12:15 UTC. Last fetch 2026-12-01 09:00 UTC: 1 new", memberText, StringComparison.Ordinal);
        Assert.DoesNotContain("unclaimed", memberText, StringComparison.Ordinal);
        Assert.Contains("Mailbox (editors only): 1 unclaimed message (from senders no source claims; left in the mailbox).", Assert.Single(editor.Blocks).Text, StringComparison.Ordinal);
        // A chat admin who is not a source editor (in a private chat everyone is its admin) sees what members see.
        Assert.DoesNotContain("unclaimed", Assert.Single(admin.Blocks).Text, StringComparison.Ordinal);
        var issue = Assert.Single(digest.Blocks, b => b.Citations is { Count: > 0 });
        Assert.Equal("🥛 Bitcoin breaks out", issue.Heading);
        Assert.Equal(new Uri("https://dairy.beehiiv.com/p/bitcoin-breaks-out"), Assert.Single(issue.Citations!).Url);
    }

    private static Task<ChatReply> HandleAsync(TestApp app, string text, bool admin, bool operatorChat = false) =>
        app.Get<ChatRouter>().HandleAsync(ChatRequest.FromText(ChatPlatform.Console, "chat-1", "user-1", admin, ChatCommandParser.Parse(text)) with { IsOperator = operatorChat }, CancellationToken.None);
}
