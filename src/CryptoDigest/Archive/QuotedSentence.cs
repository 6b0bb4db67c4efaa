namespace CryptoDigest.Archive;

/// <summary>
/// A sentence an answer may quote: where it sits in the best passages, which of the topic's search terms it
/// holds, and whether it is in the opening passage (which announces the topics more than it gives facts).
/// </summary>
public sealed record QuotedSentence(string Text, int Passage, int Index, IReadOnlySet<string> Terms, bool Opening)
{
    // Words that open a sentence going on about the one before it.
    private static readonly string[] Continuing = ["It ", "Its ", "This ", "That ", "They ", "Their ", "These ", "Those "];

    /// <summary>The sentence's cosine similarity to the question; null when ranked by words alone.</summary>
    public float? Similarity { get; init; }

    /// <summary>Whether the sentence holds a figure: a number standing as a word ("$3.1 billion", "14 to 21"), not a digit in a name ("v4", "L2").</summary>
    public bool HasFigure => ArchiveQuestion.Words(Text).Any(w => char.IsDigit(w[0]) && w.All(char.IsDigit));

    /// <summary>Whether the sentence goes on about the one before it ("It replaces ...").</summary>
    public bool GoesOn => Continuing.Any(c => Text.StartsWith(c, StringComparison.Ordinal));
}
