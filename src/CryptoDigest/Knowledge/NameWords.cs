using System.Globalization;
using System.Text;

namespace CryptoDigest.Knowledge;

/// <summary>
/// The words of a question that name something (a project, exchange, brand, person), in any case: "is bybit safe",
/// "trezor vs ledger", "what did arthur hayes say". A content word is taken for a name when it is no English word
/// (SCOWL sizes 10-55 in four spellings: the everyday ones in Knowledge/Data/common-words.txt, the rarer in
/// english-words.txt), no common crypto or chat word, and in no indexed
/// passage, nor one slip of the keyboard from a word of one; a year is one too, since a passage about another year
/// does not answer it (docs/knowledge-retrieval.md, "Abstention"). A crypto name that is also an English word
/// (Knowledge/Data/crypto-names.txt: "exodus", "phantom", "near") is one when the question marks it as a name (a
/// capital after the first word, "near protocol", "exodus wallet", "vs"), or, for a word outside everyday English,
/// when no indexed passage holds it.
/// </summary>
public static class NameWords
{
    // Every English word the lists hold, each with whether it is an everyday one (common-words.txt) or a rarer one
    // (english-words.txt), and the crypto and chat words below as everyday ones.
    private static readonly Lazy<Dictionary<string, bool>> Common = new(LoadCommon, LazyThreadSafetyMode.ExecutionAndPublication);

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
        // Units and market shorthand, which the issues write out ("oz" for ounces, "bps" for basis points).
        "oz", "ozs", "mom", "kwh", "mwh", "gwh", "mw", "gw", "th", "ph", "eh", "ths", "phs", "ehs", "ath", "atl",
        "nav", "pnl", "roi", "cpi", "gdp",
        // Market and chain slang members type for everyday things ("the token nuked", "is the yield legit", "tx fees").
        "nuke", "nuked", "nukes", "nuking", "pump", "pumped", "pumping", "dump", "dumped", "dumping", "legit", "screwup", "screwups", "snafu",
        "l1", "l2", "l3", "wen", "szn", "alpha", "bags", "bagholder", "bagholders", "flippening", "cexes", "dexes", "cexs", "dexs", "onchain", "offchain",
        "offline", "online", "hardfork", "hardforks", "softfork", "softforks", "heist", "heists", "preconf", "preconfs",
        "bund", "bunds", "gilt", "gilts", "jgb", "jgbs", "tbill", "tbills", "depeg", "depegs", "depegged", "depegging", "repeg", "repegged",
        "shill", "shills", "shilling", "shilled", "parabolic", "looper", "loopers", "looping", "farmer", "farmers", "yolo", "cope", "copium",
        // Times members name, which the common-word list holds only with a capital ("in mid november", "after thanksgiving").
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mid", "monday", "tuesday", "wednesday",
        "thursday", "friday", "saturday", "sunday", "thanksgiving", "christmas", "xmas", "easter",
    ];

    // Words before a kind that say what sort of thing it is, not which one ("hardware wallet", "safe exchange").
    private static readonly HashSet<string> Describing = new(StringComparer.Ordinal)
    {
        "hardware", "software", "paper", "mobile", "browser", "desktop", "custodial", "noncustodial", "centralized", "decentralized",
        "good", "safe", "best", "cheap", "secure", "trusted", "reliable", "popular", "which", "what", "your", "their", "this", "that",
        "some", "many", "most", "other", "another", "every", "each", "those", "these", "same", "whole", "main", "native", "different",
        "favorite", "favourite", "legit", "fake", "scam", "dodgy", "shady", "major", "small", "large", "huge", "recent", "latest",
        "first", "next", "last", "previous", "public", "private", "open", "closed", "proof", "stake", "work", "side", "cold", "warm",
        "multi", "single", "smart", "web", "online", "offline", "local", "global", "foreign", "offshore", "regulated", "licensed",
    };

    // Chat shorthand: says nothing about what is asked, so it counts neither as a name nor as a word to cover.
    private static readonly HashSet<string> Chat = new(StringComparer.Ordinal)
    {
        "whats", "thats", "dont", "doesnt", "didnt", "cant", "wont", "isnt", "arent", "wasnt", "im", "ive", "youre",
        "ur", "pls", "plz", "thx", "lol", "lmao", "tbh", "imo", "idk", "rn", "abt", "ppl", "yr", "yrs", "shud", "wat", "wut", "nah",
        "yep", "nope", "ok", "okay", "gonna", "wanna", "gotta", "kinda", "sorta", "tho", "bc", "cuz", "coz", "diff",
        "vs", "btw", "fyi", "asap", "smth", "sth", "ya", "yea", "yeah", "hmm", "pic", "pics", "vid", "vids", "some1",
        "sum1", "any1", "every1", "no1", "u", "r", "n", "b4", "2day", "2moro", "gr8", "stuff", "thing", "things",
        "yo", "og", "ogs", "thru", "atm", "ngl", "fr", "frfr", "bruh", "bro", "fam", "smh", "iirc", "afaik", "imho", "tbf", "istg", "lowkey", "highkey", "w", "wtf", "omg",
        "guy", "guys", "dude", "dudes",
    };

    // What a figure is counted in, written after its digits ("10yr", "50bp", "2x", "24h", "3k"): a measure, not a name.
    private static readonly HashSet<string> Units = new(StringComparer.Ordinal)
    {
        "y", "yr", "yrs", "year", "years", "d", "day", "days", "w", "wk", "wks", "mo", "mos", "h", "hr", "hrs", "m", "min", "mins", "s",
        "k", "mm", "b", "bn", "t", "tn", "x", "bp", "bps", "pct", "st", "nd", "rd", "th", "am", "pm", "gb", "tb",
    };

    /// <summary>
    /// Crypto names that are also common English words (Knowledge/Data/crypto-names.txt), each with whether it is
    /// outside the everyday English words (SCOWL sizes 10 and 20), so that it is taken for a name even without a cue.
    /// </summary>
    private static readonly Lazy<Dictionary<string, bool>> CommonNames = new(LoadCommonNames, LazyThreadSafetyMode.ExecutionAndPublication);

    // What a crypto name names, written after it: "exodus wallet", "near protocol", "gemini exchange".
    private static readonly HashSet<string> NamedKinds = new(StringComparer.Ordinal)
    {
        "wallet", "wallets", "exchange", "exchanges", "chain", "chains", "network", "protocol", "token", "tokens", "coin",
        "coins", "blockchain", "app", "dex", "bridge", "airdrop", "ecosystem", "mainnet", "testnet", "l1", "l2", "labs",
        "foundation", "dao", "validators", "extension", "card",
        // What happens to a project: "the curve exploit", "the base outage".
        "hack", "hacks", "exploit", "exploits", "outage", "outages", "depeg", "listing", "unlock", "ipo",
    };

    // What a project offers, written after its name ("harbor restaking", "tidewater lending"): only for an English word no
    // passage holds (the archive's rule below), as these also follow describing words ("liquid staking") the issues use, and
    // only where a name can start ("is harbor restaking", not "eth left restaking", where the word is a verb).
    private static readonly HashSet<string> ServiceKinds = new(StringComparer.Ordinal)
    {
        "restaking", "staking", "lending", "vault", "vaults", "rollup", "rollups", "sidechain", "marketplace", "launchpad",
        "stablecoin", "stablecoins",
    };

    private static readonly HashSet<string> BeforeAName = new(StringComparer.Ordinal)
    {
        "", "is", "are", "was", "the", "a", "an", "on", "about", "from", "at", "in", "with", "for", "of", "and", "or", "via",
        "into", "does", "did", "do", "use", "using", "that", "this", "abt", "w",
    };

    /// <summary>The question's words taken for names, as typed (lower case), each once.</summary>
    public static IReadOnlyList<string> Find(string question, IndexedVocabulary indexed) => Find(question, indexed, false);

    /// <summary>
    /// As <see cref="Find(string, IndexedVocabulary)"/>; with <paramref name="kindNamed"/>, also any English word right before a
    /// word for what it names ("lantern wallet", "kestrel exchange") that no indexed passage holds. The archive asks so: an
    /// issue names the things it is about, while the knowledge base's articles explain kinds of things in general words.
    /// </summary>
    public static IReadOnlyList<string> Find(string question, IndexedVocabulary indexed, bool kindNamed)
    {
        var written = WrittenWords(question).ToList();
        var lower = written.Select(w => w.ToLowerInvariant()).ToList();
        var titleCase = written.Skip(1).Count(w => char.IsUpper(w[0])) * 2 > written.Count - 1;
        // A slip of the keyboard from an indexed word excuses an unknown word, unless the question marks the word as a name
        // ("linea airdrop", "Linea") and the indexed word is an everyday one ("lines"): then it is the name, not a typo.
        bool Unknown(string w, bool cued) => !indexed.Contains(w) && !indexed.ContainsNear(w, known => !cued || !IsCommon(known));
        // A word of letters and digits ("x1", "s9") is a model or a product unless it is a measure ("10yr", "q1") or a layer ("l2").
        return lower
            .Where((w, i) => IsYear(w) || (w.Any(char.IsDigit) && w.Any(char.IsLetter) && !IsMeasure(w) && !IsCommon(w) && Unknown(w, true))
                || (w.Length >= 2 && !w.Any(char.IsDigit) && (IsCommon(w)
                ? (CommonNames.Value.TryGetValue(w, out var rare) && (HasNameCue(written, lower, i, titleCase) || (rare && Unknown(w, false))))
                    || (kindNamed && IsKindNamed(lower, i) && !indexed.Contains(w))
                : Unknown(w, HasNameCue(written, lower, i, titleCase)))))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Whether a passage's text mentions the name: a word of it starts with the name ("etf" in "ETFs"), case ignored.
    /// A crypto name that is also an English word counts only where the text marks it as a name as well: with a
    /// capital that does not open a sentence, or before a word for what it names ("Near" in "Near Protocol", not in
    /// "Near a suspected top" nor in "near the bottom").
    /// </summary>
    public static bool IsMentionedIn(string name, string text)
    {
        if (!CommonNames.Value.ContainsKey(name))
        {
            return Words(text).Any(w => w.StartsWith(name, StringComparison.Ordinal));
        }

        var written = WrittenWords(text).ToList();
        var lower = written.Select(w => w.ToLowerInvariant()).ToList();
        var opening = SentenceOpenings(text);
        return lower.Select((w, i) => (w, i)).Any(x => x.w.StartsWith(name, StringComparison.Ordinal)
            && ((char.IsUpper(written[x.i][0]) && !opening.Contains(x.i)) || (x.i + 1 < lower.Count && NamedKinds.Contains(lower[x.i + 1]))));
    }

    /// <summary>A year from 1990 to 2099 written as four digits.</summary>
    public static bool IsYear(string word) =>
        word.Length == 4 && word.All(char.IsAsciiDigit) && int.Parse(word, CultureInfo.InvariantCulture) is >= 1990 and <= 2099;

    /// <summary>
    /// Whether a word of digits and letters is a measure rather than a name: a figure with its unit ("10yr", "50bp", "2x",
    /// "24h", "3k", "1990s"), a quarter or half of a year ("q1", "h2", "fy25"), not a layer ("L2"), which names a kind of chain.
    /// </summary>
    public static bool IsMeasure(string word)
    {
        var lower = word.ToLowerInvariant();
        var digits = lower.TakeWhile(char.IsAsciiDigit).Count();
        if (digits > 0)
        {
            var rest = lower[digits..];
            return rest.Length == 0 || (rest.All(char.IsAsciiLetter) && Units.Contains(rest));
        }

        var letters = lower.TakeWhile(char.IsAsciiLetter).Count();
        return letters > 0 && lower[letters..].All(char.IsAsciiDigit) && lower[..letters] is "q" or "h" or "fy" or "cy" or "ch";
    }

    /// <summary>
    /// The question's words outside English written right before a word for what they name ("kraken ipo", "coinbase
    /// wallet"), lower case, even where an indexed passage holds them: the passages an answer gives must still name them,
    /// since a passage naming an exchange in passing does not answer a question about its listing.
    /// </summary>
    public static IReadOnlyList<string> BeforeKinds(string question)
    {
        var lower = WrittenWords(question).Select(w => w.ToLowerInvariant()).ToList();
        return lower.Where((w, i) => i + 1 < lower.Count && NamedKinds.Contains(lower[i + 1]) && w.Length >= 3 && !w.Any(char.IsDigit)
                && !IsCommon(w) && !NamedKinds.Contains(w))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Whether the word (or search term) is chat shorthand such as "ppl", "rn" or "some1".</summary>
    public static bool IsChat(string word) => Chat.Contains(word);

    /// <summary>Whether the word is an English, crypto or chat word (or has the stem of one): no name.</summary>
    public static bool IsCommon(string word) => IsListed(word, everydayOnly: false);

    /// <summary>
    /// Whether the word is an everyday English, crypto or chat word: <see cref="IsCommon"/> less the rarer English words
    /// ("megawatts", "inflows"), which still mark a text as being about something in particular.
    /// </summary>
    public static bool IsEveryday(string word) => IsListed(word, everydayOnly: true);

    private static bool IsListed(string word, bool everydayOnly)
    {
        bool Holds(string w) => Common.Value.TryGetValue(w, out var everyday) && (everyday || !everydayOnly);
        return Holds(word) || Holds(TextTokenizer.Stem(word)) || (Plural(word) is { } one && Holds(one));
    }

    // "dexes", "cexs": the plural of a common word (the stemmer leaves some plurals of short words whole).
    private static string? Plural(string word) =>
        word.Length > 4 && word.EndsWith("es", StringComparison.Ordinal) && word[..^2] is [.., 's' or 'x' or 'z' or 'h'] && Common.Value.ContainsKey(word[..^2]) ? word[..^2]
            : word.Length > 3 && word.EndsWith('s') ? word[..^1]
            : null;

    /// <summary>Lower-case runs of letters and digits, apostrophes skipped ("what's" is "whats"; the stemmer joins "bitcoin's" to "bitcoin").</summary>
    public static IEnumerable<string> Words(string text) => WrittenWords(text).Select(w => w.ToLowerInvariant());

    /// <summary>The runs of <see cref="Words"/> in the case they were written.</summary>
    public static IEnumerable<string> WrittenWords(string text)
    {
        var current = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(c);
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

    // The positions (in WrittenWords) of the words that open the text or a sentence (after . ! ? : or a line break).
    private static HashSet<int> SentenceOpenings(string text)
    {
        var openings = new HashSet<int>();
        var (index, ended, inWord) = (0, true, false);
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(c))
            {
                if (!inWord && ended)
                {
                    openings.Add(index);
                }

                (inWord, ended) = (true, false);
            }
            else if (c is not ('\'' or '’'))
            {
                index += inWord ? 1 : 0;
                inWord = false;
                ended |= c is '.' or '!' or '?' or ':' or '\n' or '“' or '"';
            }
        }

        return openings;
    }

    // Any English word right before a word for what it names ("lantern wallet", "kestrel exchange") is the thing's name;
    // when no passage holds the word at all, nothing indexed can be about that thing.
    private static bool IsKindNamed(List<string> lower, int i) =>
        i + 1 < lower.Count && (NamedKinds.Contains(lower[i + 1]) || (ServiceKinds.Contains(lower[i + 1]) && BeforeAName.Contains(i > 0 ? lower[i - 1] : string.Empty))) && !NamedKinds.Contains(lower[i]) && lower[i].Length >= 4 && !Describing.Contains(lower[i])
            && !lower[i].EndsWith("ing", StringComparison.Ordinal) && !lower[i].EndsWith("est", StringComparison.Ordinal) && !Chat.Contains(lower[i])
            && !TextTokenizer.IsStopWord(lower[i]);

    // A crypto name that is also an English word ("near", "exodus") is meant as the name when the question writes it
    // with a capital after its first word (unless the question capitalises most of its words), before a word for what
    // it names ("near protocol", "exodus wallet"), or beside "vs".
    private static bool HasNameCue(List<string> written, List<string> lower, int i, bool titleCase)
    {
        var next = i + 1 < lower.Count ? lower[i + 1] : string.Empty;
        var previous = i > 0 ? lower[i - 1] : string.Empty;
        return (i > 0 && !titleCase && char.IsUpper(written[i][0]))
            || NamedKinds.Contains(next)
            || next is "vs" or "versus" || previous is "vs" or "versus";
    }

    /// <summary>
    /// Whether two words are at most one edit apart (a letter added, dropped, changed, or two neighbours swapped),
    /// counted only for words of five letters or more, where such a slip rarely makes another real word, and for a
    /// four-letter word that drops one letter of a five-letter one.
    /// </summary>
    public static bool IsOneSlipApart(string typed, string known)
    {
        // A four-letter word with one letter dropped from a five-letter one ("puel" for "puell", "aldn" for "alden") counts too.
        if (typed.Length < (known.Length == typed.Length + 1 && !IsCommon(typed) ? 4 : 5) || Math.Abs(typed.Length - known.Length) > 1 || typed == known)
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

    /// <summary>
    /// Whether the typed word is a slip of the keyboard for the known one: one slip, or two on a long word (<see cref="IsTwoSlipsApart"/>),
    /// or a name typed as it is said ("kielda" for "Kielder": an ending "-er" heard as "-a").
    /// </summary>
    public static bool IsMistypedFor(string typed, string known) =>
        IsOneSlipApart(typed, known) || IsTwoSlipsApart(typed, known) || (typed.Length >= 5 && typed[^1] == 'a' && known == typed[..^1] + "er");

    /// <summary>
    /// Whether two long words (seven letters or more) that begin alike (their first four letters) are two edits apart:
    /// members mistype the end of a long name they heard once ("grenmore" for "Grenmoor"), and two slips in a word that long
    /// rarely make another word of the same opening.
    /// </summary>
    public static bool IsTwoSlipsApart(string typed, string known)
    {
        if (typed.Length < 7 || known.Length < 7 || Math.Abs(typed.Length - known.Length) > 1
            || !typed.AsSpan(0, 4).SequenceEqual(known.AsSpan(0, 4)) || IsCommon(typed) || IsCommon(known))
        {
            return false;
        }

        return EditDistance.WithTranspositions(typed, known) == 2;
    }

    private static Dictionary<string, bool> LoadCommonNames()
    {
        var names = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var line in ReadLines("CryptoDigest.Knowledge.Data.crypto-names.txt"))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            names[parts[0]] = parts is [_, "rare"];
        }

        return names;
    }

    /// <summary>The lines of an embedded word list, without its comment lines.</summary>
    internal static IEnumerable<string> ReadLines(string name)
    {
        using var stream = typeof(NameWords).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The word list {name} is missing from {typeof(NameWords).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                yield return line;
            }
        }
    }

    private static Dictionary<string, bool> LoadCommon()
    {
        var words = new Dictionary<string, bool>(StringComparer.Ordinal);
        void Add(string word, bool everyday)
        {
            foreach (var form in new[] { word, TextTokenizer.Stem(word) })
            {
                words[form] = everyday || (words.TryGetValue(form, out var was) && was);
            }
        }

        foreach (var line in ReadLines("CryptoDigest.Knowledge.Data.common-words.txt").Concat(Crypto).Concat(Chat).Concat(Shorthand.Words))
        {
            Add(line, everyday: true);
        }

        foreach (var line in ReadLines("CryptoDigest.Knowledge.Data.english-words.txt"))
        {
            Add(line, everyday: false);
        }

        return words;
    }
}
