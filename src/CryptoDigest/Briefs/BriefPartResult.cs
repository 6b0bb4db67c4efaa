using CryptoDigest.Replies;

namespace CryptoDigest.Briefs;

/// <summary>
/// The result of sending one part, with the platform's message id when sent, and the chat's new id
/// when the platform said it had moved (the part then went there).
/// </summary>
public sealed record BriefPartResult(SendOutcome Outcome, string? MessageId = null, string? Error = null, string? MovedTo = null)
{
    public static BriefPartResult Sent(string messageId, string? movedTo = null) => new(SendOutcome.Sent, messageId, MovedTo: movedTo);
}
