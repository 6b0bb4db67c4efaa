namespace CryptoDigest.Operations;

/// <summary>One member's vote in the export: 👍 ("up") or 👎 ("down"), the reason given, when it was last set. No member, not even hashed.</summary>
public sealed record FeedbackExportVote(string Vote, string? Reason, DateTimeOffset At);
