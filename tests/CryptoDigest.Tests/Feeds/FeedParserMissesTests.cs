using System.Text;
using CryptoDigest.Feeds;

namespace CryptoDigest.Tests.Feeds;

/// <summary>
/// The kinds of documents where our reading differed from feedparser 6's; each expectation is what
/// feedparser gives for the same document (its namespaces/_base.py and mixin.py, read for the rule).
/// </summary>
public class FeedParserMissesTests
{
    private static readonly DateTimeOffset FetchedAt = new(2025, 11, 18, 12, 0, 0, TimeSpan.Zero);
    private static readonly Uri FeedUrl = new("https://news.example.com/feed.xml");

    private static ParsedFeed Parse(string xml) => FeedParser.Parse(xml, FeedUrl, FetchedAt);

    private static string Atom(string entry) =>
        $"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><id>urn:uuid:1</id>{entry}</entry></feed>""";

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void An_atom_title_in_base64_mode_is_decoded_and_kept_as_plain_text()
    {
        var feed = Parse(Atom($"""<title type="text" mode="base64">{Base64("Fees <rise> & fall")}</title>"""));

        Assert.Equal("Fees <rise> & fall", Assert.Single(feed.Items).Title);
    }

    [Fact]
    public void An_atom_html_title_in_base64_mode_is_decoded_then_cleaned()
    {
        var feed = Parse(Atom($"""<title type="html" mode="base64">{Base64("<b>Bold</b> move")}</title>"""));

        Assert.Equal("Bold move", Assert.Single(feed.Items).Title);
    }

    [Fact]
    public void Base64_that_does_not_decode_is_kept_as_written()
    {
        var feed = Parse(Atom("""<title mode="base64">Not base64 at all!</title>"""));

        Assert.Equal("Not base64 at all!", Assert.Single(feed.Items).Title);
    }

    [Fact]
    public void Content_of_a_binary_type_is_read_as_base64_without_a_mode()
    {
        var feed = Parse(Atom($"""<title>x</title><content type="application/octet-stream">{Base64("Decoded body text")}</content>"""));

        Assert.Equal("Decoded body text", Assert.Single(feed.Items).Text);
    }

    [Fact]
    public void The_last_alternate_link_wins_and_links_that_are_not_alternate_html_are_skipped()
    {
        var feed = Parse(Atom("""<title>x</title><link href="/first"/><link rel="alternate" type="text/html" href="/second"/><link rel="self" href="/self"/><link rel="alternate" type="application/pdf" href="/pdf"/>"""));

        Assert.Equal("https://news.example.com/second", Assert.Single(feed.Items).Link);
    }

    [Fact]
    public void An_atom_link_without_href_gives_its_text_even_after_an_alternate()
    {
        var feed = Parse(Atom("""<title>x</title><link href="https://news.example.com/a"/><link rel="related">https://news.example.com/text</link>"""));

        Assert.Equal("https://news.example.com/text", Assert.Single(feed.Items).Link);
    }

    [Fact]
    public void An_empty_href_on_an_alternate_link_is_the_base_address()
    {
        var feed = Parse(Atom("""<title>x</title><link href="" xml:base="https://news.example.com/post/7"/>"""));

        Assert.Equal("https://news.example.com/post/7", Assert.Single(feed.Items).Link);
    }

    [Fact]
    public void Without_an_alternate_link_a_web_id_stands_in()
    {
        var feed = FeedParser.Parse(
            """<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>https://news.example.com/p/9</id><title>x</title><link rel="edit" href="/edit/9"/></entry></feed>""",
            FeedUrl,
            FetchedAt);

        Assert.Equal("https://news.example.com/p/9", Assert.Single(feed.Items).Link);
    }

    [Fact]
    public void An_rss_item_with_several_links_keeps_the_last()
    {
        var feed = Parse("""<rss version="2.0"><channel><title>T</title><item><title>x</title><link>https://news.example.com/one</link><link>https://news.example.com/two</link></item></channel></rss>""");

        Assert.Equal("https://news.example.com/two", Assert.Single(feed.Items).Link);
    }

    [Fact]
    public void An_atom_alternate_link_after_an_rss_link_wins()
    {
        var feed = Parse("""<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>T</title><item><title>x</title><link>https://news.example.com/rss</link><atom:link rel="alternate" href="https://news.example.com/atom"/><atom:link rel="self" href="https://news.example.com/self"/></item></channel></rss>""");

        Assert.Equal("https://news.example.com/atom", Assert.Single(feed.Items).Link);
    }

    [Fact]
    public void A_standalone_atom_entry_document_is_a_feed_of_that_entry()
    {
        var feed = Parse("""<?xml version="1.0"?><entry xmlns="http://www.w3.org/2005/Atom"><id>urn:uuid:e</id><title>Alone</title><link href="https://news.example.com/alone"/><updated>2025-11-18T10:00:00Z</updated><summary>Just one.</summary></entry>""");

        Assert.Equal("Atom 1.0", feed.Format);
        var item = Assert.Single(feed.Items);
        Assert.Equal("Alone", item.Title);
        Assert.Equal("https://news.example.com/alone", item.Link);
        Assert.Equal(new DateTimeOffset(2025, 11, 18, 10, 0, 0, TimeSpan.Zero), item.Published);
        Assert.Equal("Just one.", item.Text);
    }

    [Fact]
    public void A_cdf_channel_is_read_with_its_items_links_dates_and_abstracts()
    {
        var feed = Parse("""
            <?xml version="1.0"?>
            <CHANNEL HREF="https://news.example.com/" BASE="https://news.example.com/">
              <TITLE>CDF news</TITLE>
              <ABSTRACT>The channel.</ABSTRACT>
              <ITEM HREF="https://news.example.com/cdf/1" LASTMOD="2025-11-18T08:00">
                <TITLE>First item</TITLE>
                <ABSTRACT>Body of the first item.</ABSTRACT>
              </ITEM>
              <CHANNEL HREF="https://news.example.com/sub"><ITEM HREF="https://news.example.com/cdf/2"><TITLE>Nested item</TITLE></ITEM></CHANNEL>
            </CHANNEL>
            """);

        Assert.Equal("CDF", feed.Format);
        Assert.Equal("CDF news", feed.Title);
        Assert.Equal(new Uri("https://news.example.com/"), feed.SiteUrl);
        Assert.Equal(["First item", "Nested item"], feed.Items.Select(i => i.Title));
        Assert.Equal(["https://news.example.com/cdf/1", "https://news.example.com/cdf/2"], feed.Items.Select(i => i.Link));
        Assert.Equal(new DateTimeOffset(2025, 11, 18, 8, 0, 0, TimeSpan.Zero), feed.Items[0].Published);
        Assert.Equal("Body of the first item.", feed.Items[0].Text);
    }

    [Fact]
    public void An_item_whose_only_title_is_inside_its_enclosure_takes_that_title()
    {
        var feed = Parse("""<rss version="2.0"><channel><title>T</title><item><guid>e1</guid><enclosure url="https://news.example.com/ep1.mp3" length="1" type="audio/mpeg"><title>Episode one</title></enclosure></item></channel></rss>""");

        Assert.Equal("Episode one", Assert.Single(feed.Items).Title);
    }
}
