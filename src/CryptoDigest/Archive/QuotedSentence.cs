namespace CryptoDigest.Archive;

/// <summary>A sentence an answer may quote: where it sits in the best passages, and which of the topic's search terms it holds.</summary>
public sealed record QuotedSentence(string Text, int Passage, int Index, IReadOnlySet<string> Terms)
{
    // Words that open a sentence going on about the one before it.
    private static readonly string[] Continuing = ["It ", "Its ", "This ", "That ", "They ", "These ", "Those "];

    /// <summary>Whether the sentence holds a figure (a digit).</summary>
    public bool HasFigure => Text.Any(char.IsDigit);

    /// <summary>Whether the sentence goes on about the one before it ("It replaces ...").</summary>
    public bool GoesOn => Continuing.Any(c => Text.StartsWith(c, StringComparison.Ordinal));
}
