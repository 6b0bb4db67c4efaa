using CryptoDigest.Chat;
using CryptoDigest.Replies;

namespace CryptoDigest.Tests.Chat;

public class ChatRouterTests
{
    [Fact]
    public async Task Every_command_in_help_has_a_registered_handler_and_every_registered_handler_is_in_help()
    {
        var help = Assert.Single((await TestServices.AskAsync("/help")).Blocks).Text;
        var listed = help.Split('\n').Select(line => line[1..line.IndexOfAny([' ', '\t'])]).ToList();
        var handled = TestServices.Router.Commands.Select(c => c.Name).ToList();

        Assert.Equal(ChatCommands.All.Count, listed.Count);
        Assert.True(listed.Except(handled).ToList() is [], "In /help without a handler (register it in AddChat): " + string.Join(", ", listed.Except(handled)));
        Assert.True(handled.Except(listed).ToList() is [], "Handled but missing from /help (add its entry to ChatCommands.All): " + string.Join(", ", handled.Except(listed)));
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

    [Theory]
    [InlineData("/subscribe 08:00 UTC", "/subscribe")]
    [InlineData("/unsubscribe", "/unsubscribe")]
    [InlineData("/security scan on", "link scanning")]
    public async Task A_use_that_needs_an_admin_gets_the_commands_one_refusal(string text, string named)
    {
        var reply = await TestServices.AskAsync(text, isAdmin: false);

        var refusal = Assert.Single(reply.Blocks).Text;
        Assert.Equal(ChatCommands.RefusalFor(ChatCommandParser.Parse(text).Command), refusal);
        Assert.Contains(named, refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_text_is_answered_like_ask()
    {
        var plain = await TestServices.AskAsync("is bitcoin safe to hold on an exchange");
        var ask = await TestServices.AskAsync("/ask is bitcoin safe to hold on an exchange");

        Assert.Equal(PlainTextRenderer.Render(ask), PlainTextRenderer.Render(plain));
    }
}
