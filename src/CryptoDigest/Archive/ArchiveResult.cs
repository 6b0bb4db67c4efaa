namespace CryptoDigest.Archive;

/// <summary>A search's answer: the issues found (best first, newest first among equals), and what was searched.</summary>
/// <param name="UnknownSource">True when source: named no newsletter the archive holds.</param>
public sealed record ArchiveResult(ArchiveQuery Query, IReadOnlyList<ArchiveHit> Hits, bool UnknownSource, IReadOnlyList<string> Sources);
