using CryptoDigest.Operations;
using CryptoDigest.Replies;

namespace CryptoDigest.Tests.Operations;

/// <summary>Operators:AlertChat names a Telegram chat (negative for groups) or a Discord channel, nothing else.</summary>
public class AlertTargetTests
{
    [Theory]
    [InlineData("telegram:-1001234567890", ChatPlatform.Telegram, "-1001234567890")]
    [InlineData("Telegram:42", ChatPlatform.Telegram, "42")]
    [InlineData("discord:987654321012345678", ChatPlatform.Discord, "987654321012345678")]
    public void A_platform_and_an_id_name_the_alert_chat(string value, ChatPlatform platform, string chatId)
    {
        Assert.Equal(new AlertTarget(platform, chatId), AlertTarget.Parse(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1001234567890")]
    [InlineData("telegram:@channel")]
    [InlineData("telegram:0")]
    [InlineData("telegram:+42")]
    [InlineData("discord:-5")]
    [InlineData("slack:123")]
    [InlineData("telegram:1:2")]
    public void Anything_else_is_refused(string value)
    {
        Assert.Null(AlertTarget.Parse(value));
    }
}
