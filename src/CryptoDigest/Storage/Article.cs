namespace CryptoDigest.Storage;

/// <summary>One newsletter issue or post, unique per (source, guid); the content hash catches edits and reposts.</summary>
public sealed class Article
{
    public long Id { get; set; }
    public long SourceId { get; set; }
    public NewsletterSource? Source { get; set; }
    public required string Guid { get; set; }
    public required string Title { get; set; }
    public Uri? Url { get; set; }
    public string? Author { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public DateTimeOffset FetchedAt { get; set; }
    public string Text { get; set; } = string.Empty;

    /// <summary>SHA-256 of the cleaned title and text, hex.</summary>
    public required string ContentHash { get; set; }

    /// <summary>A bundled sample issue, not a live one: every reply that uses it must say so.</summary>
    public bool IsSample { get; set; }
}
