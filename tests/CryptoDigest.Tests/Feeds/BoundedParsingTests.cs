using System.Text;
using CryptoDigest.Briefs;
using CryptoDigest.Feeds;
using CryptoDigest.Summaries;

namespace CryptoDigest.Tests.Feeds;

/// <summary>Hostile feed items cost bounded work: every cap is asserted as a count or a length, never as a duration.</summary>
public class BoundedParsingTests
{
    private static readonly DateTimeOffset FetchedAt = new(2025, 11, 18, 12, 0, 0, TimeSpan.Zero);

    private static string Rss(string item) =>
        $"""<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Hostile</title>{item}</channel></rss>""";

    [Fact]
    public void A_feed_item_nested_a_hundred_thousand_levels_deep_parses_to_its_text()
    {
        var html = string.Concat(Enumerable.Repeat("<div>", 100_000)) + "the deep fact" + string.Concat(Enumerable.Repeat("</div>", 100_000));
        var feed = FeedParser.Parse(Rss($"<item><title>Deep</title><guid>d</guid><content:encoded><![CDATA[{html}]]></content:encoded></item>"), null, FetchedAt);

        var item = Assert.Single(feed.Items);
        Assert.Equal("the deep fact", item.Text);
    }

    [Fact]
    public void An_items_text_is_cut_at_a_word_near_the_cap()
    {
        var html = "<p>" + string.Concat(Enumerable.Repeat("satoshi ", 50_000)) + "</p>";

        var text = HtmlText.ToText(html);

        Assert.InRange(text.Length, HtmlText.MaxTextLength - HtmlText.MaxWordCut, HtmlText.MaxTextLength);
        Assert.EndsWith("satoshi", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Markup_within_the_depth_cap_is_read_as_before()
    {
        var html = "<div><p>One <b>bold</b> line<br>next</p><script>if (a < b) { x(); }</script><ul><li>a<li>b</ul><!-- <div> --></div>";

        Assert.Equal("One bold line\nnext\n\na\nb", HtmlText.ToText(html));
    }

    [Fact]
    public void A_date_field_longer_than_the_cap_is_not_a_date_and_the_item_keeps_the_fetch_time()
    {
        var date = "Tue, 18 Nov 2025 10:00:00 GMT " + new string('x', 5_000);
        var feed = FeedParser.Parse(Rss($"<item><title>Long date</title><guid>l</guid><pubDate>{date}</pubDate></item>"), null, FetchedAt);

        Assert.Null(FeedDates.Parse(date));
        var item = Assert.Single(feed.Items);
        Assert.True(item.PublishedIsFetchTime);
    }

    [Fact]
    public void An_author_field_is_cut_to_the_cap()
    {
        var author = string.Concat(Enumerable.Repeat("Satoshi Nakamoto ", 2_000));
        var feed = FeedParser.Parse(Rss($"<item><title>Long author</title><guid>a</guid><author>{author}</author></item>"), null, FetchedAt);

        var item = Assert.Single(feed.Items);
        Assert.NotNull(item.Author);
        Assert.InRange(item.Author.Length, 1, FeedParser.MaxAuthorLength);
    }

    [Fact]
    public void A_feed_with_more_items_than_the_cap_keeps_the_newest_in_feed_order()
    {
        var items = Enumerable.Range(0, 300)
            .Select(i => new FeedItem($"id-{i}", $"Item {i}", null, FetchedAt.AddMinutes(i % 2 == 0 ? i : -i), false, null, "text"))
            .ToList();

        var kept = FeedIngestor.Newest(items, 100);

        Assert.Equal(100, kept.Count);
        // The newest 100 are the even items 100..298 (each later than every odd one).
        Assert.Equal(Enumerable.Range(50, 100).Select(i => $"id-{i * 2}"), kept.Select(i => i.Id));
    }

    [Fact]
    public void Sentence_splitting_is_linear_in_a_run_of_abbreviations()
    {
        // Every stop follows an abbreviation, so nothing ends a sentence: the old splitter reread the
        // growing sentence at each of the 100,000 stops.
        var text = string.Concat(Enumerable.Repeat("U.S. ", 100_000)) + "end.";

        var sentence = Assert.Single(ExtractiveSummarizer.SplitSentences(text));

        Assert.Equal(100_001, sentence.Split(' ').Length);
    }

    [Fact]
    public void Story_grouping_compares_at_most_its_cap_of_items_and_keeps_the_rest_as_their_own_stories()
    {
        var items = Enumerable.Range(0, StoryGrouper.MaxItems + 50).Select(i => (Source: $"source-{i}", Text: "ETF inflows lift bitcoin to a record")).ToList();

        var stories = StoryGrouper.Group(items, i => i.Text, i => i.Source);

        Assert.Equal(51, stories.Count);
        Assert.Equal(StoryGrouper.MaxItems, stories.Max(s => s.Count));
        Assert.Equal(items.Count, stories.Sum(s => s.Count));
    }

    [Fact]
    public void Story_grouping_never_puts_two_items_of_one_newsletter_in_one_story()
    {
        var items = new[] { ("A", "ETF inflows lift bitcoin"), ("B", "ETF inflows lift bitcoin"), ("A", "ETF inflows lift bitcoin again"), ("C", "Ether staking slows") };

        var stories = StoryGrouper.Group(items, i => i.Item2, i => i.Item1);

        Assert.All(stories, s => Assert.Equal(s.Count, s.Select(i => i.Item1).Distinct().Count()));
        Assert.Equal(3, stories.Count);
    }
}
