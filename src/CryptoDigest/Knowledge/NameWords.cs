using System.Globalization;
using System.Text;

namespace CryptoDigest.Knowledge;

/// <summary>
/// The words of a question that name something (a project, exchange, brand, person), in any case: "is bybit safe",
/// "trezor vs ledger", "what did arthur hayes say". A content word is taken for a name when it is no common English
/// word (SCOWL sizes 10-35, Knowledge/Data/common-words.txt), no common crypto or chat word, and in no indexed
/// passage, nor one slip of the keyboard from a word of one; a year is one too, since a passage about another year
/// does not answer it (docs/knowledge-retrieval.md, "Abstention").
/// </summary>
public static class NameWords
{
    private static readonly Lazy<HashSet<string>> Common = new(LoadCommon, LazyThreadSafetyMode.ExecutionAndPublication);

    // Words of crypto that name nothing in particular: trade terms and slang (ours, not from a list).
    private static readonly string[] Crypto =
    [
        "crypto", "cryptos", "cryptocurrency", "cryptocurrencies", "bitcoin", "bitcoins", "btc", "eth", "ether", "ethereum",
        "altcoin", "altcoins", "alt", "alts", "stablecoin", "stablecoins", "stables", "defi", "nft", "nfts", "dao", "dex",
        "cex", "hodl", "hodling", "fomo", "fud", "ath", "rekt", "moon", "mooning", "lambo", "whale", "whales", "degen",
        "degens", "ape", "aped", "aping", "rug", "rugged", "rugpull", "memecoin", "memecoins", "shitcoin", "shitcoins",
        "airdrop", "airdrops", "staking", "unstake", "unstaking", "validator", "validators", "blockchain", "blockchains",
        "onchain", "multisig", "kyc", "dapp", "dapps", "hashrate", "halving", "mempool", "gwei", "sats", "perp", "perps",
        "etf", "etfs", "usd", "tvl", "apy", "apr", "bullish", "bearish", "btfd", "ngmi", "wagmi", "gm", "ser", "fren",
        "noob", "noobs", "newb", "dyor", "nfa", "fiat", "asic", "asics", "gpu", "gpus", "pc", "pcs", "app", "apps", "wifi",
        "vpn", "sms", "dm", "dms", "scammer", "scammers", "phishing", "ponzi", "ico", "icos", "rwa", "ai", "api", "apis",
        "algo", "algos", "tokenomics", "mainnet", "testnet", "layer", "bridge", "bridges", "seedphrase", "passphrase",
    ];

    // Chat shorthand: says nothing about what is asked, so it counts neither as a name nor as a word to cover.
    private static readonly HashSet<string> Chat = new(StringComparer.Ordinal)
    {
        "whats", "thats", "dont", "doesnt", "didnt", "cant", "wont", "isnt", "arent", "wasnt", "im", "ive", "youre",
        "ur", "pls", "plz", "thx", "lol", "lmao", "tbh", "imo", "idk", "rn", "abt", "ppl", "yr", "yrs", "shud", "wat", "wut", "nah",
        "yep", "nope", "ok", "okay", "gonna", "wanna", "gotta", "kinda", "sorta", "tho", "bc", "cuz", "coz", "diff",
        "vs", "btw", "fyi", "asap", "smth", "sth", "ya", "yea", "yeah", "hmm", "pic", "pics", "vid", "vids", "some1",
        "sum1", "any1", "every1", "no1", "u", "r", "n", "b4", "2day", "2moro", "gr8", "stuff", "thing", "things",
    };

    /// <summary>The question's words taken for names, as typed (lower case), each once.</summary>
    public static IReadOnlyList<string> Find(string question, IndexedVocabulary indexed) =>
        Words(question)
            .Where(w => IsYear(w) || (w.Length >= 2 && !w.Any(char.IsDigit) && !IsCommon(w) && !indexed.Contains(w) && !indexed.ContainsNear(w)))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>Whether a passage's text mentions the name: a word of it starts with the name ("etf" in "ETFs"), case ignored.</summary>
    public static bool IsMentionedIn(string name, string text) =>
        Words(text).Any(w => w.StartsWith(name, StringComparison.Ordinal));

    /// <summary>A year from 1990 to 2099 written as four digits.</summary>
    public static bool IsYear(string word) =>
        word.Length == 4 && word.All(char.IsAsciiDigit) && int.Parse(word, CultureInfo.InvariantCulture) is >= 1990 and <= 2099;

    /// <summary>Whether the word (or search term) is chat shorthand such as "ppl", "rn" or "some1".</summary>
    public static bool IsChat(string word) => Chat.Contains(word);

    /// <summary>Whether the word is a common English, crypto or chat word (or has the stem of one).</summary>
    public static bool IsCommon(string word) => Common.Value.Contains(word) || Common.Value.Contains(TextTokenizer.Stem(word));

    /// <summary>Lower-case runs of letters and digits, apostrophes skipped ("what's" is "whats"; the stemmer joins "bitcoin's" to "bitcoin").</summary>
    public static IEnumerable<string> Words(string text)
    {
        var current = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else if (c is not ('\'' or '’') && current.Length > 0)
            {
                yield return current.ToString();
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }

    /// <summary>
    /// Whether two words are at most one edit apart (a letter added, dropped, changed, or two neighbours swapped),
    /// counted only for words of five letters or more, where such a slip rarely makes another real word.
    /// </summary>
    public static bool IsOneSlipApart(string typed, string known)
    {
        if (typed.Length < 5 || Math.Abs(typed.Length - known.Length) > 1 || typed == known)
        {
            return false;
        }

        var (i, j) = (0, 0);
        while (i < typed.Length && j < known.Length && typed[i] == known[j])
        {
            (i, j) = (i + 1, j + 1);
        }

        var (a, b) = (typed[i..], known[j..]);
        return a.Length == b.Length
            ? a[1..] == b[1..] || (a.Length >= 2 && a[0] == b[1] && a[1] == b[0] && a[2..] == b[2..])
            : a.Length > b.Length ? a[1..] == b : a == b[1..];
    }

    private static HashSet<string> LoadCommon()
    {
        const string Name = "CryptoDigest.Knowledge.Data.common-words.txt";
        using var stream = typeof(NameWords).Assembly.GetManifestResourceStream(Name)
            ?? throw new InvalidOperationException($"The word list {Name} is missing from {typeof(NameWords).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                words.Add(line);
                words.Add(TextTokenizer.Stem(line));
            }
        }

        foreach (var word in Crypto.Concat(Chat))
        {
            words.Add(word);
            words.Add(TextTokenizer.Stem(word));
        }

        return words;
    }
}
