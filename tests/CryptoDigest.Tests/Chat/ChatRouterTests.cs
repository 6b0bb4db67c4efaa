using CryptoDigest.Chat;
using CryptoDigest.Replies;

namespace CryptoDigest.Tests.Chat;

public class ChatRouterTests
{
    [Fact]
    public async Task Help_lists_every_command_with_its_usage()
    {
        var reply = await TestServices.AskAsync("/help");

        var text = PlainTextRenderer.Render(reply);
        foreach (var command in ChatCommands.All)
        {
            Assert.Contains(command.Usage, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Start_greets_and_lists_the_commands()
    {
        var text = PlainTextRenderer.Render(await TestServices.AskAsync("/start"));

        Assert.Contains("CryptoDigest", text, StringComparison.Ordinal);
        Assert.Contains("/security <question>", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/index why market cap weighting")]
    [InlineData("/security how do I store bitcoin safely")]
    [InlineData("/ask is bitcoin safe to hold on an exchange")]
    [InlineData("what is two-factor authentication")]
    public async Task Questions_are_answered_with_passages_that_name_their_source(string text)
    {
        var reply = await TestServices.AskAsync(text);

        var cited = reply.Blocks.Where(b => b.Citations.Count > 0).ToList();
        Assert.NotEmpty(cited);
        Assert.All(cited, b => Assert.StartsWith("Token Metrics, \"", b.Citations[0].Title, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Index_answers_end_with_a_not_financial_advice_note()
    {
        var reply = await TestServices.AskAsync("/index how often should an index rebalance");

        Assert.Contains(reply.Blocks, b => b.Text == KnowledgeReplyFormatter.NotFinancialAdvice);
        Assert.Contains(reply.Blocks, b => b.Text == KnowledgeReplyFormatter.Freshness);
    }

    [Fact]
    public async Task Security_answers_warn_against_sharing_seed_phrases()
    {
        var reply = await TestServices.AskAsync("/security what is a hardware wallet");

        Assert.Contains(reply.Blocks, b => b.Text == KnowledgeReplyFormatter.SeedPhraseWarning);
    }

    [Theory]
    [InlineData("/index", "Usage: /index <question>")]
    [InlineData("/security   ", "Usage: /security <question>")]
    [InlineData("/ask", "Usage: /ask <question>")]
    public async Task A_question_command_without_a_question_gets_its_usage_line(string text, string usage)
    {
        var reply = await TestServices.AskAsync(text);

        Assert.StartsWith(usage, Assert.Single(reply.Blocks).Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/nonsense")]
    [InlineData("/nonsense@CryptoDigestBot with words")]
    public async Task An_unknown_command_gets_a_pointer_to_help(string text)
    {
        var reply = await TestServices.AskAsync(text);

        var block = Assert.Single(reply.Blocks);
        Assert.Contains("I don't know /nonsense", block.Text, StringComparison.Ordinal);
        Assert.Contains("/help", block.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sources_lists_the_configured_newsletters_with_their_status()
    {
        var reply = await TestServices.AskAsync("/sources");

        var block = Assert.Single(reply.Blocks);
        Assert.Equal("Newsletter sources", block.Heading);
        Assert.Contains("• Lyn Alden - Macro. Not fetched yet.", block.Text, StringComparison.Ordinal);
        Assert.Contains("• Delphi Digital - Thematic research. No public feed, so not fetched.", block.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/sources add https://example.com/feed", true)]
    [InlineData("/sources remove Lyn Alden", false)]
    public async Task Sources_cannot_be_edited_in_chat_unless_the_operator_allows_it(string text, bool isAdmin)
    {
        var reply = await TestServices.AskAsync(text, isAdmin);

        Assert.Contains("managed by the bot's operator", reply.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_question_with_no_matching_knowledge_says_so()
    {
        var reply = await TestServices.AskAsync("/security zzzqqq xxyyzz");

        Assert.Contains("nothing on that", Assert.Single(reply.Blocks).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_text_is_answered_like_ask()
    {
        var plain = await TestServices.AskAsync("is bitcoin safe to hold on an exchange");
        var ask = await TestServices.AskAsync("/ask is bitcoin safe to hold on an exchange");

        Assert.Equal(PlainTextRenderer.Render(ask), PlainTextRenderer.Render(plain));
    }
}
