namespace CryptoDigest.Archive;

/// <summary>One issue retrieval found relevant: its matching passages, best first, its score, and its opening passage's id.</summary>
public sealed record RetrievedIssue(IReadOnlyList<IndexedPassage> Passages, double Score, long OpeningPassageId)
{
    /// <summary>
    /// The issue's passages retrieval did not find relevant, in the issue's order: a figure asked about is often written
    /// in a paragraph of its own whose words the question shares only beside the figure.
    /// </summary>
    public IReadOnlyList<IndexedPassage> Rest { get; init; } = [];

    /// <summary>The issue's best passage.</summary>
    public IndexedPassage Best => Passages[0];
}
