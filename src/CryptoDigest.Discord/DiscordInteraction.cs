namespace CryptoDigest.Discord;

// Inbound interaction (https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object).
// Only the fields the bot reads; unknown fields are ignored.
internal sealed record DiscordInteraction(
    int Type,
    string? Id,
    string? ApplicationId,
    string? Token,
    string? GuildId,
    string? ChannelId,
    DiscordInteractionData? Data,
    DiscordMember? Member,
    DiscordUser? User,
    string? GuildLocale = null,
    string? Locale = null);
