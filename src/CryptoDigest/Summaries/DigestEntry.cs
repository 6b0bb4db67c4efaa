namespace CryptoDigest.Summaries;

/// <summary>One summarized newsletter item, as /digest shows it and the model reads it.</summary>
public sealed record DigestEntry(string Source, string Title, Uri? Url, DateTimeOffset PublishedAt, string Summary, bool IsSample);
