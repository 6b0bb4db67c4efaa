namespace CryptoDigest.Discord;

/// <summary>
/// The gateway intents the bot asks for (https://discord.com/developers/docs/events/gateway#gateway-intents), and no
/// others: servers (GUILDS), their messages (GUILD_MESSAGES) and, privileged, the text of those messages (MESSAGE_CONTENT).
/// </summary>
internal static class DiscordGatewayIntents
{
    public const int Guilds = 1 << 0;
    public const int GuildMessages = 1 << 9;
    public const int MessageContent = 1 << 15;

    /// <summary>What IDENTIFY sends: 33281.</summary>
    public const int Requested = Guilds | GuildMessages | MessageContent;
}
