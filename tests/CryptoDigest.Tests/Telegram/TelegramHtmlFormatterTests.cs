using System.Text;
using System.Text.RegularExpressions;
using CryptoDigest.Replies;
using CryptoDigest.Telegram;

namespace CryptoDigest.Tests.Telegram;

public partial class TelegramHtmlFormatterTests
{
    [Fact]
    public void Model_output_with_html_and_ampersands_is_escaped_so_Telegram_shows_it_as_text()
    {
        var reply = ChatReply.Text("<p>BTC & ETH</p><br><ul><li>a > b</li></ul>&nbsp;<think>x</think>");

        var part = Assert.Single(TelegramHtmlFormatter.Format(reply));

        Assert.Equal("&lt;p&gt;BTC &amp; ETH&lt;/p&gt;&lt;br&gt;&lt;ul&gt;&lt;li&gt;a &gt; b&lt;/li&gt;&lt;/ul&gt;&amp;nbsp;&lt;think&gt;x&lt;/think&gt;", part.Html);
        Assert.Equal(reply.Blocks[0].Text, TelegramHtml.Parse(part.Html).PlainText);
    }

    [Fact]
    public void A_preformatted_table_goes_in_pre_with_its_text_escaped_and_its_spacing_kept()
    {
        var reply = new ChatReply([new ReplyBlock("Top 2", "#  coin  weight\n1  <B>   60.00 %\n2  A&B   40.00 %") { Preformatted = true }]);

        var part = Assert.Single(TelegramHtmlFormatter.Format(reply));

        Assert.Equal("<b>Top 2</b>\n<pre>#  coin  weight\n1  &lt;B&gt;   60.00 %\n2  A&amp;B   40.00 %</pre>", part.Html);
        Assert.Equal("Top 2\n#  coin  weight\n1  <B>   60.00 %\n2  A&B   40.00 %", part.PlainText);
    }

