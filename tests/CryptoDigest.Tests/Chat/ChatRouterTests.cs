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
    [InlineData(ChatPlatform.Console, "user-1", "chat-1", true, "/sources add https://feeds.example.com/feed")]
    [InlineData(ChatPlatform.Console, "user-1", "chat-1", false, "/sources remove Lyn Alden")]
    [InlineData(ChatPlatform.Telegram, "77", "-1001", true, "/sources add https://feeds.example.com/feed")]
    [InlineData(ChatPlatform.Telegram, "77", "77", true, "/sources add https://feeds.example.com/feed")]
    [InlineData(ChatPlatform.Discord, "4242", "1", true, "/sources remove Lyn Alden")]
    [InlineData(ChatPlatform.Telegram, "42420", "-1001", true, "/sources add https://feeds.example.com/feed")]
    public async Task Sources_cannot_be_edited_by_anyone_the_operator_has_not_listed_even_a_chat_admin(ChatPlatform platform, string userId, string chatId, bool isAdmin, string text)
    {
        // A group admin, a private chat's only member, and the listed editor's id on another platform: all refused.
        var reply = await TestServices.AskAsync(ChatRequest.FromText(platform, chatId, userId, isAdmin, ChatCommandParser.Parse(text, "CryptoDigestBot")));

        Assert.StartsWith("Only the bot's source editors can add or remove sources", reply.ToString(), StringComparison.Ordinal);
        Assert.Contains("Feeds:SourceEditors", reply.ToString(), StringComparison.Ordinal);
        Assert.Contains("Lyn Alden", (await TestServices.AskAsync("/sources")).ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/sources add http://127.0.0.1:9/feed", "Not added:")]
    [InlineData("/sources remove Lyn Alden", "Not removed:")]
    [InlineData("/sources add", "Usage: /sources add")]
    public async Task A_listed_source_editor_gets_past_the_rule_even_as_a_plain_member(string text, string expected)
    {
        // The loopback address is refused by the SSRF guard before any connection: that answer comes only after the rule.
        var reply = await TestServices.AskAsync(ChatRequest.FromText(ChatPlatform.Telegram, "-1001", "4242", false, ChatCommandParser.Parse(text, "CryptoDigestBot")));

        Assert.StartsWith(expected, reply.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_console_chat_is_the_operator_and_may_edit_sources()
    {
        var request = ChatRequest.FromText(ChatPlatform.Console, "console", "someone", true, ChatCommandParser.Parse("/sources remove Lyn Alden")) with { IsOperator = true };

        var reply = await TestServices.AskAsync(request);

        Assert.StartsWith("Not removed:", reply.ToString(), StringComparison.Ordinal);
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
