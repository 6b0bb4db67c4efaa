namespace CryptoDigest.Discord;

// session_start_limit of GET /gateway/bot: IDENTIFYs left in the current period, and milliseconds until it resets.
internal sealed record DiscordSessionStartLimit(int Total, int Remaining, long ResetAfter, int MaxConcurrency);
