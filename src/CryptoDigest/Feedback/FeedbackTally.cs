namespace CryptoDigest.Feedback;

/// <summary>The votes cast or changed since an instant, for the operator's view: 👍, 👎, and the 👎 reasons given.</summary>
public sealed record FeedbackTally(DateTimeOffset Since, int Up, int Down, int WrongFact, int NotRelevant, int TooLong)
{
    /// <summary>The share of 👍 among the votes, or null when there are none.</summary>
    public double? UpShare => Up + Down == 0 ? null : (double)Up / (Up + Down);
}