    [Fact]
    public void Headings_are_bold_and_citations_are_links_with_escaped_titles_and_urls()
    {
        var reply = new ChatReply([new ReplyBlock("Index <weights>", "Cap & equal.", [new Citation("Guide \"A&B\"", new Uri("https://example.com/a?x=1&y=2")), new Citation("Offline notes")])]);

        var part = Assert.Single(TelegramHtmlFormatter.Format(reply));

        Assert.Equal(
            "<b>Index &lt;weights&gt;</b>\nCap &amp; equal.\nSource: <a href=\"https://example.com/a?x=1&amp;y=2\">Guide \"A&amp;B\"</a>\nSource: Offline notes",
            part.Html);
        Assert.Null(TelegramHtml.Parse(part.Html).Error);
        Assert.Contains("Guide \"A&B\" (https://example.com/a?x=1&y=2)", part.PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_10000_character_reply_splits_into_parts_within_4096_code_points_with_the_text_intact()
    {
        var reply = LongReply(10_000);

        var parts = TelegramHtmlFormatter.Format(reply);

        Assert.True(parts.Count >= 3);
        var plainParts = new List<string>();
        foreach (var part in parts)
        {
            var (plain, error) = TelegramHtml.Parse(part.Html);
            Assert.Null(error);
            Assert.InRange(TelegramHtml.CodePoints(plain!), 1, 4096);
            Assert.True(Encoding.UTF8.GetByteCount(part.Html) <= 32_768);
            plainParts.Add(plain!);
        }

        Assert.Equal(Words(PlainTextOf(reply)), Words(string.Join(" ", plainParts)));
    }

    [Fact]
    public void Splitting_prefers_paragraph_boundaries()
    {
        var first = string.Join(' ', Enumerable.Repeat("alpha", 500)); // 2,999 characters
        var second = string.Join('\n', Enumerable.Repeat("beta line", 200)); // 1,999 characters
        var parts = TelegramHtmlFormatter.Format(new ChatReply([new ReplyBlock(null, first), new ReplyBlock(null, second)]));

        Assert.Equal(2, parts.Count);
        Assert.Equal(first, parts[0].Html);
        Assert.Equal(second, parts[1].Html);
    }

    [Fact]
    public void Without_paragraphs_splitting_uses_lines_then_words()
    {
        var lines = string.Join('\n', Enumerable.Repeat(new string('x', 99), 60)); // 60 lines of 99
        var parts = TelegramHtmlFormatter.Format(ChatReply.Text(lines));
        Assert.All(parts, p => Assert.All(p.Html.Split('\n'), l => Assert.Equal(99, l.Length)));

        var words = string.Join(' ', Enumerable.Repeat("word", 2000));
        var wordParts = TelegramHtmlFormatter.Format(ChatReply.Text(words));
        Assert.All(wordParts, p => Assert.All(p.Html.Split(' '), w => Assert.Equal("word", w)));
    }

    [Fact]
    public void Escapes_count_as_one_character_and_are_never_cut()
    {
        var text = string.Concat(Enumerable.Repeat("<&> ", 3000)); // 12,000 characters, 27,000 once escaped

        var parts = TelegramHtmlFormatter.Format(ChatReply.Text(text));

        Assert.Equal(3, parts.Count);
        Assert.All(parts, p => Assert.InRange(TelegramHtml.CodePoints(TelegramHtml.Parse(p.Html).PlainText!), 1, 4096));
    }

    [Fact]
    public void Emoji_are_never_split_and_parts_fit_however_a_server_counts_characters()
    {
        var text = string.Concat(Enumerable.Repeat("🚀", 5000)); // 10,000 UTF-16 units, 5,000 code points, no spaces

        var parts = TelegramHtmlFormatter.Format(ChatReply.Text(text));

        // Within 4096 UTF-16 units, hence within 4096 code points too.
        Assert.Equal([4096, 4096, 1808], parts.Select(p => p.Html.Length));
        Assert.Equal(text, string.Concat(parts.Select(p => p.Html)));
        Assert.All(parts, p => Assert.Equal(p.Html.Length / 2, TelegramHtml.CodePoints(p.Html)));
    }

    [Fact]
    public void A_link_cut_by_a_split_is_closed_in_one_part_and_reopened_in_the_next()
    {
        var title = string.Join(' ', Enumerable.Repeat("title", 1000)); // 5,999 characters
        var reply = new ChatReply([new ReplyBlock(null, "Read:", [new Citation(title, new Uri("https://example.com/x"))])]);

        var parts = TelegramHtmlFormatter.Format(reply);

        // "Read:" alone (the line break is preferred), then the long link line split between words.
        Assert.Equal(3, parts.Count);
        Assert.All(parts, p => Assert.Null(TelegramHtml.Parse(p.Html).Error));
        Assert.EndsWith("</a>", parts[1].Html, StringComparison.Ordinal);
        Assert.StartsWith("<a href=\"https://example.com/x\">", parts[2].Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_long_links_stay_under_the_raw_size_limit()
    {
        var url = new Uri("https://example.com/" + new string('p', 1500));
        var citations = Enumerable.Range(0, 60).Select(i => new Citation($"Source {i}", url)).ToList();

        var parts = TelegramHtmlFormatter.Format(new ChatReply([new ReplyBlock(null, "Sources", citations)]));

        Assert.True(parts.Count >= 3);
        Assert.All(parts, p => Assert.True(Encoding.UTF8.GetByteCount(p.Html) <= 32_768));
    }

    [Fact]
    public void White_space_only_replies_give_no_parts_and_control_characters_are_dropped()
    {
        Assert.Empty(TelegramHtmlFormatter.Format(ChatReply.Text(" \n\n \t")));
        Assert.Equal("a\nb\nc", Assert.Single(TelegramHtmlFormatter.Format(ChatReply.Text("a\r\nb\rc\u0000"))).Html);
    }

    [Fact]
    public void Captions_split_at_1024_characters()
    {
        var parts = TelegramHtmlFormatter.FormatText(string.Join(' ', Enumerable.Repeat("chart", 400)), TelegramHtmlFormatter.CaptionLimit);

        Assert.Equal(3, parts.Count);
        Assert.All(parts, p => Assert.True(TelegramHtml.CodePoints(p.Html) <= 1024));
    }

    internal static ChatReply LongReply(int characters)
    {
        // Sentences with markup-like model output, ampersands, emoji and links, in paragraphs of varying length.
        var sentences = new[]
        {
            "Bitcoin & Ether rose <5%> this week, per the <b>weekly</b> note.",
            "Equal weighting rebalances often; cap weighting lets winners run 🚀.",
            "Phishing sites copy wallet pages: check the domain & never share a seed.",
        };
        var blocks = new List<ReplyBlock>();
        var length = 0;
        var n = 0;
        while (length < characters)
        {
            var text = string.Join(n % 3 == 0 ? "\n" : " ", Enumerable.Range(0, 4 + (n % 7)).Select(i => sentences[(n + i) % 3]));
            var block = new ReplyBlock($"Item {n}", text, [new Citation($"Newsletter {n}", new Uri($"https://example.com/issue/{n}?a=1&b=2"))]);
            blocks.Add(block);
            length += text.Length + 40;
            n++;
        }

        return new ChatReply(blocks);
    }

    internal static string PlainTextOf(ChatReply reply) =>
        string.Join("\n\n", reply.Blocks.Select(b => $"{b.Heading}\n{b.Text}" + string.Concat(b.Citations.Select(c => $"\nSource: {c.Title}"))));

    internal static string[] Words(string text) => WhiteSpace().Split(text.Trim());

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [Theory]
    [InlineData("en", "Source: ")]
    [InlineData("es", "Fuente: ")]
    [InlineData("ru", "Источник: ")]
    public void A_citation_is_labelled_in_the_replys_language(string language, string label)
    {
        var reply = new ChatReply([new ReplyBlock(null, "Read:", [new Citation("Kaiko", new Uri("https://example.com/k"))])]) { Language = language };

        var html = string.Concat(TelegramHtmlFormatter.Format(reply).Select(p => p.Html));

        Assert.Contains(label, html, StringComparison.Ordinal);
    }
}
