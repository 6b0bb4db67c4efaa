namespace CryptoDigest.Storage;

/// <summary>
/// A secret the bot generated for itself and keeps in the database so every instance shares it: today the key
/// that hashes member ids of votes when Feedback:MemberHashKey is not set. Never logged, never exported.
/// </summary>
public sealed class FeedbackSecret
{
    public long Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The secret as base64.</summary>
    public required string Value { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
