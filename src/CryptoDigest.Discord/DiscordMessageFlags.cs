namespace CryptoDigest.Discord;

/// <summary>Message flags we use (https://discord.com/developers/docs/resources/message#message-object-message-flags).</summary>
public static class DiscordMessageFlags
{
    public const int Ephemeral = 1 << 6;
}
