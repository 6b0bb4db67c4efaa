using CryptoDigest.Replies;
using CryptoDigest.Telegram;

namespace CryptoDigest.Tests.Telegram;

/// <summary>An @name in untrusted text never becomes a Telegram mention (docs/telegram.md, "Mentions"), whatever block it is in.</summary>
public class TelegramMentionTests
{
    private const char Break = TelegramHtmlFormatter.MentionBreak;

    [Theory]
    [InlineData("@victim", "@\u200Dvictim")]
    [InlineData("ask @vitalik_eth and @a1 now", "ask @\u200Dvitalik_eth and @\u200Da1 now")]
    [InlineData("(@victim)", "(@\u200Dvictim)")]
    [InlineData("mail news@example.com", "mail news@example.com")]
    [InlineData("a lone @ sign", "a lone @ sign")]
    [InlineData("@@victim", "@@\u200Dvictim")]
    [InlineData("ends with @", "ends with @")]
    public void BreakMentions_puts_a_joiner_after_the_at_of_every_name_but_not_inside_an_address(string text, string expected)
    {
        Assert.Equal(expected, TelegramHtmlFormatter.BreakMentions(text));
    }

    [Fact]
    public void Format_breaks_mentions_in_headings_text_and_citation_titles_but_not_in_trusted_blocks()
    {
        var reply = new ChatReply([
            new ReplyBlock("Airdrop for @holders", "Claim it, @victim", [new Citation("Feed: ping @admin", new Uri("https://example.com/a"))]),
            new ReplyBlock(null, "Turn privacy mode off in @BotFather") { Trusted = true },
        ]);

        var part = Assert.Single(TelegramHtmlFormatter.Format(reply));

        Assert.Contains($"<b>Airdrop for @{Break}holders</b>", part.Html, StringComparison.Ordinal);
        Assert.Contains($"Claim it, @{Break}victim", part.Html, StringComparison.Ordinal);
        Assert.Contains($">Feed: ping @{Break}admin</a>", part.Html, StringComparison.Ordinal);
        Assert.Contains("in @BotFather", part.Html, StringComparison.Ordinal);
    }
}
