using CryptoDigest.Chat;

namespace CryptoDigest.Tests.Chat;

public class ChatCommandParserTests
{
    [Theory]
    [InlineData("/start", "start", "")]
    [InlineData("/help", "help", "")]
    [InlineData("/brief", "brief", "")]
    [InlineData("/digest glassnode", "digest", "glassnode")]
    [InlineData("/index why market cap weighting", "index", "why market cap weighting")]
    [InlineData("/security how do I store bitcoin safely", "security", "how do I store bitcoin safely")]
    [InlineData("/ask is bitcoin safe", "ask", "is bitcoin safe")]
    [InlineData("/subscribe 08:00 Europe/Berlin", "subscribe", "08:00 Europe/Berlin")]
    [InlineData("/unsubscribe", "unsubscribe", "")]
    [InlineData("/sources", "sources", "")]
    public void Every_command_is_parsed_into_its_name_and_argument(string text, string command, string argument)
    {
        var parsed = ChatCommandParser.Parse(text, "CryptoDigestBot");

        Assert.Equal(command, parsed.Command);
        Assert.Equal(argument, parsed.Argument);
        Assert.False(parsed.IsForAnotherBot);
    }

    [Theory]
    [InlineData("/help@CryptoDigestBot")]
    [InlineData("/help@cryptodigestbot")]
    [InlineData("/HELP@CryptoDigestBot")]
    [InlineData("  /help@CryptoDigestBot  ")]
    public void A_command_addressed_to_this_bot_is_parsed(string text)
    {
        var parsed = ChatCommandParser.Parse(text, "CryptoDigestBot");

        Assert.Equal("help", parsed.Command);
        Assert.False(parsed.IsForAnotherBot);
    }

    [Fact]
    public void A_command_addressed_to_this_bot_keeps_its_argument()
    {
        var parsed = ChatCommandParser.Parse("/index@CryptoDigestBot  equal weight\nrebalancing ", "CryptoDigestBot");

        Assert.Equal("index", parsed.Command);
        Assert.Equal("equal weight\nrebalancing", parsed.Argument);
    }

    [Fact]
    public void A_command_addressed_to_another_bot_is_marked_as_such()
    {
        var parsed = ChatCommandParser.Parse("/help@SomeOtherBot", "CryptoDigestBot");

        Assert.Equal("help", parsed.Command);
        Assert.True(parsed.IsForAnotherBot);
    }

    [Theory]
    [InlineData("is bitcoin safe?")]
    [InlineData("/ hello")]
    [InlineData("/usr/bin/env")]
    [InlineData("/🙂")]
    [InlineData("/")]
    public void Text_that_is_not_a_command_is_plain_text(string text)
    {
        var parsed = ChatCommandParser.Parse(text, "CryptoDigestBot");

        Assert.False(parsed.IsCommand);
        Assert.Equal(text.Trim(), parsed.Argument);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty_text_is_empty_plain_text(string? text)
    {
        var parsed = ChatCommandParser.Parse(text);

        Assert.False(parsed.IsCommand);
        Assert.Equal(string.Empty, parsed.Argument);
    }

    [Fact]
    public void A_command_name_longer_than_telegram_allows_is_not_a_command()
    {
        var parsed = ChatCommandParser.Parse("/" + new string('a', 33));

        Assert.False(parsed.IsCommand);
    }
}
