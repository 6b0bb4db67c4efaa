namespace CryptoDigest.Feedback;

/// <summary>What was wrong with a 👎: the three choices of its second row.</summary>
public enum FeedbackReason
{
    WrongFact,
    NotRelevant,
    TooLong,
}
