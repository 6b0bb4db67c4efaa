using System.Text;

namespace CryptoDigest.Archive;

/// <summary>
/// Cuts an article's clean text into passages of a few sentences: small enough that a passage is about
/// one thing (and fits the embedding model's 256 word pieces), large enough to carry its context.
/// Paragraphs end a passage once it has some length, and the opening paragraph always does (it announces the issue's
/// topics); a sentence longer than a passage is cut at a word.
/// </summary>
public static class PassageCutter
{
    /// <summary>The length a passage grows to before it ends at the next sentence.</summary>
    public const int TargetLength = 450;

    /// <summary>No passage is longer than this.</summary>
    public const int MaxLength = 800;

    /// <summary>Passages kept per article: a very long issue is searched by its first parts.</summary>
    public const int MaxPassagesPerArticle = 200;

    private const int MaxSentencesPerPassage = 4;
    private const int ParagraphBreakLength = 200;

    /// <summary>The passages of a text, in order; the title alone when the text is empty.</summary>
    public static IReadOnlyList<string> Cut(string title, string text)
    {
        var passages = new List<string>();
        var current = new StringBuilder();
        var sentences = 0;
        var paragraphs = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var p = 0; p < paragraphs.Length; p++)
        {
            var paragraph = paragraphs[p];
            foreach (var sentence in Sentences(paragraph).SelectMany(SplitLong))
            {
                if (current.Length > 0 && (current.Length + sentence.Length + 1 > MaxLength || sentences >= MaxSentencesPerPassage || current.Length >= TargetLength))
                {
                    Flush(current, passages, ref sentences);
                }

                current.Append(current.Length == 0 ? string.Empty : " ").Append(sentence);
                sentences++;
            }

            // The opening paragraph of an issue with more to it announces its topics: a passage of its own, so that it
            // is not taken for the first topic's facts, nor they for it.
            if (current.Length >= ParagraphBreakLength || (p == 0 && paragraphs.Length > 1))
            {
                Flush(current, passages, ref sentences);
            }
        }

        Flush(current, passages, ref sentences);
        if (passages.Count == 0 && title.Trim().Length > 0)
        {
            passages.Add(title.Trim());
        }

        return passages.Count > MaxPassagesPerArticle ? passages[..MaxPassagesPerArticle] : passages;
    }

    /// <summary>
    /// The sentences of one paragraph: a boundary is '.', '!' or '?' (and a closing quote or bracket) followed by a
    /// space and a capital, a digit or an opening quote; a single letter before the dot ("U.S.", "J. Doe") is no boundary.
    /// </summary>
    public static IReadOnlyList<string> Sentences(string paragraph)
    {
        var sentences = new List<string>();
        var start = 0;
        for (var i = 0; i < paragraph.Length; i++)
        {
            if (paragraph[i] is not ('.' or '!' or '?' or '…'))
            {
                continue;
            }

            var end = i + 1;
            while (end < paragraph.Length && paragraph[end] is '"' or '”' or '’' or '\'' or ')')
            {
                end++;
            }

            if (end + 1 < paragraph.Length && char.IsWhiteSpace(paragraph[end]) && StartsSentence(paragraph[end + 1]) && !IsInitial(paragraph, i))
            {
                Add(sentences, paragraph[start..end]);
                start = end + 1;
                i = end;
            }
        }

        Add(sentences, paragraph[start..]);
        return sentences;
    }

    private static bool StartsSentence(char c) => char.IsUpper(c) || char.IsDigit(c) || c is '"' or '“' or '‘' or '(';

    // "U.S. Treasury", "J. Powell": one letter before the dot.
    private static bool IsInitial(string text, int dot) =>
        dot > 0 && char.IsLetter(text[dot - 1]) && (dot == 1 || !char.IsLetter(text[dot - 2])) && text[dot] == '.';

    private static void Add(List<string> sentences, string sentence)
    {
        var trimmed = sentence.Trim();
        if (trimmed.Length > 0)
        {
            sentences.Add(trimmed);
        }
    }

    private static IEnumerable<string> SplitLong(string sentence)
    {
        var rest = sentence;
        while (rest.Length > MaxLength)
        {
            var cut = rest.LastIndexOf(' ', MaxLength - 1);
            cut = cut <= 0 ? MaxLength : cut;
            yield return rest[..cut].Trim();
            rest = rest[cut..].Trim();
        }

        if (rest.Length > 0)
        {
            yield return rest;
        }
    }

    private static void Flush(StringBuilder current, List<string> passages, ref int sentences)
    {
        if (current.Length > 0)
        {
            passages.Add(current.ToString());
        }

        current.Clear();
        sentences = 0;
    }
}
