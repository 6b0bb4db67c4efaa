namespace CryptoDigest.Discord;

// A message's author as the gateway sends it; "bot" is true for bot users (and absent otherwise).
internal sealed record DiscordGatewayAuthor(string? Id, bool? Bot);
