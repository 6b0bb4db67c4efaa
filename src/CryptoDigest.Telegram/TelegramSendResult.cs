using CryptoDigest.Replies;

namespace CryptoDigest.Telegram;

/// <summary>
/// The result of one reply: what happened, where it went (a migrated group has a new id, and then
/// <see cref="MigratedFrom"/> is the id it was sent to) and the sent message ids.
/// </summary>
public sealed record TelegramSendResult(SendOutcome Outcome, long ChatId, IReadOnlyList<int> MessageIds, string? Error = null, long? MigratedFrom = null);
