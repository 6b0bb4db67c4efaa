using CryptoDigest.Replies;

namespace CryptoDigest.Discord;

/// <summary>The outcome of a send and the ids of the messages Discord created, in order.</summary>
public sealed record DiscordSendResult(SendOutcome Outcome, IReadOnlyList<string> MessageIds, string? Error = null);
