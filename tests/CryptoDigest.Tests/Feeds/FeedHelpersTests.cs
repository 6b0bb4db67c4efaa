using CryptoDigest.Feeds;

namespace CryptoDigest.Tests.Feeds;

public class FeedHelpersTests
{
    [Theory]
    [InlineData("https://news.example.com/p/a?utm_source=rss&utm_medium=feed&id=7", "https://news.example.com/p/a?id=7")]
    [InlineData("https://news.example.com/p/a?utm_campaign=x", "https://news.example.com/p/a")]
    [InlineData("https://news.example.com/p/a?fbclid=abc&page=2#top", "https://news.example.com/p/a?page=2#top")]
    [InlineData("https://news.example.com/p/a", "https://news.example.com/p/a")]
    [InlineData("https://charts.example.com/btc?range=1y&_bhlid=0a1b2c", "https://charts.example.com/btc?range=1y")]
    [InlineData("https://ledger.substack.com/archive?sort=new&r=2abc&token=eyJ1c2VyIjo", "https://ledger.substack.com/archive")]
    [InlineData("https://newsletter.banklesshq.example/archive?sort=new&r=2abc&token=eyJ1", "https://newsletter.banklesshq.example/archive?sort=new")]
    [InlineData("https://substack.com/@ledger/note/c-1?r=2abc&utm_medium=email", "https://substack.com/@ledger/note/c-1")]
    [InlineData("https://us5.campaign-archive.com/?u=aa11&id=bb22&e=cc33", "https://us5.campaign-archive.com/?u=aa11&id=bb22")]
    [InlineData("https://mailchi.mp/letter/issue-7?e=cc33", "https://mailchi.mp/letter/issue-7")]
    [InlineData("https://letter.ghost.io/issue-7/?ref=letter&uuid=1234", "https://letter.ghost.io/issue-7/")]
    [InlineData("https://dairy.beehiiv.com/p/bitcoin?last_resource_guid=x&jwt_token=y", "https://dairy.beehiiv.com/p/bitcoin")]
    public void Tracking_parameters_are_stripped_from_links(string link, string expected)
    {
        Assert.Equal(new Uri(expected), TrackingParameters.Strip(link));
    }

    [Theory]
    [InlineData("/relative")]
    [InlineData("javascript:alert(1)")]
    [InlineData(null)]
    public void Links_that_are_not_absolute_http_are_not_stored(string? link)
    {
        Assert.Null(TrackingParameters.Strip(link));
    }

    [Fact]
    public void Each_source_gets_a_stable_slot_within_the_interval_at_least_half_an_interval_away()
    {
        var now = new DateTimeOffset(2025, 11, 20, 6, 7, 0, TimeSpan.Zero);
        var interval = TimeSpan.FromMinutes(30);

        var a = FeedIngestor.NextSlot("Bankless", now, interval);
        var b = FeedIngestor.NextSlot("Lyn Alden", now, interval);

        Assert.InRange(a - now, interval / 2, interval * 1.5);
        Assert.Equal(a, FeedIngestor.NextSlot("Bankless", now, interval));
        Assert.Equal(a + interval, FeedIngestor.NextSlot("Bankless", a, interval));
        Assert.NotEqual((a - now).Ticks % interval.Ticks, (b - now).Ticks % interval.Ticks);
    }

    [Fact]
    public void A_pages_alternate_feed_link_is_found_and_resolved()
    {
        var page = """<html><head><link rel="stylesheet" href="/a.css"><link rel="alternate" type="application/atom+xml" href="/feed.atom"></head></html>""";

        Assert.Equal(new Uri("https://site.example.com/feed.atom"), FeedFetcher.DiscoverFeedUrl(page, new Uri("https://site.example.com/blog/")));
        Assert.Null(FeedFetcher.DiscoverFeedUrl("<html><body>none</body></html>", new Uri("https://site.example.com/")));
    }

    [Fact]
    public void Opml_round_trips_and_flattens_folders()
    {
        var written = Opml.Write("x", [new OpmlOutline("Lyn Alden", new Uri("https://www.lynalden.test/feed/"), new Uri("https://www.lynalden.test/"), "Macro")], DateTimeOffset.UnixEpoch);

        var read = Opml.Read(written);

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", written, StringComparison.Ordinal);
        Assert.Equal(new OpmlOutline("Lyn Alden", new Uri("https://www.lynalden.test/feed/"), new Uri("https://www.lynalden.test/"), "Macro"), Assert.Single(read));
        Assert.Throws<FeedFormatException>(() => Opml.Read("<rss/>"));
    }

    [Fact]
    public void The_bundled_samples_parse_and_are_titled_as_samples()
    {
        var samples = SampleArticles.Load(DateTimeOffset.UnixEpoch);

        Assert.True(samples.Items.Count >= 3);
        Assert.All(samples.Items, i => Assert.StartsWith("Sample issue:", i.Title, StringComparison.Ordinal));
        Assert.All(samples.Items, i => Assert.Contains("not a real newsletter", i.Text, StringComparison.Ordinal));
    }
}
