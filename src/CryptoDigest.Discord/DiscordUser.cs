namespace CryptoDigest.Discord;

internal sealed record DiscordUser(string Id);
