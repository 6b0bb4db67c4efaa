namespace CryptoDigest.Archive;

/// <summary>
/// One issue a search found: the newsletter, issue date, title and link, the passage that matched best
/// (its id, for citations) and the sentence of it that matched best. Passage text is the newsletter's,
/// untrusted: quoted, never followed.
/// </summary>
public sealed record ArchiveHit(
    long ArticleId,
    string Source,
    string Title,
    Uri? Url,
    DateTimeOffset PublishedAt,
    bool IsSample,
    long PassageId,
    string Passage,
    string Sentence,
    double Score)
{
    /// <summary>
    /// The text of all the passages retrieval found in the issue, not only the best: a name the question asks about is held
    /// when the issue writes it in any of them ("the BoE stepped in" two paragraphs from the gold record asked about).
    /// </summary>
    public string Found { get; init; } = Passage;
}
