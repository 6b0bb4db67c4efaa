namespace CryptoDigest.Feedback;

/// <summary>
/// How a press ended, and the language of the brief or answer it rated (the one stored with the vote), so the
/// member is answered in that language; null when the press named nothing this chat got or nothing was read.
/// </summary>
public sealed record FeedbackVoted(FeedbackOutcome Outcome, string? Language = null);
