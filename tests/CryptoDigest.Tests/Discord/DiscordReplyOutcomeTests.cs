using CryptoDigest.Discord;
using CryptoDigest.Replies;

namespace CryptoDigest.Tests.Discord;

/// <summary>
/// How a message through an interaction webhook is counted: a 404 there means the interaction's token is gone,
/// not the channel, so it is a failure and never "chat gone" (which would stop a channel's brief).
/// </summary>
public class DiscordReplyOutcomeTests
{
    [Theory]
    [InlineData(200, SendOutcome.Sent)]
    [InlineData(204, SendOutcome.Sent)]
    [InlineData(0, SendOutcome.Failed)]
    [InlineData(401, SendOutcome.Failed)]
    [InlineData(403, SendOutcome.Failed)]
    [InlineData(404, SendOutcome.Failed)]
    [InlineData(429, SendOutcome.Failed)]
    [InlineData(502, SendOutcome.Failed)]
    [InlineData(400, SendOutcome.Rejected)]
    [InlineData(413, SendOutcome.Rejected)]
    public void ReplyOutcome_StatusCode_IsCountedAs(int status, SendOutcome expected)
    {
        var outcome = DiscordInteractionHandler.ReplyOutcome(new DiscordResponse(status, "{}"));

        Assert.Equal(expected, outcome);
    }
}
