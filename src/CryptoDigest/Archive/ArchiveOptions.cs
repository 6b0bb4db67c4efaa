using System.ComponentModel.DataAnnotations;

namespace CryptoDigest.Archive;

/// <summary>The newsletter archive (section "Archive"): how long passages are kept, and how they are searched (docs/archive.md).</summary>
public sealed class ArchiveOptions
{
    public const string SectionName = "Archive";

    /// <summary>Passages of issues older than this are deleted from the archive (the articles themselves stay).</summary>
    [Range(1, 3650, ErrorMessage = "Archive:RetentionDays must be between 1 and 3650.")]
    public int RetentionDays { get; set; } = 365;

    /// <summary>
    /// Whether the bundled sentence-embedding model (all-MiniLM-L6-v2, loaded once per process on first use) adds
    /// meaning to the word search when AI:EmbeddingModel is not set; false keeps the archive on BM25 alone.
    /// </summary>
    public bool LocalEmbeddings { get; set; } = true;

    /// <summary>The most passages held in memory for exact search (the newest are kept); docs/archive.md says what to use beyond it.</summary>
    [Range(1_000, 1_000_000, ErrorMessage = "Archive:MaxPassages must be between 1000 and 1000000.")]
    public int MaxPassages { get; set; } = 200_000;

    /// <summary>Passages embedded per ingestion run at most, so a first run over a large archive does not hold the job for long; the rest follow next run.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Archive:MaxEmbeddingsPerRun must be between 1 and 1000000.")]
    public int MaxEmbeddingsPerRun { get; set; } = 5_000;

    /// <summary>The least cosine similarity for a passage to count as found by meaning alone (calibrated in docs/archive.md).</summary>
    [Range(0.0, 1.0, ErrorMessage = "Archive:MinSimilarity must be between 0 and 1.")]
    public double MinSimilarity { get; set; } = 0.35;

    /// <summary>Issues /search shows at most.</summary>
    [Range(1, 10, ErrorMessage = "Archive:SearchResults must be between 1 and 10.")]
    public int SearchResults { get; set; } = 5;
}
