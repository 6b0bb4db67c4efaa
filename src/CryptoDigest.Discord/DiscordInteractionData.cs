namespace CryptoDigest.Discord;

internal sealed record DiscordInteractionData(string? Name, IReadOnlyList<DiscordInteractionOption>? Options, string? CustomId = null);
