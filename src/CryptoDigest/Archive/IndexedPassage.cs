namespace CryptoDigest.Archive;

/// <summary>One passage as the in-memory archive holds it: its text and vector, and the issue it comes from.</summary>
public sealed record IndexedPassage(
    long PassageId,
    long ArticleId,
    string Source,
    string Title,
    Uri? Url,
    DateTimeOffset PublishedAt,
    bool IsSample,
    string Text,
    float[]? Vector);
