using System.Text.Json;
using CryptoDigest.Discord;
using CryptoDigest.Replies;

namespace CryptoDigest.Tests.Discord;

public class DiscordMessageRendererTests
{
    [Fact]
    public void Render_a_reply_of_9000_characters_is_split_into_messages_within_every_limit()
    {
        var words = string.Join(' ', Enumerable.Range(0, 2000).Select(i => $"w{i % 1000:D3}"));
        var reply = new ChatReply([new ReplyBlock("Today's brief", words[..9000], [new Citation("Bankless", new Uri("https://bankless.example.com/"))])]);

        var messages = DiscordMessageRenderer.Render(reply);

        Assert.True(messages.Count >= 2);
        AssertWithinLimits(messages);
        var text = string.Join(' ', messages.SelectMany(m => m.Embeds!).Select(e => e.Description));
        Assert.Equal(words[..9000].Split(' ', StringSplitOptions.RemoveEmptyEntries), text.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("Today's brief", messages[0].Embeds![0].Title);
        Assert.Equal("Source: Bankless", messages[^1].Embeds![^1].Footer!.Text);
    }

    [Fact]
    public void Render_a_preformatted_table_goes_in_a_code_block_unescaped_and_a_fence_in_it_cannot_close_it()
    {
        var reply = new ChatReply([new ReplyBlock("Top 2", "#  coin_a  weight\n1  *BTC*  ```  60.00 %") { Preformatted = true }, new ReplyBlock(null, "Data: sample.")]);

        var embed = DiscordMessageRenderer.Render(reply).SelectMany(m => m.Embeds!).First();

        Assert.Equal("```\n#  coin_a  weight\n1  *BTC*  \'\'\'  60.00 %\n```", embed.Description);
    }

    [Fact]
    public void Render_an_image_goes_last_in_a_message_of_its_own_with_the_file_and_its_caption()
    {
        var reply = new ChatReply([new ReplyBlock("Index", "Weights this week.")], new ReplyImage(new byte[] { 1, 2, 3 }, "Weights *today* @everyone"));

        var messages = DiscordMessageRenderer.Render(reply);

        Assert.Equal(2, messages.Count);
        Assert.Null(messages[0].File);
        var chart = messages[1];
        Assert.Equal(("chart.png", "image/png"), (chart.File!.FileName, chart.File.ContentType));
        Assert.Equal([1, 2, 3], chart.File.Content.ToArray());
        Assert.Equal(new DiscordAttachment(0, "chart.png", "Weights *today* @everyone"), Assert.Single(chart.Attachments!));
        var embed = Assert.Single(chart.Embeds!);
        Assert.Equal("attachment://chart.png", embed.Image!.Url);
        Assert.Equal(DiscordMarkdown.Escape("Weights *today* @everyone"), embed.Description);
        Assert.DoesNotContain("\"file\"", JsonSerializer.Serialize(chart, new JsonSerializerOptions(JsonSerializerDefaults.Web)), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_many_blocks_put_at_most_ten_embeds_in_a_message()
    {
        var reply = new ChatReply(Enumerable.Range(1, 23).Select(i => new ReplyBlock($"Item {i}", "Short text.")).ToList());

        var messages = DiscordMessageRenderer.Render(reply);

        Assert.Equal([10, 10, 3], messages.Select(m => m.Embeds!.Count));
        AssertWithinLimits(messages);
    }

    [Fact]
    public void Render_long_text_without_spaces_is_cut_hard_within_the_limits()
    {
        var messages = DiscordMessageRenderer.Render(new ChatReply([new ReplyBlock(null, new string('x', 9000), [new Citation("A")])]));

        AssertWithinLimits(messages);
        Assert.Equal(9000, messages.SelectMany(m => m.Embeds!).Sum(e => e.Description?.Length ?? 0));
    }

    [Fact]
    public void Render_a_short_plain_answer_is_message_content()
    {
        var messages = DiscordMessageRenderer.Render(ChatReply.Text("Usage: /index <question>"));

        var message = Assert.Single(messages);
        Assert.Equal(@"Usage: /index \<question\>", message.Content);
        Assert.Null(message.Embeds);
    }

    [Fact]
    public void Render_everyone_and_here_in_newsletter_text_cannot_ping_anyone()
    {
        var reply = new ChatReply([new ReplyBlock("@everyone airdrop", "Hey @everyone and @here, claim now <@&123456> <@42>", [new Citation("@everyone news")])]);

        var messages = DiscordMessageRenderer.Render(reply);

        var json = JsonSerializer.Serialize(messages[0], DiscordJson.Options);
        Assert.Contains("\"allowed_mentions\":{\"parse\":[]}", json, StringComparison.Ordinal);
        var embed = messages[0].Embeds![0];
        foreach (var text in new[] { embed.Title!, embed.Description!, embed.Footer!.Text })
        {
            Assert.DoesNotContain("@everyone", text, StringComparison.Ordinal);
            Assert.DoesNotContain("@here", text, StringComparison.Ordinal);
        }

        // Escaped, role and user mentions show as text instead of rendering.
        Assert.Contains(@"\<@&123456\> \<@42\>", embed.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_plain_content_also_carries_empty_allowed_mentions()
    {
        var message = Assert.Single(DiscordMessageRenderer.Render(ChatReply.Text("ping @everyone")));

        Assert.Empty(message.AllowedMentions.Parse);
        Assert.DoesNotContain("@everyone", message.Content, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("**bold**", @"\*\*bold\*\*")]
    [InlineData("[click](https://evil.example.com)", @"\[click\]\(https://evil.example.com\)")]
    [InlineData("__x__ ~~y~~ ||z|| `c`", @"\_\_x\_\_ \~\~y\~\~ \|\|z\|\| \`c\`")]
    [InlineData("# Heading\n> quote\n- item", "\\# Heading\n\\> quote\n\\- item")]
    [InlineData(@"back\slash", @"back\\slash")]
    public void Escape_markdown_in_untrusted_text_shows_literally(string text, string expected)
    {
        Assert.Equal(expected, DiscordMarkdown.Escape(text));
    }

    [Fact]
    public void Render_citation_links_become_masked_links_with_escaped_titles()
    {
        var reply = new ChatReply([new ReplyBlock("Hacks", "Text", [new Citation("Rekt *News*", new Uri("https://rekt.example.com/a_(b)")), new Citation("Book")])]);

        var embed = Assert.Single(Assert.Single(DiscordMessageRenderer.Render(reply)).Embeds!);

        var field = Assert.Single(embed.Fields!);
        Assert.Equal(@"[Rekt \*News\*](https://rekt.example.com/a_%28b%29)", field.Value);
        Assert.Equal("Sources: Rekt *News* · Book", embed.Footer!.Text);
    }

    [Fact]
    public void Split_never_separates_an_escape_from_its_character()
    {
        var text = new string('a', 9) + @"\*" + "bbbb";

        var chunks = DiscordMessageRenderer.Split(text, 10);

        Assert.All(chunks, c => Assert.True(c.Length <= 10));
        Assert.Equal(@"aaaaaaaaa", chunks[0]);
        Assert.StartsWith(@"\*", chunks[1], StringComparison.Ordinal);
    }

    private static void AssertWithinLimits(IReadOnlyList<DiscordMessage> messages)
    {
        foreach (var message in messages)
        {
            Assert.True((message.Content?.Length ?? 0) <= 2000);
            var embeds = message.Embeds ?? [];
            Assert.True(embeds.Count <= 10);
            Assert.True(embeds.Sum(e => e.Length) <= 6000, $"embeds total {embeds.Sum(e => e.Length)}");
            Assert.All(embeds, e => Assert.True((e.Description?.Length ?? 0) <= 4096));
            Assert.All(embeds, e => Assert.True((e.Title?.Length ?? 0) <= 256));
            Assert.Empty(message.AllowedMentions.Parse);
        }
    }
}
