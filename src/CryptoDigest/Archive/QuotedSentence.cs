using System.Text.RegularExpressions;

namespace CryptoDigest.Archive;

/// <summary>
/// A sentence an answer may quote: where it sits in the issue's best passages, which of the topic's search terms it
/// holds, and whether it is in the issue's opening passage (which announces the topics more than it gives facts).
/// </summary>
public sealed partial record QuotedSentence(string Text, int Passage, int Index, IReadOnlySet<string> Terms, bool Opening)
{
    // Words that open a sentence going on about the one before it.
    private static readonly string[] Continuing = ["It ", "Its ", "This ", "That ", "They ", "Their ", "These ", "Those "];

    /// <summary>The sentence's cosine similarity to the question; null when ranked by words alone.</summary>
    public float? Similarity { get; init; }

    /// <summary>Whether the sentence holds a figure: a number standing as a word ("$3.1 billion", "14 to 21"), not a digit in a name ("v4", "L2").</summary>
    public bool HasFigure => ArchiveQuestion.Words(Text).Any(w => char.IsDigit(w[0]) && w.All(char.IsDigit));

    /// <summary>Whether the sentence goes on about the one before it ("It replaces ...").</summary>
    public bool GoesOn => Continuing.Any(c => Text.StartsWith(c, StringComparison.Ordinal));

    /// <summary>
    /// Whether the sentence holds a figure of the kind asked for: a percentage for a share, a figure with a unit of time for
    /// a duration, money or a figure with its unit or scale for an amount, a figure of things for a count, any figure for a level.
    /// </summary>
    public bool Fits(QuestionMeasure measure) => HasFigure && measure switch
    {
        QuestionMeasure.Share => Percentage().IsMatch(Text),
        QuestionMeasure.Duration => Duration().IsMatch(Text),
        QuestionMeasure.Amount => Amount().IsMatch(Text),
        QuestionMeasure.Count => Count().IsMatch(Text),
        QuestionMeasure.Level => true,
        _ => false,
    };

    [GeneratedRegex(@"\d\s?%|\d\s?(percent|per cent)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Percentage();

    [GeneratedRegex(@"\d\s*(seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Duration();

    [GeneratedRegex(@"[$€£]\s?\d|\d\s?(bn|m|k|million|billion|trillion|[A-Z]{2,5})\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Amount();

    // A number standing for things: not money, not a share, not a year or a date.
    [GeneratedRegex(@"(?<![$€£.\d])\b\d[\d,.]*\s?(million|billion|thousand)?\s(?!%|percent|per cent)[a-z]", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Count();
}
