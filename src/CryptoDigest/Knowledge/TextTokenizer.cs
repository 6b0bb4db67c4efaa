using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CryptoDigest.Knowledge;

/// <summary>
/// Turns text into search terms: lower case, letters and digits only, common English
/// words dropped, and a light suffix stemmer so "wallets" finds "wallet" and "weighted"
/// finds "weighting". Deliberately simple: the corpus is small and curated.
/// </summary>
public static partial class TextTokenizer
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

    /// <summary>Whether the word is one of the common words dropped from search ("many", "the"): it never names a thing.</summary>
    public static bool IsStopWord(string word) => StopWords.Contains(word);

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
        if (StopWords.Contains(word))
        {
            return;
        }

        // Shorthand is searched as what it stands for on both sides: "CEO" in an issue meets "chief executive" in a question.
        if (Shorthand.WrittenOut(word) is { } written)
        {
            tokens.AddRange(written.Split(' ', '-').Where(w => w.Length > 0 && !StopWords.Contains(w)).Select(Term));
            return;
        }

        // "fy2026" is fiscal year 2026 and "30y" (or "30yr") 30 years, as the texts write them out.
        // Cheap tests first: every word of every passage passes here.
        if (word.StartsWith("fy", StringComparison.Ordinal) && FiscalYear().Match(word) is { Success: true } fiscal)
        {
            tokens.AddRange(["fiscal", "year", fiscal.Groups[1].Value]);
            return;
        }

        if (char.IsAsciiDigit(word[0]) && word[^1] is 'y' or 'r' or 's' && Years().Match(word) is { Success: true } years)
        {
            tokens.AddRange([years.Groups[1].Value, "year"]);
            return;
        }

        tokens.Add(Term(word));
    }

    [GeneratedRegex(@"^fy(\d{2}|\d{4})$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex FiscalYear();

    [GeneratedRegex(@"^(\d{1,2})(y|yr|yrs)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Years();

    private static string Term(string word) => Synonyms.TryGetValue(word, out var concept) ? concept : Stem(word);

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
                word = word[..^suffix.Length] + replacement;
                // "capped", "dropped", "stopping": the doubled consonant goes with the suffix.
                if (suffix is "ed" or "ing" && word.Length >= 4 && word[^1] == word[^2] && word[^1] is not ('l' or 's' or 'z' or 'e' or 'o'))
                {
                    word = word[..^1];
                }

                break;
            }
        }

        // Porter's last step: a final silent e goes, so "reverse", "reversed" and "reversing" meet.
        return word.Length >= 5 && word[^1] == 'e' && word[^2] != 'e' ? word[..^1] : word;
    }

    /// <summary>
    /// Words members use for the same thing the texts say another way, mapped to one term on both
    /// sides (question and passage): "refund" and "irreversible" to reversal, "stolen" to hack.
    /// </summary>
    private static readonly Dictionary<string, string> Synonyms = BuildSynonyms(
        ("revers", ["reverse", "reversed", "reverses", "reversing", "reversal", "reversals", "reversible", "irreversible", "irreversibly", "undo", "undone", "refund", "refunds", "refunded", "chargeback", "chargebacks"]),
        ("custody", ["custody", "custodial", "custodian", "custodians", "noncustodial"]),
        ("hack", ["hack", "hacks", "hacked", "hacking", "hacker", "hackers", "stolen", "steal", "stealing", "stole", "theft", "thefts"]),
        ("crash", ["crash", "crashes", "crashed", "crashing", "collapse", "collapses", "collapsed", "plunge", "plunged", "plunges", "tank", "tanked", "tanking"]),
        ("volatil", ["volatile", "volatility", "volatilities", "swing", "swings", "swinging", "turbulent", "turbulence", "choppy"]),
        ("anonym", ["anonymous", "anonymity", "anonymously", "pseudonymous", "pseudonymity"]),
        ("multisig", ["multisig", "multisignature"]),
        ("rebalanc", ["rebalance", "rebalanced", "rebalances", "rebalancing", "reweight", "reweighting", "reweighted", "reset", "resets"]),
        ("panic", ["panic", "panics", "panicking", "panicked", "panicky"]),
        ("recover", ["recover", "recovers", "recovered", "recovering", "recovery", "rebound", "rebounds", "rebounded"]),
        ("mining", ["mine", "mines", "mined", "mining", "miner", "miners"]),
        ("frequent", ["frequent", "frequently", "frequency", "often"]),
        ("exchang", ["coinbase", "kraken", "bybit", "okx", "bitstamp", "gemini", "robinhood", "bitfinex", "kucoin"]),
        ("100", ["hundred"]),
        ("10", ["ten"]),
        ("1000", ["thousand"]));

    private static Dictionary<string, string> BuildSynonyms(params (string Concept, string[] Words)[] groups)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (concept, words) in groups)
        {
            foreach (var word in words)
            {
                map[word] = concept;
            }
        }

        return map;
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
        // Irregular past forms, joined to the stem of their other forms: "how much did they sell" finds "it had sold".
        ["sold"] = "sell",
        ["bought"] = "buy",
        ["fell"] = "fall",
        ["paid"] = "pay",
        ["spent"] = "spend",
        ["grew"] = "grow",
        ["grown"] = "grow",
        ["held"] = "hold",
    };

    // Ordered longest first; a light Porter-style pass, enough to join the forms members type.
    private static readonly (string Suffix, string Replacement)[] Suffixes =
    [
        ("ations", "ate"), ("ation", "ate"), ("ings", ""), ("ing", ""), ("ies", "y"), ("ied", "y"),
        ("edly", ""), ("ed", ""), ("ers", "er"), ("ly", ""), ("sses", "ss"), ("ss", "ss"), ("s", ""),
    ];
}
