namespace CryptoDigest.Storage;

/// <summary>
/// A few sentences of one stored article, as the newsletter archive searches them: its text, the
/// hash of that text (an unchanged passage keeps its vector when the article is edited), and the
/// sentence-embedding vector (float32 little-endian bytes) with the model that made it.
/// </summary>
public sealed class ArchivePassage
{
    public long Id { get; set; }
    public long ArticleId { get; set; }
    public Article? Article { get; set; }

    /// <summary>The passage's place in its article, from 0.</summary>
    public int Ordinal { get; set; }

    public required string Text { get; set; }

    /// <summary>SHA-256 of <see cref="Text"/>, hex.</summary>
    public required string TextHash { get; set; }

    /// <summary>The article's content hash the passage was cut from: a different one means the article changed since.</summary>
    public required string ArticleContentHash { get; set; }

    /// <summary>The article's issue date, copied so retention and the search window need no join.</summary>
    public DateTimeOffset PublishedAt { get; set; }

    /// <summary>The vector as float32 little-endian bytes, or null while none is made (embeddings off, or not yet).</summary>
    public byte[]? Embedding { get; set; }

    /// <summary>The model that made <see cref="Embedding"/>: vectors of another model are never compared with a query's.</summary>
    public string? EmbeddingModel { get; set; }

    public DateTimeOffset IndexedAt { get; set; }
}
