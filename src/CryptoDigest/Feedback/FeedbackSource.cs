namespace CryptoDigest.Feedback;

/// <summary>A source of a rated answer or brief as stored and exported: its title and link, if any.</summary>
public sealed record FeedbackSource(string Title, string? Url);
