using CryptoDigest.Archive;

namespace CryptoDigest.Orchestration;

/// <summary>
/// A model's archive answer after <see cref="ArchiveAnswerCheck"/>: the text with footnotes [1], [2], ... and the
/// issues they stand for (in that order), how many sentences were removed for a number no cited passage holds, how
/// many citations named a passage that was not retrieved, and how many sentences were removed for citing only those.
/// </summary>
public sealed record CheckedArchiveAnswer(string Text, IReadOnlyList<ArchiveHit> Cited, int RemovedSentences, int DroppedCitations, int UncitedSentences);
