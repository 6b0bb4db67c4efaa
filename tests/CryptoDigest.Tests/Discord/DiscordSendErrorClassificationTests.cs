using CryptoDigest.Discord;
using CryptoDigest.Replies;

namespace CryptoDigest.Tests.Discord;

/// <summary>
/// What a Discord answer means for a channel (docs/discord.md, "Errors"): only missing access and an unknown channel
/// end its subscription, as Telegram's blocked, kicked and not-found do; a missing permission refuses one message.
/// </summary>
public class DiscordSendErrorClassificationTests
{
    [Theory]
    [InlineData(403, """{"message": "Missing Access", "code": 50001}""", SendOutcome.ChatGone)]
    [InlineData(404, """{"message": "Unknown Channel", "code": 10003}""", SendOutcome.ChatGone)]
    [InlineData(403, """{"message": "Missing Permissions", "code": 50013}""", SendOutcome.Rejected)]
    [InlineData(403, """{"message": "Cannot send messages in a non-text channel", "code": 50008}""", SendOutcome.Rejected)]
    [InlineData(403, "<html>Forbidden</html>", SendOutcome.Rejected)]
    [InlineData(404, """{"message": "404: Not Found", "code": 0}""", SendOutcome.Rejected)]
    [InlineData(400, """{"message": "Invalid Form Body", "code": 50035}""", SendOutcome.Rejected)]
    [InlineData(429, """{"message": "You are being rate limited.", "retry_after": 1.5, "global": false}""", SendOutcome.Failed)]
    [InlineData(502, "", SendOutcome.Failed)]
    [InlineData(401, """{"message": "401: Unauthorized", "code": 0}""", SendOutcome.Failed)]
    public void Classify_a_refusal_ends_the_subscription_only_for_missing_access_or_an_unknown_channel(int status, string body, SendOutcome expected)
    {
        Assert.Equal(expected, DiscordChannelSender.Classify(new DiscordResponse(status, body)));
    }
}
