namespace CryptoDigest.Feedback;

/// <summary>What a vote is about: a delivered brief (its edition) or an answer the bot gave.</summary>
public enum FeedbackTargetKind
{
    Brief,
    Answer,
}
