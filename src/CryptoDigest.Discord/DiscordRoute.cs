using System.Security.Cryptography;
using System.Text;

namespace CryptoDigest.Discord;

/// <summary>
/// One REST route: the relative path, its template (safe to log: no tokens), the top-level resource
/// Discord rate-limits it by (https://discord.com/developers/docs/topics/rate-limits#rate-limits), and
/// whether it carries the bot token. Interaction webhooks carry their token in the path instead and
/// are exempt from the global limit.
/// </summary>
public sealed record DiscordRoute(string Path, string Template, string MajorParameter, bool UsesBotToken)
{
    public static DiscordRoute ChannelMessages(string channelId) =>
        new($"channels/{channelId}/messages", "channels/{channel}/messages", channelId, true);

    public static DiscordRoute ChannelMessage(string channelId, string messageId) =>
        new($"channels/{channelId}/messages/{messageId}", "channels/{channel}/messages/{message}", channelId, true);

    public static DiscordRoute GatewayBot() => new("gateway/bot", "gateway/bot", "gateway", true);

    public static DiscordRoute GlobalCommands(string applicationId) =>
        new($"applications/{applicationId}/commands", "applications/{app}/commands", applicationId, true);

    public static DiscordRoute GuildCommands(string applicationId, string guildId) =>
        new($"applications/{applicationId}/guilds/{guildId}/commands", "applications/{app}/guilds/{guild}/commands", guildId, true);

    public static DiscordRoute InteractionOriginal(string applicationId, string token) =>
        new($"webhooks/{applicationId}/{Uri.EscapeDataString(token)}/messages/@original", "webhooks/{app}/{token}/messages/@original", WebhookKey(applicationId, token), false);

    public static DiscordRoute InteractionFollowup(string applicationId, string token) =>
        new($"webhooks/{applicationId}/{Uri.EscapeDataString(token)}", "webhooks/{app}/{token}", WebhookKey(applicationId, token), false);

    // Webhook limits are per webhook id + token; a hash keeps the token itself out of our dictionaries.
    private static string WebhookKey(string applicationId, string token) =>
        applicationId + ":" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..16];
}
