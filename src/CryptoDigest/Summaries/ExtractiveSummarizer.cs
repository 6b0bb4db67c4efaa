using System.Text.RegularExpressions;
using CryptoDigest.Knowledge;

namespace CryptoDigest.Summaries;

/// <summary>
/// The offline summary: picks the 2-4 most central sentences of an article with LexRank
/// (Erkan and Radev, 2004: PageRank over the TF-IDF cosine-similarity graph of its sentences),
/// nudged towards the lead and towards sentences carrying figures, since a newsletter's numbers
/// and names are what a brief must keep. Sentences stay verbatim and in their original order.
/// </summary>
public static partial class ExtractiveSummarizer
{
    private const double Damping = 0.85;
    private const int Iterations = 40;
    private const int MinWords = 6;
    private const int MaxSentences = 400;

    /// <summary>The most characters of an article read; its summary comes from its lead anyway.</summary>
    public const int MaxInputLength = 200_000;

    public static string Summarize(string text) => Summarize(text, title: null);

    /// <summary>The summary of an article whose title is <paramref name="title"/>: a sentence that only repeats the title (a headline the body opens with) is never picked.</summary>
    public static string Summarize(string text, string? title) => Summarize(text, title, sentenceCount: null);

    /// <summary>The longer extract an in-depth brief shows: up to <see cref="InDepthSentences"/> sentences, picked the same way.</summary>
    public static string SummarizeInDepth(string text, string? title) => Summarize(text, title, InDepthSentences);

    /// <summary>The most sentences of an in-depth extract.</summary>
    public const int InDepthSentences = 6;

    private static string Summarize(string text, string? title, int? sentenceCount)
    {
        if (text.Length > MaxInputLength)
        {
            text = text[..MaxInputLength];
        }

        var sentences = SplitSentences(text).Where(s => IsContent(s) && !LeadingTitle.IsTitle(s, title)).Take(MaxSentences).ToList();
        if (sentences.Count <= 2)
        {
            // Summaries are shown on platforms that auto-link bare domains: no link survives into one.
            return SummaryLinks.Remove(string.Join(' ', sentences));
        }

        var scores = LexRank(sentences.Select(s => TextTokenizer.Tokenize(s)).ToList());
        for (var i = 0; i < sentences.Count; i++)
        {
            // The lead of a newsletter item states its point; figures are the facts worth keeping.
            scores[i] *= 1 + (0.5 / (1 + i)) + (HasFigure(sentences[i]) ? 0.25 : 0);
        }

        var take = sentenceCount ?? (sentences.Count < 8 ? 2 : sentences.Count < 20 ? 3 : 4);
        var chosen = Enumerable.Range(0, sentences.Count)
            .OrderByDescending(i => scores[i])
            .Take(take)
            .Order();
        return SummaryLinks.Remove(string.Join(' ', chosen.Select(i => sentences[i])));
    }

    /// <summary>
    /// Splits prose into sentences without breaking at decimals, initials or common abbreviations.
    /// Linear in the text's length: each stop is judged by the one word before it, never by
    /// rereading the sentence so far (a run of "U.S. U.S. ..." once made it quadratic).
    /// </summary>
    public static IReadOnlyList<string> SplitSentences(string text)
    {
        var sentences = new List<string>();
        foreach (var paragraph in text.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var start = 0;
            foreach (var boundary in SentenceEnd().EnumerateMatches(paragraph))
            {
                var next = boundary.Index + boundary.Length;
                // A lower-case word after the stop means it was not a sentence end ("9 a.m. and").
                if (EndsWithAbbreviation(LastWord(paragraph, start, boundary.Index)) || (next < paragraph.Length && char.IsLower(paragraph[next])))
                {
                    continue;
                }

                sentences.Add(Normalize(paragraph[start..boundary.Index]));
                start = next;
            }

            if (start < paragraph.Length)
            {
                sentences.Add(Normalize(paragraph[start..]));
            }
        }

        return sentences.Where(s => s.Length > 0).ToList();
    }

    /// <summary>The word that ends at <paramref name="end"/>: back to the previous whitespace, never before <paramref name="start"/>.</summary>
    private static ReadOnlySpan<char> LastWord(string paragraph, int start, int end)
    {
        var from = end;
        while (from > start && !char.IsWhiteSpace(paragraph[from - 1]))
        {
            from--;
        }

        return paragraph.AsSpan(from, end - from);
    }

    private static double[] LexRank(IReadOnlyList<IReadOnlyList<string>> sentences)
    {
        var n = sentences.Count;
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in sentences.SelectMany(s => s.Distinct()))
        {
            documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
        }

        var vectors = sentences.Select(terms => terms
            .GroupBy(t => t, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count() * Math.Log((double)n / documentFrequency[g.Key] + 1), StringComparer.Ordinal))
            .ToList();
        var norms = vectors.Select(v => Math.Sqrt(v.Values.Sum(x => x * x))).ToList();

        var similarity = new double[n, n];
        var rowSums = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                double dot = 0;
                foreach (var (term, weight) in vectors[i])
                {
                    if (vectors[j].TryGetValue(term, out var other))
                    {
                        dot += weight * other;
                    }
                }

                var cosine = norms[i] == 0 || norms[j] == 0 ? 0 : dot / (norms[i] * norms[j]);
                similarity[i, j] = similarity[j, i] = cosine;
                rowSums[i] += cosine;
                rowSums[j] += cosine;
            }
        }

        var scores = Enumerable.Repeat(1.0 / n, n).ToArray();
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            var next = new double[n];
            for (var i = 0; i < n; i++)
            {
                double sum = 0;
                for (var j = 0; j < n; j++)
                {
                    if (rowSums[j] > 0)
                    {
                        sum += similarity[j, i] / rowSums[j] * scores[j];
                    }
                }

                next[i] = ((1 - Damping) / n) + (Damping * sum);
            }

            scores = next;
        }

        return scores;
    }

    private static bool IsContent(string sentence)
    {
        var words = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return words >= MinWords && !Boilerplate().IsMatch(sentence);
    }

    private static bool HasFigure(string sentence) => sentence.Any(char.IsDigit);

    private static bool EndsWithAbbreviation(ReadOnlySpan<char> word)
    {
        // "U.S." or "J." (initials) and the usual short forms do not end a sentence.
        if (word.Length <= 8 && AbbreviationLookup.Contains(word))
        {
            return true;
        }

        return word.Length is > 1 and <= 3 && word.Contains('.') && char.IsUpper(word[0]) && CountLetters(word) <= 2;
    }

    private static int CountLetters(ReadOnlySpan<char> word)
    {
        var letters = 0;
        foreach (var c in word)
        {
            letters += char.IsLetter(c) ? 1 : 0;
        }

        return letters;
    }

    private static string Normalize(string sentence) => Whitespace().Replace(sentence, " ").Trim();

    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "e.g.", "i.e.", "etc.", "vs.", "mr.", "mrs.", "ms.", "dr.", "inc.", "ltd.", "co.", "corp.", "jan.", "feb.", "mar.", "apr.",
        "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.", "approx.", "est.", "no.", "u.s.", "u.k.", "e.u.", "a.m.", "p.m.",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> AbbreviationLookup = Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();

    // A sentence ends at . ! or ? (optionally followed by a closing quote or bracket) and whitespace.
    [GeneratedRegex(@"(?<=[.!?][""'”’)\]]?)\s+", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\s+", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\b(subscribe|unsubscribe|sign up|click here|read more|view in browser|forwarded this|share this|follow us)\b", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Boilerplate();
}
