using System.Globalization;
using System.Text;

namespace CryptoDigest.Knowledge;

/// <summary>
/// Turns text into search terms: lower case, letters and digits only, common English
/// words dropped, and a light suffix stemmer so "wallets" finds "wallet" and "weighted"
/// finds "weighting". Deliberately simple: the corpus is small and curated.
/// </summary>
public static class TextTokenizer
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "can", "could", "do", "does", "for", "from",
        "how", "i", "if", "in", "into", "is", "it", "its", "me", "my", "of", "on", "or", "should", "so",
        "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "to", "was", "we",
        "what", "when", "where", "which", "who", "why", "will", "with", "would", "you", "your", "about",
        "any", "all", "have", "has", "had", "not", "no", "our", "us", "more", "most", "also", "one", "just",
        "get", "use", "very", "much", "many", "some", "such", "each", "other", "been", "being", "were",
    };

    public static IReadOnlyList<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLower(c, CultureInfo.InvariantCulture));
            }
            else if (c is '\'' or '’')
            {
                // "don't" and "bitcoin's" stay one word; the stemmer drops the possessive.
                continue;
            }
            else
            {
                Flush(current, tokens);
            }
        }

        Flush(current, tokens);
        return tokens;
    }

    private static void Flush(StringBuilder current, List<string> tokens)
    {
        if (current.Length == 0)
        {
            return;
        }

        var word = current.ToString();
        current.Clear();
        if (!StopWords.Contains(word))
        {
            tokens.Add(Stem(word));
        }
    }

    internal static string Stem(string word)
    {
        if (Irregular.TryGetValue(word, out var stem))
        {
            return stem;
        }

        if (word.Length <= 3 || word.Any(char.IsDigit))
        {
            return word;
        }

        foreach (var (suffix, replacement) in Suffixes)
        {
            if (word.EndsWith(suffix, StringComparison.Ordinal) && word.Length - suffix.Length >= 3)
            {
                return word[..^suffix.Length] + replacement;
            }
        }

        return word;
    }

    private static readonly Dictionary<string, string> Irregular = new(StringComparer.Ordinal)
    {
        ["indices"] = "index",
        ["indexes"] = "index",
        ["indexed"] = "index",
        ["2fa"] = "2fa",
        ["btc"] = "bitcoin",
        ["eth"] = "ether",
        ["ethereum"] = "ether",
    };

    // Ordered longest first; a light Porter-style pass, enough to join the forms members type.
    private static readonly (string Suffix, string Replacement)[] Suffixes =
    [
        ("ations", "ate"), ("ation", "ate"), ("ings", ""), ("ing", ""), ("ies", "y"), ("ied", "y"),
        ("edly", ""), ("ed", ""), ("ers", "er"), ("ly", ""), ("sses", "ss"), ("ss", "ss"), ("s", ""),
    ];
}
