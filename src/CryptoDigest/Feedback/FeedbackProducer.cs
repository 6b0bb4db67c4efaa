namespace CryptoDigest.Feedback;

/// <summary>What produced a rated brief or answer: the model ("offline" without one), its prompt version, and the language.</summary>
public sealed record FeedbackProducer(string Model, string PromptVersion, string Language)
{
    public const string Offline = "offline";
}
