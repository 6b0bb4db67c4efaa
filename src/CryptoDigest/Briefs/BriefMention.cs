namespace CryptoDigest.Briefs;

/// <summary>Another newsletter's article on the same story.</summary>
public sealed record BriefMention(string Source, string Title, Uri? Url);
