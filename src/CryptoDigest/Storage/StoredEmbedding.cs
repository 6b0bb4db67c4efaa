namespace CryptoDigest.Storage;

/// <summary>
/// A text's sentence-embedding vector kept across restarts (the knowledge base's passages), keyed by the model and
/// the text's hash: an edited passage or another model gets a row of its own, and rows nobody reads are harmless.
/// </summary>
public sealed class StoredEmbedding
{
    /// <summary>"model:SHA-256 of the text, hex".</summary>
    public required string Key { get; set; }

    /// <summary>The vector as <see cref="VectorBytes"/> keeps it.</summary>
    public required byte[] Vector { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
