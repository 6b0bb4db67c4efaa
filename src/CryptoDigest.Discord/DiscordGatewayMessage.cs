namespace CryptoDigest.Discord;

// A message from MESSAGE_CREATE or MESSAGE_UPDATE (https://discord.com/developers/docs/resources/message#message-object):
// only the fields scanning reads. Content is empty when the Message Content intent is missing; edited_timestamp is
// null on the update Discord sends when it adds a link preview, which is not an edit.
internal sealed record DiscordGatewayMessage(
    string? Id,
    string? ChannelId,
    string? GuildId,
    string? Content,
    DiscordGatewayAuthor? Author,
    string? WebhookId,
    string? EditedTimestamp = null);
