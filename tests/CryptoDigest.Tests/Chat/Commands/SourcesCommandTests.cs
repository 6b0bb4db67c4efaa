using CryptoDigest.Chat;
using CryptoDigest.Replies;

namespace CryptoDigest.Tests.Chat.Commands;

public class SourcesCommandTests
{
    [Fact]
    public void The_model_is_offered_no_function_that_lists_adds_removes_or_fetches_a_source()
    {
        // The listing is /sources' alone (Feeds' SourceListing); no plugin of the kernel touches the sources.
        var functions = TestServices.Plugins.SelectMany(p => p.Select(f => $"{p.Name}.{f.Name}")).ToList();

        Assert.Equal(["Archive", "Indices", "Newsletters", "Security"], TestServices.Plugins.Select(p => p.Name).Order());
        Assert.DoesNotContain(functions, f => f.Contains("source", StringComparison.OrdinalIgnoreCase)
            || f.Contains("add", StringComparison.OrdinalIgnoreCase)
            || f.Contains("remove", StringComparison.OrdinalIgnoreCase)
            || f.Contains("fetch", StringComparison.OrdinalIgnoreCase));
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
}
