using CryptoDigest.Feeds;
using CryptoDigest.Feeds.Email;
using MimeKit;

namespace CryptoDigest.Tests.Feeds.Email;

/// <summary>An e-mail issue's link becomes the citation in every chat: it must be the letter's own, and carry no subscriber's token.</summary>
public class IssueLinkTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly FeedSourceSettings Bankless = new() { Name = "Bankless", SiteUrl = "https://www.bankless.com/", EmailFrom = "@bankless.com" };

    [Fact]
    public void A_web_version_on_a_foreign_host_is_not_the_link_the_list_post_is()
    {
        var message = Message("""<p><a href="https://bankless-rewards.example/claim">View in browser</a></p><p>Staking yields held steady.</p>""");
        message.Headers.Add(HeaderId.ListPost, "<https://newsletter.bankless.com/p/staking-yields?r=2abc>");

        var item = NewsletterEmail.Read(message, Bankless, Now);

        Assert.Equal("https://newsletter.bankless.com/p/staking-yields", item.Link);
    }

    [Fact]
    public void A_web_version_on_a_foreign_host_and_a_foreign_list_post_leave_the_issue_without_a_link()
    {
        var message = Message("""<p><a href="https://bankless-rewards.example/claim">Read online</a></p><p>Staking yields held steady.</p>""");
        message.Headers.Add(HeaderId.ListPost, "<https://bankless-rewards.example/post>");

        var item = NewsletterEmail.Read(message, Bankless, Now);

        Assert.Null(item.Link);
    }

    [Theory]
    [InlineData("https://www.bankless.com/issues/42?utm_source=mail", "https://www.bankless.com/issues/42")]
    [InlineData("https://news.bankless.com/issues/42", "https://news.bankless.com/issues/42")]
    [InlineData("https://bankless.substack.com/p/yields?r=2abc&token=eyJ1", "https://bankless.substack.com/p/yields")]
    [InlineData("https://bankless.beehiiv.com/issues/42?_bhlid=0a1b", "https://bankless.beehiiv.com/issues/42")]
    [InlineData("https://us5.campaign-archive.com/?u=aa11&id=bb22&e=cc33", "https://us5.campaign-archive.com/?u=aa11&id=bb22")]
    [InlineData("https://bankless.ghost.io/yields/?ref=bankless", "https://bankless.ghost.io/yields/")]
    public void A_web_version_on_the_site_a_sender_domain_or_a_platform_is_kept_without_the_subscribers_tokens(string webVersion, string expected)
    {
        var message = Message($"""<p><a href="{webVersion.Replace("&", "&amp;", StringComparison.Ordinal)}">View this email in your browser</a></p><p>Staking yields held steady.</p>""");

        Assert.Equal(expected, NewsletterEmail.Read(message, Bankless, Now).Link);
    }

    private static MimeMessage Message(string html)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Bankless", "news@bankless.com"));
        message.Subject = "Staking yields";
        message.MessageId = "yields@bankless.com";
        message.Date = new DateTimeOffset(2026, 11, 30, 7, 0, 0, TimeSpan.Zero);
        message.Body = new BodyBuilder { HtmlBody = html }.ToMessageBody();
        return message;
    }
}
