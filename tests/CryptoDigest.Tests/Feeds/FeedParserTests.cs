using System.Text;
using CryptoDigest.Feeds;

namespace CryptoDigest.Tests.Feeds;

public class FeedParserTests
{
    private static readonly DateTimeOffset FetchedAt = new(2025, 11, 20, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_Substack_feed_gives_titles_links_dates_authors_and_clean_text()
    {
        var feed = ParseFile("substack.xml", "https://coinmetrics.substack.test/feed");

        Assert.Equal("RSS 2.0", feed.Format);
        Assert.Equal("Coin Metrics' State of the Network", feed.Title);
        Assert.Equal(2, feed.Items.Count);
        var item = feed.Items[0];
        Assert.Equal("Coin Metrics' State of the Network: Issue 338", item.Title);
        Assert.Equal("https://coinmetrics.substack.test/p/state-of-the-network-issue-338", item.Link);
        Assert.Equal("https://coinmetrics.substack.test/p/state-of-the-network-issue-338", item.Id);
        Assert.Equal(new DateTimeOffset(2025, 11, 18, 14, 2, 11, TimeSpan.Zero), item.Published);
        Assert.Equal("Tanay Ved", item.Author);
        Assert.Contains("Stablecoin supply reached a new high this week \u2014 $300B across chains.", item.Text, StringComparison.Ordinal);
        Assert.Contains("led by Ethereum and Solana.", item.Text, StringComparison.Ordinal);
        Assert.Contains("Chart of stablecoin supply", item.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("alert(1)", item.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("color:red", item.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<", item.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Ghost_feed_keeps_its_object_id_guid_and_resolves_relative_links_in_content()
    {
        var feed = ParseFile("ghost.xml", "https://insights.glassnode.test/rss/");

        var item = feed.Items[0];
        Assert.Equal("691c6a3e1b2d4a0001f4e7c2", item.Id);
        Assert.Equal("The Week On-chain: Week 47, 2025", item.Title);
        Assert.Equal("https://insights.glassnode.test/the-week-onchain-week-47-2025/", item.Link);
        Assert.Equal(new DateTimeOffset(2025, 11, 18, 16, 30, 12, TimeSpan.Zero), item.Published);
        Assert.Equal("UkuriaOC, CryptoVizArt, Glassnode", item.Author);
        Assert.Contains("Executive Summary\n\nLong-term holders sold 400k BTC over 30 days.\nThe short-term holder", item.Text, StringComparison.Ordinal);
        Assert.Equal(new Uri("https://insights.glassnode.test/"), feed.SiteUrl);
    }

    [Fact]
    public void A_WordPress_feed_with_whitespace_before_the_declaration_still_parses()
    {
        var feed = ParseFile("wordpress.xml", "https://www.lynalden.test/feed/");

        Assert.Equal("Lyn Alden", feed.Title);
        Assert.Equal(2, feed.Items.Count);
        var item = feed.Items[0];
        Assert.Equal("November 2025 Newsletter: Liquidity & the Fiscal Dominance Thesis", item.Title);
        Assert.Equal("https://www.lynalden.test/?p=21842", item.Id);
        Assert.Equal("https://www.lynalden.test/november-2025-newsletter/", item.Link);
        Assert.Equal(new DateTimeOffset(2025, 11, 16, 17, 32, 48, TimeSpan.Zero), item.Published);
        Assert.Contains("Bitcoin\u2019s role", item.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("appeared first on", item.Text, StringComparison.Ordinal);
        Assert.Equal("https://www.lynalden.test/october-2025-newsletter/?utm_source=rss&utm_medium=rss&utm_campaign=october-2025-newsletter", feed.Items[1].Link);
        Assert.Equal("Energy and money.", feed.Items[1].Text);
    }

    [Fact]
    public void A_beehiiv_feed_with_a_whole_html_email_as_content_gives_its_text_without_styles()
    {
        var feed = ParseFile("beehiiv.xml", "https://rss.beehiiv.test/feeds/abc123.xml");

        var item = feed.Items[0];
        Assert.Equal("🥛 Bitcoin wobbles, ETH ETF inflows flip", item.Title);
        Assert.Equal("https://www.milkroad.test/p/bitcoin-wobbles?utm_source=www.milkroad.test&utm_medium=newsletter&utm_campaign=bitcoin-wobbles&ref=x1", item.Link);
        Assert.Equal("The Milk Road Team", item.Author);
        Assert.StartsWith("GM. This is Milk Road, the crypto newsletter that doesn't suck.\n\nHere\u2019s what we got for you today:", item.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("font-size", item.Text, StringComparison.Ordinal);
        Assert.Equal("PLUS: memecoins again", feed.Items[1].Text);
    }

    [Fact]
    public void An_Atom_feed_resolves_links_against_xml_base_and_reads_html_and_xhtml_text()
    {
        var feed = ParseFile("atom.xml", "https://research.example.com/feed.atom");

        Assert.Equal("Atom 1.0", feed.Format);
        Assert.Equal("Kaiko Research", feed.Title);
        var first = feed.Items[0];
        Assert.Equal("tag:research.example.com,2025:post-101", first.Id);
        Assert.Equal("Liquidity & depth: weekly update", first.Title);
        Assert.Equal("https://research.example.com/blog/posts/liquidity-depth-weekly", first.Link);
        Assert.Equal(new DateTimeOffset(2025, 11, 17, 7, 30, 0, TimeSpan.Zero), first.Published);
        Assert.Equal("Kaiko Research Team", first.Author);
        Assert.Equal("Market depth on major exchanges recovered.\n\nSpreads narrowed again.", first.Text);

        var second = feed.Items[1];
        Assert.Equal("Funding rates turn negative", second.Title);
        Assert.Equal("https://other.example.org/archive/2025/funding", second.Link);
        Assert.Equal(new DateTimeOffset(2025, 11, 10, 12, 0, 0, TimeSpan.Zero), second.Published);
        Assert.Equal("Funding rates across perpetual markets turned negative.", second.Text);

        Assert.Equal("Jo Analyst", feed.Items[2].Author);
        Assert.Equal(new DateTimeOffset(2025, 11, 3, 0, 0, 0, TimeSpan.Zero), feed.Items[2].Published);
    }

    [Fact]
    public void An_Atom_0_3_feed_reads_issued_dates_and_escaped_content()
    {
        var feed = ParseFile("atom03.xml", null);

        Assert.Equal("Atom 0.3", feed.Format);
        var item = Assert.Single(feed.Items);
        Assert.Equal("http://old.example.com/2005/07/31/entry", item.Link);
        Assert.Equal(new DateTimeOffset(2005, 7, 31, 16, 29, 29, TimeSpan.Zero), item.Published);
        Assert.Equal("Escaped content.", item.Text);
    }

    [Fact]
    public void An_RSS_1_0_feed_reads_items_beside_the_channel_with_dublin_core_dates()
    {
        var feed = ParseFile("rss10.xml", null);

        Assert.Equal("RSS 1.0", feed.Format);
        var item = Assert.Single(feed.Items);
        Assert.Equal("http://rdf.example.com/a", item.Id);
        Assert.Equal("RDF item", item.Title);
        Assert.Equal(new DateTimeOffset(2025, 11, 1, 10, 0, 0, TimeSpan.Zero), item.Published);
        Assert.Equal("R. Writer", item.Author);
        Assert.Equal("An item in RSS 1.0", item.Text);
    }

    [Fact]
    public void An_RSS_0_91_feed_with_a_doctype_parses_and_a_missing_date_takes_the_fetch_time()
    {
        var feed = ParseFile("rss091.xml", null);

        Assert.Equal("RSS 0.91", feed.Format);
        var item = Assert.Single(feed.Items);
        Assert.Equal("http://old.example.net/item1.html", item.Id);
        Assert.Equal(FetchedAt, item.Published);
        Assert.True(item.PublishedIsFetchTime);
    }

    [Fact]
    public void Bad_dates_never_fail_the_feed_and_each_item_keeps_what_can_be_read()
    {
        var feed = Parse("""
            <rss version="2.0"><channel><title>Dates</title>
            <item><title>a</title><guid>a</guid><pubDate>Mon, 32 Foo 2025 99:99:99 XYZ</pubDate></item>
            <item><title>b</title><guid>b</guid><pubDate>Wed, 19 Nov 2025 11:00:00 EST</pubDate></item>
            <item><title>c</title><guid>c</guid><pubDate>2025-11-19 11:00:00</pubDate></item>
            <item><title>d</title><guid>d</guid><pubDate>not a date</pubDate><dc:date xmlns:dc="http://purl.org/dc/elements/1.1/">2025-11-18T01:02:03Z</dc:date></item>
            </channel></rss>
            """);

        Assert.Equal(4, feed.Items.Count);
        Assert.Equal(FetchedAt, feed.Items[0].Published);
        Assert.True(feed.Items[0].PublishedIsFetchTime);
        Assert.Equal(new DateTimeOffset(2025, 11, 19, 16, 0, 0, TimeSpan.Zero), feed.Items[1].Published);
        Assert.Equal(new DateTimeOffset(2025, 11, 19, 11, 0, 0, TimeSpan.Zero), feed.Items[2].Published);
        Assert.Equal(new DateTimeOffset(2025, 11, 18, 1, 2, 3, TimeSpan.Zero), feed.Items[3].Published);
    }

    [Fact]
    public void A_missing_guid_falls_back_to_the_link_then_to_a_hash_of_title_and_date()
    {
        var feed = Parse("""
            <rss version="2.0"><channel><title>No guids</title>
            <item><title>Linked</title><link>https://example.com/linked</link></item>
            <item><title>Bare</title><pubDate>Tue, 18 Nov 2025 10:00:00 GMT</pubDate></item>
            <item><title>Permalink guid</title><guid>https://example.com/perma</guid></item>
            </channel></rss>
            """);

        Assert.Equal("https://example.com/linked", feed.Items[0].Id);
        Assert.StartsWith("sha256:", feed.Items[1].Id, StringComparison.Ordinal);
        Assert.Equal(feed.Items[1].Id, Parse("""<rss version="2.0"><channel><item><title>Bare</title><pubDate>Tue, 18 Nov 2025 10:00:00 GMT</pubDate></item></channel></rss>""").Items[0].Id);
        Assert.Null(feed.Items[1].Link);
        Assert.Equal("https://example.com/perma", feed.Items[2].Link);
    }

    [Fact]
    public void Unescaped_ampersands_and_html_entities_are_repaired_instead_of_failing_the_feed()
    {
        var feed = Parse("""
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0"><channel><title>Research & Data</title>
            <item><title>S&P 500 vs BTC&nbsp;&mdash; a note</title><link>https://example.com/p?a=1&b=2</link><description>Fees &amp; flows &hellip;</description></item>
            </channel></rss>
            """);

        Assert.Equal("Research & Data", feed.Title);
        var item = Assert.Single(feed.Items);
        Assert.Equal("S&P 500 vs BTC \u2014 a note", item.Title);
        Assert.Equal("https://example.com/p?a=1&b=2", item.Link);
        Assert.Equal("Fees & flows \u2026", item.Text);
    }

    [Fact]
    public void A_feed_declared_latin1_but_written_in_utf8_is_read_as_utf8()
    {
        var bytes = Encoding.UTF8.GetBytes("""<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Caf&#233;</title><item><title>Überblick – Märkte €</title><guid>1</guid></item></channel></rss>""");

        var feed = FeedParser.Parse(bytes, "ISO-8859-1", null, FetchedAt);

        Assert.Equal("Überblick – Märkte €", Assert.Single(feed.Items).Title);
    }

    [Fact]
    public void A_windows_1252_feed_is_decoded_by_its_declaration_and_the_http_charset_when_undeclared()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = """<?xml version="1.0" encoding="windows-1252"?><rss version="2.0"><channel><item><title>“Quoted” – 5 €</title><guid>1</guid></item></channel></rss>""";
        var bytes = Encoding.GetEncoding(1252).GetBytes(text);
        var undeclared = Encoding.GetEncoding(1252).GetBytes(text.Replace(" encoding=\"windows-1252\"", string.Empty, StringComparison.Ordinal));

        Assert.Equal("“Quoted” – 5 €", FeedParser.Parse(bytes, null, null, FetchedAt).Items[0].Title);
        Assert.Equal("“Quoted” – 5 €", FeedParser.Parse(undeclared, "windows-1252", null, FetchedAt).Items[0].Title);
    }

    [Fact]
    public void A_utf16_feed_with_a_byte_order_mark_is_decoded()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("""<?xml version="1.0" encoding="utf-16"?><rss version="2.0"><channel><item><title>Ether Ξ</title><guid>1</guid></item></channel></rss>""")).ToArray();

        Assert.Equal("Ether Ξ", FeedParser.Parse(bytes, "iso-8859-1", null, FetchedAt).Items[0].Title);
    }

    [Fact]
    public void Cdata_with_html_in_titles_and_descriptions_is_turned_into_plain_text()
    {
        var feed = Parse("""
            <rss version="2.0"><channel><title><![CDATA[<b>Bold</b> channel]]></title>
            <item><title><![CDATA[<em>Breaking:</em> ETH &amp; SOL <script>x()</script>rally]]></title><guid>1</guid>
            <description><![CDATA[<p>First&nbsp;para.</p><script>steal()</script><p>Second   para with <a href="https://x.example.com">a link</a>.</p>]]></description></item>
            </channel></rss>
            """);

        Assert.Equal("Bold channel", feed.Title);
        Assert.Equal("Breaking: ETH & SOL rally", feed.Items[0].Title);
        Assert.Equal("First para.\n\nSecond para with a link.", feed.Items[0].Text);
    }

    [Fact]
    public void One_entry_with_broken_markup_costs_only_that_entry()
    {
        var feed = Parse("""
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Half broken</title>
            <item><title>Good one</title><guid>1</guid><dc:creator>A</dc:creator></item>
            <item><title>Broken <b>one</title><guid>2</guid></item>
            <item><title>Good two</title><guid>3</guid></item>
            </channel></rss>
            """);

        Assert.Equal(["Good one", "Good two"], feed.Items.Select(i => i.Title));
        Assert.Equal("A", feed.Items[0].Author);
    }

    [Fact]
    public void Raw_unbalanced_html_in_descriptions_and_undeclared_prefixes_are_repaired()
    {
        var feed = Parse("""
            <rss version="2.0"><channel><title>Hand-written</title>
            <item><title>One</title><guid>1</guid><dc:creator>Ann</dc:creator><description><p>Line<br>next <img src="x.png"></p></description></item>
            <item><title>Two</title><guid>2</guid><description>Plain</description></item>
            </channel></rss>
            <!-- served by a debug build -->junk
            """);

        Assert.Equal(["One", "Two"], feed.Items.Select(i => i.Title));
        Assert.Equal("Ann", feed.Items[0].Author);
        Assert.Equal("Line\nnext", feed.Items[0].Text);
    }

    [Fact]
    public void A_truncated_download_keeps_the_complete_items()
    {
        var feed = Parse("""<rss version="2.0"><channel><title>Cut</title><item><title>Whole</title><guid>1</guid></item><item><title>Hal""");

        Assert.Equal("Whole", Assert.Single(feed.Items).Title);
    }

    [Fact]
    public void A_billion_laughs_document_is_refused_without_expanding_anything()
    {
        var error = Assert.Throws<FeedFormatException>(() => Parse("""
            <?xml version="1.0"?>
            <!DOCTYPE rss [
              <!ENTITY lol "lol">
              <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
              <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
              <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
              <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
            ]>
            <rss version="2.0"><channel><title>&lol9;</title></channel></rss>
            """));

        Assert.Contains("declares its own XML entities", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_external_entity_is_never_resolved()
    {
        var secret = Path.GetTempFileName();
        File.WriteAllText(secret, "TOP-SECRET-CONTENT");
        try
        {
            var error = Assert.Throws<FeedFormatException>(() => Parse($"""
                <?xml version="1.0"?>
                <!DOCTYPE rss [ <!ENTITY xxe SYSTEM "file://{secret}"> ]>
                <rss version="2.0"><channel><title>x</title><item><title>&xxe;</title><guid>1</guid></item></channel></rss>
                """));

            Assert.DoesNotContain("TOP-SECRET", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void A_document_over_the_character_cap_is_refused()
    {
        var big = "<rss version=\"2.0\"><channel><title>" + new string('x', 5000) + "</title></channel></rss>";

        var error = Assert.Throws<FeedFormatException>(() => FeedParser.Parse(big, null, FetchedAt, maxCharacters: 1000));

        Assert.Contains("1,000 characters", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<html><head><title>Home</title></head><body>hi</body></html>", "HTML page, not a feed")]
    [InlineData("<opml version=\"2.0\"><body/></opml>", "root element is <opml>")]
    [InlineData("this is not xml at all", "not readable XML")]
    [InlineData("   ", "empty")]
    public void A_document_that_is_not_a_feed_gives_a_clear_one_line_error(string text, string expected)
    {
        var error = Assert.Throws<FeedFormatException>(() => Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Relative_item_links_resolve_against_the_feed_url_without_xml_base()
    {
        var feed = FeedParser.Parse("""<rss version="2.0"><channel><item><title>x</title><link>/p/one</link></item></channel></rss>""", new Uri("https://news.example.com/feed/"), FetchedAt);

        Assert.Equal("https://news.example.com/p/one", feed.Items[0].Link);
    }

    private static ParsedFeed Parse(string text) => FeedParser.Parse(text, null, FetchedAt);

    private static ParsedFeed ParseFile(string name, string? url) =>
        FeedParser.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Feeds", "Documents", name)), null, url is null ? null : new Uri(url), FetchedAt);
}
