using System.Text.RegularExpressions;
using CryptoDigest.Knowledge;

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

    /// <summary>
    /// Whether the sentence holds a figure: a number standing as a word ("$3.1 billion", "14 to 21"), or with its scale or
    /// unit ("US$482m", "2.3bn", "24h"), not a digit in a name ("v4", "L2").
    /// </summary>
    public bool HasFigure => ArchiveQuestion.Words(Text).Any(w => char.IsDigit(w[0]) && NameWords.IsMeasure(w));

    /// <summary>
    /// Whether the sentence names a person: two capitalised words side by side, neither an English word nor a month
    /// ("Dagny Ferreira", "Caspar Wedderburn"; not "Reserve Bank", "Coin Metrics", "New Zealand"), or a firm named for its
    /// partners ("Lindqvist & Rowe"), which a "who" question asks for as well.
    /// </summary>
    public bool NamesPerson
    {
        get
        {
            var words = Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim(',', '.', ';', ':', '"', '“', '”', '(', ')')).ToList();
            return words.Zip(words.Skip(1)).Any(pair => IsPersonWord(pair.First) && IsPersonWord(pair.Second.Replace("'s", string.Empty, StringComparison.Ordinal).Replace("’s", string.Empty, StringComparison.Ordinal)))
                || words.Skip(1).SkipLast(1).Select((w, i) => (w, i)).Any(x => x.w == "&" && IsFirmWord(words[x.i]) && IsFirmWord(words[x.i + 2]));
        }
    }

    // A firm named for its partners ("Lindqvist & Rowe"): capitalised words either side of an ampersand.
    private static bool IsFirmWord(string word) => word.Length >= 3 && char.IsUpper(word[0]) && word.Skip(1).All(char.IsLower);

    private static bool IsPersonWord(string word) =>
        word.Length >= 3 && char.IsUpper(word[0]) && word.Skip(1).All(char.IsLower) && !NameWords.IsCommon(word.ToLowerInvariant());

    /// <summary>
    /// The topic's search terms the sentence holds: its own words (shorthand as what it stands for, "CEO" as "chief
    /// executive"), and the word a doer is named from ("founder" for "founded", "auditor" for "audit", "traders" for "trading").
    /// </summary>
    public static HashSet<string> TermsIn(string sentence, IReadOnlySet<string> terms)
    {
        var held = TextTokenizer.Tokenize(sentence).Where(terms.Contains).ToHashSet(StringComparer.Ordinal);
        // The doers' words are read only where a term not yet held is written inside a word of the sentence: most are not.
        if (terms.Any(t => !held.Contains(t) && sentence.Contains(t, StringComparison.OrdinalIgnoreCase)))
        {
            held.UnionWith(NameWords.Words(sentence).SelectMany(Doer).Where(terms.Contains));
        }

        return held;
    }

    // "founder" is one who founds, "auditors" those who audit: the stem of the word without its ending, when four letters
    // or more are left ("after" and "order" keep theirs).
    private static IEnumerable<string> Doer(string word)
    {
        var ending = DoerEndings.FirstOrDefault(e => word.EndsWith(e, StringComparison.Ordinal) && word.Length - e.Length >= 4);
        return ending is null ? [] : [TextTokenizer.Stem(word[..^ending.Length])];
    }

    private static readonly string[] DoerEndings = ["ers", "ors", "er", "or"];

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

    /// <summary>
    /// The topic's terms written within a few words of a figure of the kind asked for (any figure for a level or no kind):
    /// the figure's own words. "$14.6 billion of bitcoin and ether options notional" gives its figure to "notional"; "Bitcoin
    /// settled at $106,900" in the same paragraph gives its figure to no word asked about.
    /// </summary>
    public int TermsNearFigure(IReadOnlySet<string> terms, QuestionMeasure measure)
    {
        if (!HasFigure || terms.Count == 0)
        {
            return 0;
        }

        var words = Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var near = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < words.Length; i++)
        {
            if (!AnyFigure().IsMatch(words[i]))
            {
                continue;
            }

            // The figure with its scale or unit ("$14.6 billion", "180 megawatts", "6.3%"), judged by the kind asked for.
            var last = Math.Min(words.Length - 1, i + 1);
            var figure = string.Join(' ', words[i..(last + 1)]);
            if (!FitsKind(figure, measure))
            {
                continue;
            }

            var scaled = Scales.Contains(words[last].TrimEnd(',', '.', ';', ':').ToLowerInvariant()) ? last : i;
            var from = Math.Max(0, i - NearWords);
            var to = Math.Min(words.Length, scaled + 1 + NearWords);
            near.UnionWith(TextTokenizer.Tokenize(string.Join(' ', words[from..to])).Where(terms.Contains));
        }

        return near.Count;
    }

    // How far a figure's own words reach either way: a phrase ("$14.6 billion of bitcoin and ether options notional").
    private const int NearWords = 6;

    private static readonly HashSet<string> Scales = new(StringComparer.Ordinal) { "thousand", "million", "billion", "trillion", "bn", "m", "k", "percent" };

    private static bool FitsKind(string figure, QuestionMeasure measure) => measure switch
    {
        QuestionMeasure.Share => Percentage().IsMatch(figure),
        QuestionMeasure.Duration => Duration().IsMatch(figure),
        QuestionMeasure.Amount => Amount().IsMatch(figure) || Count().IsMatch(figure),
        QuestionMeasure.Count => Count().IsMatch(figure),
        _ => true,
    };

    // A number standing as a word ("$3.1 billion", "14 to 21", "6.3%"), not a digit inside a name ("v4", "L2").
    [GeneratedRegex(@"(?<![A-Za-z])\d[\d,.]*(?![A-Za-z]\d)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AnyFigure();

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
