using CryptoDigest.Feeds;

namespace CryptoDigest.Tests.Feeds;

/// <summary>
/// Real-world quirks where the parser is meant to read a feed the way Python's feedparser does,
/// since that is what aggregators (and our comparison corpus) take as the reference reading.
/// </summary>
public class FeedParserCompatTests
{
    private static readonly DateTimeOffset FetchedAt = new(2025, 11, 20, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Atom_entry_without_published_takes_updated_before_created()
    {
        var feed = Parse("""
            <feed xmlns="http://purl.org/atom/ns#" version="0.3"><title>Old</title>
            <entry><title>a</title><id>a</id><created>2025-01-01T00:00:00Z</created><modified>2025-02-02T00:00:00Z</modified></entry>
            </feed>
            """);

        Assert.Equal(new DateTimeOffset(2025, 2, 2, 0, 0, 0, TimeSpan.Zero), feed.Items[0].Published);
    }

    [Fact]
    public void Rss_item_prefers_dc_date_to_dcterms_created()
    {
        var feed = Parse("""
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"><channel>
            <item><title>a</title><guid>a</guid><dcterms:created>2025-01-01T00:00:00Z</dcterms:created><dc:date>2025-02-02T00:00:00Z</dc:date></item>
            </channel></rss>
            """);

        Assert.Equal(new DateTimeOffset(2025, 2, 2, 0, 0, 0, TimeSpan.Zero), feed.Items[0].Published);
    }

    [Fact]
    public void Relative_item_link_without_a_base_stays_relative_rather_than_using_the_channel_link()
    {
        var feed = Parse("""
            <rss version="2.0"><channel><title>t</title><link>https://site.example.com/</link>
            <item><title>a</title><link>/p/one</link></item>
            </channel></rss>
            """);

        Assert.Equal("/p/one", feed.Items[0].Link);
    }

    [Fact]
    public void Relative_xml_base_without_a_feed_url_gives_a_relative_link_not_a_file_uri()
    {
        var feed = Parse("""
            <rss version="2.0" xml:base="/blog/"><channel><title>t</title>
            <item><title>a</title><link>post-1</link></item>
            </channel></rss>
            """);

        Assert.Equal("/blog/post-1", feed.Items[0].Link);
    }

    [Fact]
    public void Atom_entry_link_is_the_last_html_alternate_and_ignores_other_types()
    {
        var feed = Parse("""
            <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
            <entry><title>a</title><id>tag:x,2025:a</id>
              <link rel="alternate" type="application/pdf" href="https://x.example.com/a.pdf"/>
              <link rel="alternate" type="text/html" href="https://x.example.com/en/a"/>
              <link rel="alternate" type="text/html" hreflang="fr" href="https://x.example.com/fr/a"/>
              <link rel="related" href="https://x.example.com/related"/>
            </entry>
            <entry><title>b</title><id>tag:x,2025:b</id><link rel="alternate" type="text/plain" href="https://x.example.com/b.txt"/></entry>
            </feed>
            """);

        Assert.Equal("https://x.example.com/fr/a", feed.Items[0].Link);
        Assert.Null(feed.Items[1].Link);
    }

    [Fact]
    public void Atom_entry_without_an_alternate_link_uses_an_http_id()
    {
        var feed = Parse("""
            <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
            <entry><title>a</title><id>https://x.example.com/posts/1</id><link rel="self" href="https://x.example.com/api/1"/></entry>
            </feed>
            """);

        Assert.Equal("https://x.example.com/posts/1", feed.Items[0].Link);
    }

    [Fact]
    public void Guid_permalink_flag_is_read_as_feedparser_reads_it()
    {
        var feed = Parse("""
            <rss version="2.0"><channel><title>t</title>
            <item><title>a</title><guid ispermalink="false">https://x.example.com/a</guid></item>
            <item><title>b</title><guid isPermaLink="True">https://x.example.com/b</guid></item>
            <item><title>c</title><guid isPermaLink="true">https://x.example.com/c</guid></item>
            <item><title>d</title><link></link><guid>https://x.example.com/d</guid></item>
            </channel></rss>
            """);

        Assert.Equal([null, null, "https://x.example.com/c", null], feed.Items.Select(i => i.Link));
    }

    [Fact]
    public void Relative_permalink_guid_resolves_against_the_feed_url()
    {
        var feed = FeedParser.Parse("""<rss version="2.0"><channel><item><title>a</title><guid>/p/a</guid></item></channel></rss>""", new Uri("https://x.example.com/feed"), FetchedAt);

        Assert.Equal("https://x.example.com/p/a", feed.Items[0].Link);
    }

    [Fact]
    public void Feedburner_orig_link_does_not_replace_the_link()
    {
        var feed = Parse("""
            <rss version="2.0" xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0"><channel><title>t</title>
            <item><title>a</title><link>https://feeds.example.com/~r/x/~3/abc/</link><feedburner:origLink>https://x.example.com/a</feedburner:origLink></item>
            </channel></rss>
            """);

        Assert.Equal("https://feeds.example.com/~r/x/~3/abc/", feed.Items[0].Link);
    }

    [Fact]
    public void Rss_title_with_a_stray_tag_but_no_closing_tag_or_entity_is_plain_text()
    {
        var feed = Parse("""
            <rss version="2.0"><channel><title>t</title>
            <item><title>Why &lt;div&gt; soup still ships</title><guid>a</guid></item>
            <item><title><![CDATA[Q&amp;A: <b>bold</b> moves]]></title><guid>b</guid></item>
            </channel></rss>
            """);

        Assert.Equal("Why <div> soup still ships", feed.Items[0].Title);
        Assert.Equal("Q&A: bold moves", feed.Items[1].Title);
    }

    [Fact]
    public void Atom_text_titles_are_plain_text_and_html_titles_are_html()
    {
        var feed = Parse("""
            <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
            <entry><title type="text">&lt;b&gt;x&lt;/b&gt; &amp;amp; y</title><id>a</id></entry>
            <entry><title type="html">&lt;b&gt;x&lt;/b&gt; &amp;amp; y</title><id>b</id></entry>
            <entry><title>  plain
              one  </title><id>c</id></entry>
            </feed>
            """);

        Assert.Equal("<b>x</b> &amp; y", feed.Items[0].Title);
        Assert.Equal("x & y", feed.Items[1].Title);
        Assert.Equal("plain one", feed.Items[2].Title);
    }

    [Fact]
    public void Utf8_read_twice_and_windows_1252_control_characters_are_repaired()
    {
        var feed = Parse("""
            <rss version="2.0"><channel><title>t</title>
            <item><title>CafÃ© crypto</title><guid>a</guid></item>
            <item><title>Don&#x92;t panic</title><guid>b</guid></item>
            <item><title>Café stays</title><guid>c</guid></item>
            </channel></rss>
            """);

        Assert.Equal("Café crypto", feed.Items[0].Title);
        Assert.Equal("Don’t panic", feed.Items[1].Title);
        Assert.Equal("Café stays", feed.Items[2].Title);
    }

    [Fact]
    public void A_doctype_with_plain_entities_is_read_with_them_expanded_once()
    {
        var feed = Parse("""
            <?xml version="1.0"?>
            <!DOCTYPE rss [
              <!ENTITY nbsp "&#160;">
              <!ENTITY site "Example Weekly">
            ]>
            <rss version="2.0"><channel><title>&site;</title>
            <item><title>One&nbsp;two &undefined;</title><guid>a</guid></item>
            </channel></rss>
            """);

        Assert.Equal("Example Weekly", feed.Title);
        Assert.Equal("One two &undefined;", feed.Items[0].Title);
    }

    [Fact]
    public void Rss_in_a_default_namespace_still_gives_links_and_dates()
    {
        var feed = Parse("""
            <rss version="2.0" xmlns="http://backend.userland.com/rss2"><channel><title>Radio</title>
            <item><title>a</title><link>https://x.example.com/a</link><pubDate>Tue, 18 Nov 2025 14:02:11 GMT</pubDate></item>
            </channel></rss>
            """);

        Assert.Equal("https://x.example.com/a", feed.Items[0].Link);
        Assert.Equal(new DateTimeOffset(2025, 11, 18, 14, 2, 11, TimeSpan.Zero), feed.Items[0].Published);
    }

    [Fact]
    public void Escaped_ampersands_in_an_rss_link_are_unescaped_as_feedparser_does()
    {
        var feed = Parse("""
            <rss version="2.0"><channel><title>t</title>
            <item><title>a</title><link><![CDATA[https://x.example.com/?a=1&amp;b=2]]></link></item>
            </channel></rss>
            """);

        Assert.Equal("https://x.example.com/?a=1&b=2", feed.Items[0].Link);
    }

    [Fact]
    public void Dublin_core_with_a_slightly_wrong_namespace_is_still_dublin_core()
    {
        var feed = Parse("""
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1"><channel><title>t</title>
            <item><title>a</title><guid>a</guid><dc:date>2025-11-18T01:02:03Z</dc:date></item>
            </channel></rss>
            """);

        Assert.Equal(new DateTimeOffset(2025, 11, 18, 1, 2, 3, TimeSpan.Zero), feed.Items[0].Published);
    }

    // Python's urljoin (which feedparser uses) on the same pairs: RFC 3986 resolution, spelling kept.
    [Theory]
    [InlineData("https://x.example.com/feed/", "p/one", "https://x.example.com/feed/p/one")]
    [InlineData("https://x.example.com/feed", "p/one", "https://x.example.com/p/one")]
    [InlineData("https://x.example.com", "p/one", "https://x.example.com/p/one")]
    [InlineData("https://x.example.com/a/b/", "../c/./d", "https://x.example.com/a/c/d")]
    [InlineData("https://x.example.com/a/b", "/../c", "https://x.example.com/c")]
    [InlineData("https://x.example.com/a/b?q=1#f", "?q=2", "https://x.example.com/a/b?q=2")]
    [InlineData("https://x.example.com/a/b?q=1", "#top", "https://x.example.com/a/b?q=1#top")]
    [InlineData("https://x.example.com/a/", "//cdn.example.net/i.png", "https://cdn.example.net/i.png")]
    [InlineData("https://x.example.com/a/", "/p/café crème", "https://x.example.com/p/café crème")]
    [InlineData("https://x.example.com/a/", "https://Other.Example.com:443/X", "https://Other.Example.com:443/X")]
    [InlineData("https://x.example.com/a/", "http:///y.example.com/p", "http://y.example.com/p")]
    [InlineData("/blog/", "post", "/blog/post")]
    [InlineData(null, "post", "post")]
    public void Links_join_their_base_as_urljoin_does(string? baseUri, string link, string expected)
    {
        Assert.Equal(expected, FeedParser.Join(baseUri, link));
    }

    [Fact]
    public void Nested_xml_base_resolves_from_the_feed_url_down()
    {
        var feed = FeedParser.Parse("""
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="/blog/"><title>t</title>
            <entry xml:base="2025/"><title>a</title><id>a</id><link href="post-1"/></entry>
            <entry xml:base="javascript:alert(1)//"><title>b</title><id>b</id><link href="post-2"/></entry>
            </feed>
            """, new Uri("https://x.example.com/feed.xml"), FetchedAt);

        Assert.Equal("https://x.example.com/blog/2025/post-1", feed.Items[0].Link);
        Assert.Equal("https://x.example.com/blog/post-2", feed.Items[1].Link);
    }

    [Fact]
    public void A_doctype_entity_expanding_past_the_cap_is_refused()
    {
        var refs = string.Concat(Enumerable.Repeat("&big;", 200));
        var text = "<!DOCTYPE rss [ <!ENTITY big \"" + new string('x', 1000) + "\"> ]><rss version=\"2.0\"><channel><title>" + refs + "</title></channel></rss>";

        Assert.Throws<FeedFormatException>(() => FeedParser.Parse(text, null, FetchedAt, maxCharacters: 50_000));
    }

    private static ParsedFeed Parse(string text) => FeedParser.Parse(text, null, FetchedAt);
}
