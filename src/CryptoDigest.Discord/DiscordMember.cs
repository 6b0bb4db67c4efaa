namespace CryptoDigest.Discord;

internal sealed record DiscordMember(string? Permissions, DiscordUser? User);
