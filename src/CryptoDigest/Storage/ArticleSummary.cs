namespace CryptoDigest.Storage;

/// <summary>A summary of one article version, made once per (prompt version, model, content hash).</summary>
public sealed class ArticleSummary
{
    public long Id { get; set; }
    public long ArticleId { get; set; }
    public Article? Article { get; set; }
    public required string PromptVersion { get; set; }

    /// <summary>The model that wrote it, or "extractive" offline.</summary>
    public required string Model { get; set; }

    public required string ContentHash { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
