using CryptoDigest.Feedback;

namespace CryptoDigest.Operations;

/// <summary>
/// One rated brief or answer of the evaluation set (docs/feedback.md): what was rated (the answer with its question,
/// or the edition's prose and items), its sources, what produced it, and its votes with their reasons.
/// </summary>
public sealed record FeedbackExportEntry(
    string Kind,
    long Id,
    string Model,
    string PromptVersion,
    string Language,
    string? Question,
    string Text,
    IReadOnlyList<FeedbackSource> Sources,
    int Up,
    int Down,
    IReadOnlyDictionary<string, int> Reasons,
    IReadOnlyList<FeedbackExportVote> Votes);
