namespace CryptoDigest.Archive;

/// <summary>A passage a search found: its fused score, its place in the word ranking (null when no query word is in it) and its cosine similarity (null when the vectors did not rank it).</summary>
public sealed record PassageMatch(IndexedPassage Passage, double Score, int? WordRank, float? Similarity);
