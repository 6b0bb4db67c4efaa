using System.Text.Json;
using CryptoDigest.Discord;

namespace CryptoDigest.Tests.Discord;

/// <summary>Link scanning is a whole server's setting: turning it on or off takes Manage Server, and it is kept under the guild.</summary>
public class DiscordScanPermissionTests
{
    [Theory]
    [InlineData("68624", "scan on", false)] // Manage Channels is not enough to change a server's scanning
    [InlineData("68640", "scan on", true)] // Manage Server
    [InlineData("8", "scan off", true)] // Administrator
    [InlineData("68624", "how do I store bitcoin", true)] // other uses keep the Manage Channels rule
    public void Turning_scanning_on_or_off_takes_manage_server(string permissions, string argument, bool admin)
    {
        var request = DiscordInteractionHandler.ToChatRequest(Interaction(permissions, argument), "security");

        Assert.Equal(admin, request.IsChatAdmin);
        Assert.Equal("1000000000000000001", request.ServerId);
        Assert.Equal("11", request.ChatId);
    }

    private static DiscordInteraction Interaction(string permissions, string argument) => JsonSerializer.Deserialize<DiscordInteraction>(
        JsonSerializer.Serialize(new
        {
            type = 2,
            guild_id = "1000000000000000001",
            channel_id = "11",
            data = new { name = "security", options = new[] { new { name = "question", type = 3, value = argument } } },
            member = new { permissions, user = new { id = "1400000000000000001" } },
        }),
        DiscordJson.Options)!;
}
