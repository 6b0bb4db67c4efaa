namespace CryptoDigest.Discord;

// GET /gateway/bot (https://discord.com/developers/docs/events/gateway#get-gateway-bot): where to connect, and how many
// new sessions the bot may still start before reset_after (milliseconds).
internal sealed record DiscordGatewayBot(string? Url, int? Shards, DiscordSessionStartLimit? SessionStartLimit);
