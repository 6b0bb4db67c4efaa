using CryptoDigest.Replies;

namespace CryptoDigest.Archive;

/// <summary>
/// What retrieval found for a question before its answer is written: the relevant issues, best first, the window searched,
/// the best similarity and word share; or the finished answer when the archive holds nothing in the window.
/// </summary>
internal sealed record ArchiveRetrieval(ArchiveQuestion Question, IReadOnlyList<RetrievedIssue> Issues, string Window, int SourceCount, ReplyTexts Texts, float? Similarity, double WordShare)
{
    /// <summary>The answer already made (nothing held in the window), or null when the issues are still to be quoted.</summary>
    public ArchiveFindings? Done { get; init; }
}
