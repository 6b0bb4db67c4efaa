using CryptoDigest.Feeds;

namespace CryptoDigest.Tests.Feeds;

public class HtmlTextTests
{
    [Fact]
    public void Scripts_styles_and_forms_are_removed_and_entities_decoded()
    {
        var text = HtmlText.ToText("<style>p{}</style><p>Fees &amp; flows&nbsp;&#8212; up</p><script>evil()</script><form><input value=x></form>");

        Assert.Equal("Fees & flows \u2014 up", text);
    }

    [Fact]
    public void Blocks_become_paragraphs_list_items_lines_and_whitespace_collapses()
    {
        var text = HtmlText.ToText("<h2>Title</h2>\n\n<p>One\n   two</p><ul><li>a</li><li>b</li></ul>line<br>next");

        Assert.Equal("Title\n\nOne two\n\na\nb\n\nline\nnext", text);
    }

    [Theory]
    [InlineData("Why x < y matters", "Why x < y matters")]
    [InlineData("<b>Bold</b>   move", "Bold move")]
    [InlineData("AT&amp;T", "AT&T")]
    [InlineData("  spaced\n title ", "spaced title")]
    [InlineData("T \u0001 \u0000x", "T x")]
    public void Titles_lose_markup_but_keep_literal_text(string title, string expected)
    {
        Assert.Equal(expected, HtmlText.ToLine(title));
    }

    [Fact]
    public void Html_nested_a_hundred_thousand_levels_deep_keeps_its_text_and_walks_at_most_the_depth_cap()
    {
        var html = string.Concat(Enumerable.Repeat("<div><span>", 50_000)) + "core of the story" + string.Concat(Enumerable.Repeat("</span></div>", 50_000));

        var text = HtmlText.ToText(html, out var deepest);

        Assert.Equal("core of the story", text);
        Assert.True(deepest <= HtmlText.MaxDepth, $"walked {deepest} levels deep");
    }

    [Fact]
    public void Past_the_depth_cap_stray_brackets_comments_instructions_and_scripts_are_kept_and_the_dropped_tags_close_where_they_opened()
    {
        const int levels = HtmlText.MaxDepth + 44;
        var inner = "<p>1 < 2</p><script>var s = '<div><div>';</script><!-- <div> --><?pi x?><br/>after";
        var html = string.Concat(Enumerable.Repeat("<div>", levels)) + inner + string.Concat(Enumerable.Repeat("</div>", levels)) + "<p>outside</p>3 <";

        var body = HtmlText.ParseBounded(html).Body!;

        Assert.Equal(["div", "p"], body.Children.Select(e => e.LocalName));
        Assert.Equal("outside", body.Children[1].TextContent);
        Assert.Equal("1 < 2\n\nafter\n\noutside\n\n3 <", HtmlText.ToText(html));
    }
}
