namespace CryptoDigest.Archive;

/// <summary>One issue retrieval found relevant: its matching passages, best first, its score, and its opening passage's id.</summary>
public sealed record RetrievedIssue(IReadOnlyList<IndexedPassage> Passages, double Score, long OpeningPassageId)
{
    /// <summary>The issue's best passage.</summary>
    public IndexedPassage Best => Passages[0];
}
