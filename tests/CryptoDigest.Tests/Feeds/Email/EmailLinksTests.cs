using CryptoDigest.Feeds.Email;

namespace CryptoDigest.Tests.Feeds.Email;

public class EmailLinksTests
{
    [Theory]
    [InlineData("https://click.tracker.example.com/c?url=https%3A%2F%2Fcharts.example.com%2Fbtc%3Futm_source%3Ddairy%26range%3D1y", "https://charts.example.com/btc?range=1y")]
    [InlineData("https://go.example.net/redirect?target=https%253A%252F%252Fnews.example.com%252Fa", "https://news.example.com/a")]
    [InlineData("https://t.example.org/r/https%3A%2F%2Fnews.example.com%2Fpath", "https://news.example.com/path")]
    [InlineData("https://news.example.com/story?id=7&utm_source=mail&utm_medium=email", "https://news.example.com/story?id=7")]
    public void A_link_whose_destination_is_in_its_url_becomes_that_destination_without_tracking_parameters(string href, string expected)
    {
        Assert.Equal(new Uri(expected), EmailLinks.Destination(href));
    }

    [Theory]
    [InlineData("https://substack.com/redirect/8c1f0e2a-1111-4e44-9a9b-000000000001?j=eyJ1IjoiMTIzIn0.sig")]
    [InlineData("https://link.mail.beehiiv.com/ss/c/u001.AbCdEf/4ab/GhIjKl")]
    [InlineData("https://example.us1.list-manage.com/track/click?u=abc&id=def&e=123")]
    [InlineData("https://click.news.example.com/f/a/AbCdEf~~/AAAA~~/RgRn")]
    [InlineData("mailto:editor@example.com")]
    [InlineData("javascript:alert(1)")]
    public void A_tracker_that_hides_its_destination_and_anything_not_http_has_no_destination(string href)
    {
        Assert.Null(EmailLinks.Destination(href));
    }

    [Theory]
    [InlineData("View in browser", "https://example.com/v", EmailLinkKind.WebVersion)]
    [InlineData("View this email in your browser", "https://example.com/v", EmailLinkKind.WebVersion)]
    [InlineData("Read Online", "https://example.com/v", EmailLinkKind.WebVersion)]
    [InlineData("Read on Substack", "https://example.com/v", EmailLinkKind.WebVersion)]
    [InlineData("Unsubscribe", "https://example.com/u", EmailLinkKind.Unsubscribe)]
    [InlineData("Manage your subscription", "https://example.com/m", EmailLinkKind.Unsubscribe)]
    [InlineData("here", "https://example.com/action/disable_email/unsubscribe?token=1", EmailLinkKind.Unsubscribe)]
    [InlineData("Update your email preferences", "https://example.com/p", EmailLinkKind.Unsubscribe)]
    [InlineData("Share", "https://example.com/p/x?action=share", EmailLinkKind.Share)]
    [InlineData("", "https://www.facebook.com/sharer/sharer.php?u=x", EmailLinkKind.Share)]
    [InlineData("Restack", "https://example.com/p/x", EmailLinkKind.Share)]
    [InlineData("the full report", "https://research.example.com/report", EmailLinkKind.Content)]
    [InlineData("Read the browser security guide", "https://research.example.com/report", EmailLinkKind.Content)]
    public void Links_are_told_apart_by_their_text_and_address(string text, string href, EmailLinkKind expected)
    {
        Assert.Equal(expected, EmailLinks.Classify(text, href));
    }

    [Theory]
    [InlineData("https://open.substack.com/pub/ledger/p/staking-after-the-upgrade?utm_source=email", null, "https://ledger.substack.com/p/staking-after-the-upgrade")]
    [InlineData("https://ledger.substack.com/p/staking?utm_source=substack&utm_medium=email", null, "https://ledger.substack.com/p/staking")]
    [InlineData("https://dairy.beehiiv.com/p/bitcoin-breaks-out?_bhlid=abc", null, "https://dairy.beehiiv.com/p/bitcoin-breaks-out")]
    [InlineData("https://www.letter.example.com/p/custom-domain-post?ref=x", "letter.example.com", "https://www.letter.example.com/p/custom-domain-post")]
    [InlineData("https://other.example.com/p/not-ours", "letter.example.com", null)]
    [InlineData("https://ledger.substack.com/subscribe", null, null)]
    public void Substack_and_beehiiv_issue_addresses_are_recognised_and_made_canonical(string link, string? siteHost, string? expected)
    {
        Assert.Equal(expected is null ? null : new Uri(expected), EmailLinks.PlatformIssueAddress(new Uri(link), siteHost));
    }

    [Fact]
    public void Urls_in_plain_text_are_replaced_by_their_destinations_or_removed_when_a_tracker_hides_it()
    {
        var text = "Chart: https://click.tracker.example.com/c?url=https%3A%2F%2Fcharts.example.com%2Fbtc. Sponsor: https://link.mail.beehiiv.com/ss/c/abc.";

        Assert.Equal("Chart: https://charts.example.com/btc. Sponsor: .", EmailLinks.RewriteUrls(text));
    }
}
