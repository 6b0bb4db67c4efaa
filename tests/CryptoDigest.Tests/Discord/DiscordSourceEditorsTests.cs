using System.Text.Json;
using CryptoDigest.Discord;

namespace CryptoDigest.Tests.Discord;

/// <summary>Discord interactions carry the sender's user id, which is what Feeds:SourceEditors lists.</summary>
public class DiscordSourceEditorsTests
{
    [Theory]
    [InlineData("""{"type":2,"channel_id":"11","data":{"name":"sources","options":[{"name":"edit","type":3,"value":"add https://feeds.example.com/feed"}]},"member":{"permissions":"68608","user":{"id":"987654321012345678"}}}""", false)]
    [InlineData("""{"type":2,"channel_id":"12","data":{"name":"sources","options":[{"name":"edit","type":3,"value":"add https://feeds.example.com/feed"}]},"user":{"id":"987654321012345678"}}""", true)]
    public async Task A_listed_Discord_editor_is_recognised_by_user_id_in_a_server_and_in_a_direct_message(string body, bool directMessage)
    {
        var interaction = JsonSerializer.Deserialize<DiscordInteraction>(body, DiscordJson.Options)!;

        var request = DiscordInteractionHandler.ToChatRequest(interaction, "sources");
        var reply = await TestServices.AskAsync(request with { Argument = "add http://127.0.0.1:9/feed" });

        Assert.Equal("discord:987654321012345678", request.Sender);
        Assert.Equal("add https://feeds.example.com/feed", request.Argument);
        Assert.Equal(directMessage, request.IsChatAdmin);
        // Past the editor rule: the SSRF guard refuses the loopback address before any connection.
        Assert.StartsWith("Not added:", reply.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Discord_moderator_who_is_not_listed_is_refused()
    {
        var interaction = JsonSerializer.Deserialize<DiscordInteraction>(
            """{"type":2,"channel_id":"11","data":{"name":"sources","options":[{"name":"edit","type":3,"value":"remove Lyn Alden"}]},"member":{"permissions":"68624","user":{"id":"1400000000000000001"}}}""",
            DiscordJson.Options)!;

        var request = DiscordInteractionHandler.ToChatRequest(interaction, "sources");
        var reply = await TestServices.AskAsync(request);

        Assert.True(request.IsChatAdmin);
        Assert.StartsWith("Only the bot's source editors", reply.ToString(), StringComparison.Ordinal);
    }
}
