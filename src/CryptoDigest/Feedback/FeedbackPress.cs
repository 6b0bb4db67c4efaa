namespace CryptoDigest.Feedback;

/// <summary>A pressed feedback button, decoded: the brief or answer, 👍 or 👎, and for 👎 perhaps what was wrong.</summary>
public sealed record FeedbackPress(FeedbackTarget Target, bool Up, FeedbackReason? Reason = null);
