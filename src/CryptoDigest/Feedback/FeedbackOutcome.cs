namespace CryptoDigest.Feedback;

/// <summary>How a press of a feedback button ended.</summary>
public enum FeedbackOutcome
{
    /// <summary>The member's vote is stored (new, or changed from their earlier one).</summary>
    Recorded,

    /// <summary>The brief was never delivered to this chat, or the answer never given in it: refused, nothing stored.</summary>
    NotHere,

    /// <summary>The database did not take the vote; the member is asked to try again.</summary>
    Failed,
}
