using CryptoDigest.Knowledge;

namespace CryptoDigest.Archive;

/// <summary>
/// A question about what the newsletters wrote, read from a member's words (docs/archive.md, "Answers from the
/// archive"): the topic left once the newsletter's name and the asking words are taken out, the newsletter named
/// (if any), the window of days, whether it asks for coverage ("what do the newsletters say about X"), and the
/// names in it (capitalised words, tickers) that an answer's passages must mention.
/// </summary>
public sealed record ArchiveQuestion(string Topic, string? Source, int Days, bool Coverage, IReadOnlyList<string> Names)
{
    // "how much", "what level", "when": the answer is a figure or a date, so a quoted sentence holding one is preferred.
    private static readonly HashSet<string> HowWhat = new(StringComparer.Ordinal)
    {
        "much", "many", "big", "low", "high", "far", "long", "fast", "bad", "large", "small", "fat", "huge", "deep", "wide", "steep", "heavy",
        "hard", "quick", "quickly", "strong", "cheap", "expensive", "hot", "sharp", "sharply", "tight", "thin",
    };

    // Words after "what"/"which" that ask for a share ("what share", "what portion").
    private static readonly HashSet<string> ShareWords = new(StringComparer.Ordinal)
    {
        "share", "percent", "percentage", "portion", "proportion", "fraction", "pct", "chunk", "slice", "piece", "cut", "part",
    };

    // Words for a price moving, which an issue often gives as a percentage.
    private static readonly HashSet<string> MoveWords = new(StringComparer.Ordinal)
    {
        "dump", "dumped", "dumping", "pump", "pumped", "pumping", "drop", "dropped", "fall", "fell", "tank", "tanked", "crash",
        "crashed", "rally", "rallied", "jump", "jumped", "rise", "rose", "climb", "climbed", "sink", "sank", "slide", "slid",
    };

    private static readonly HashSet<string> FigureWords = new(StringComparer.Ordinal)
    {
        "when", "level", "levels", "number", "numbers", "figure", "figures", "total", "amount", "percent", "percentage", "rate", "size",
        // An extreme is a figure: "lowest btc went in the selloff", "whats the max bounty".
        "lowest", "highest", "max", "maximum", "minimum", "peak",
    };

    // Months as members shorten them ("the nov dump"); issues write them out.
    private static readonly Dictionary<string, string> Months = new(StringComparer.OrdinalIgnoreCase)
    {
        ["jan"] = "January", ["feb"] = "February", ["apr"] = "April", ["jun"] = "June", ["jul"] = "July", ["aug"] = "August",
        ["sep"] = "September", ["sept"] = "September", ["oct"] = "October", ["nov"] = "November", ["dec"] = "December",
    };

    // Verbs of money moving into or out of funds ("how much went into crypto funds", "how much left the funds"), which issues
    // write as inflows and outflows: with a word for funds in the question, the verb is searched as the issues' word too.
    private static readonly HashSet<string> MovingVerbs = new(StringComparer.Ordinal)
    {
        "went", "gone", "go", "goes", "going", "came", "come", "comes", "coming", "poured", "pour", "pouring", "flowed", "flow", "flowing",
        "pulled", "pull", "pulling", "put", "moved", "move", "rushed", "piled", "took", "taken", "take", "yanked",
    };

    private static readonly HashSet<string> FundWords = new(StringComparer.Ordinal)
    {
        "fund", "funds", "etf", "etfs", "products", "product", "vehicles", "etps", "etp", "money",
    };

    /// <summary>Words that ask for a figure rather than say what about: "much", "big", "number", "per", "share".</summary>
    public static IEnumerable<string> MeasureWords => HowWhat.Concat(FigureWords).Concat(ShareWords).Append("per").Where(w => w != "when");

    /// <summary>The time the question asks about in words ("in october", "after thanksgiving"), searched first; null when none.</summary>
    public QuestionPeriod? Period { get; init; }

    /// <summary>The question as the member typed it (empty when built from a topic): which of its words stand side by side.</summary>
    public string Asked { get; init; } = string.Empty;

    /// <summary>Whether the question asks for a figure or a date ("how much", "what level", "when").</summary>
    public bool AsksFigure { get; init; }

    /// <summary>Whether the question asks who ("who founded it", "whos the ceo"): a sentence naming a person answers it.</summary>
    public bool AsksPerson { get; init; }

    /// <summary>The kind of figure asked for (<see cref="QuestionMeasure"/>), None when no kind is said.</summary>
    public QuestionMeasure Measure { get; init; }

    // Name words too common to mean the newsletter by themselves ("security" for "Security Weekly").
    private static readonly HashSet<string> GenericNameWords = new(StringComparer.Ordinal)
    {
        "the", "research", "weekly", "daily", "insights", "insight", "newsletter", "news", "digest", "report", "index",
        "security", "crypto", "bitcoin", "ethereum", "market", "markets", "capital", "block", "chain", "data", "labs",
        "analytics", "intelligence", "hashrate", "defi", "week", "wire", "brief", "letter", "journal", "review",
        "update", "updates", "morning", "evening", "signal", "onchain", "finance", "money", "price", "trading",
        "coin", "coins", "token", "tokens", "digital", "asset", "assets", "metrics", "protocol", "fund", "funds", "flows",
    };

    // Nouns that follow a project's name ("near protocol", "celestia token"): the two words are then a name,
    // even when the first is an ordinary English word, and an answer's issue must hold them together.
    private static readonly HashSet<string> NamingNouns = new(StringComparer.Ordinal)
    {
        "protocol", "network", "token", "finance", "labs", "chain", "bridge",
    };

    // Words that describe the kind of thing rather than name it ("hardware wallet", "hot wallet", "the protocol").
    private static readonly HashSet<string> Describing = new(StringComparer.Ordinal)
    {
        "hardware", "software", "hot", "cold", "paper", "mobile", "web", "browser", "desktop", "crypto", "bitcoin", "btc",
        "ethereum", "eth", "new", "native", "governance", "utility", "security", "layer", "main", "side", "centralized",
        "decentralized", "custodial", "noncustodial", "multisig", "smart", "best", "safe", "good", "top", "big", "small",
        "own", "my", "your", "their", "our", "this", "that", "his", "her", "a", "an", "the", "any", "which", "what",
        "lending", "staking", "restaking", "bridge", "defi", "dex", "perp", "perps", "stablecoin", "liquid", "spot",
        // What a token is for ("the exchange token", "a gaming token"): the kind, not which one.
        "exchange", "exchanges", "platform", "gaming", "meme", "reward", "rewards", "loyalty", "fee", "privacy", "wallet",
        "gold", "silver", "oil", "commodity", "treasury", "bond", "yield", "wrapped", "synthetic", "bridged",
    };

    // Words that ask rather than say what about: taken out of the topic.
    private static readonly HashSet<string> AskingWords = new(StringComparer.Ordinal)
    {
        "what", "whats", "whos", "did", "do", "does", "say", "said", "says", "saying", "think", "thinks", "thought", "wrote",
        "write", "writes", "written", "writing", "mention", "mentioned", "mentions", "cover", "covered", "newsletter",
        "newsletters", "letters", "sources", "piece", "pieces", "article", "articles", "writeup", "issue", "issues", "find",
        "that", "this", "week", "weeks", "last", "latest", "recent", "recently", "past", "today", "yesterday", "month",
        "days", "the", "a", "an", "about", "on", "of", "in", "any", "anything", "me", "show", "tell", "i", "is", "are",
        "was", "were", "there", "from", "by", "to", "have", "has", "had", "how", "their", "they", "them", "it", "its",
        "s", "t", "don", "doesn", "didn", "and", "or", "for", "with", "you", "your", "can", "could", "please", "where", "which", "who", "new",
        "anyone", "anybody", "someone", "somebody", "post", "posted", "lately", "these", "now", "actually", "really", "something", "according",
        "covering", "report", "reported", "publish", "published", "news", "going", "happening", "happened", "got", "gotten",
    };

    private static readonly HashSet<string> IssueWords = new(StringComparer.Ordinal)
    {
        "this", "last", "latest", "that", "recent", "newest", "todays", "yesterdays", "weeks",
    };

    // "did anyone write about", "someone posted numbers on": asking what was published.
    private static readonly HashSet<string> Someone = new(StringComparer.Ordinal)
    {
        "anyone", "anybody", "someone", "somebody", "any1", "some1",
    };

    private static readonly HashSet<string> PublishingWords = new(StringComparer.Ordinal)
    {
        "write", "wrote", "written", "cover", "covered", "covering", "post", "posted", "mention", "mentioned", "publish", "published", "report", "reported",
    };

    private static readonly HashSet<string> PieceWords = new(StringComparer.Ordinal)
    {
        "newsletter", "newsletters", "piece", "pieces", "article", "articles", "writeup",
    };

    /// <summary>Whether a newsletter's name is this question's newsletter (the one filter /search also uses).</summary>
    public bool MatchesSource(string name) => new ArchiveQuery(Topic, Source, Days).MatchesSource(name);

    /// <summary>
    /// The question as one about newsletter content, or null when it is not one (an index or security question,
    /// which the curated knowledge base answers). It is one when it names a newsletter the bot reads, or says
    /// "newsletter(s)", "piece", "article", "write-up", "this/last/latest ... issue", "this week" or "last week".
    /// </summary>
    /// <remarks>
    /// <paramref name="issueWords"/> (the archive's words, <see cref="ArchiveSnapshot.Vocabulary"/>): a word the issues hold
    /// is what they wrote about ("halden mining"), never a newsletter's name typed loosely ("alden").
    /// </remarks>
    public static ArchiveQuestion? Parse(string question, IReadOnlyCollection<string> sources, int retentionDays, IReadOnlySet<string>? issueWords = null) =>
        Parse(question, sources, retentionDays, open: false, issueWords);

    /// <summary>
    /// The question read as one about newsletter content even without a cue: for a question nothing else took (no
    /// index figure), which the archive answers when it holds something more relevant than the knowledge base
    /// (<see cref="ArchiveAnswerer.AnswersBetter"/>).
    /// </summary>
    public static ArchiveQuestion ParseOpen(string question, IReadOnlyCollection<string> sources, int retentionDays, IReadOnlySet<string>? issueWords = null) =>
        Parse(question, sources, retentionDays, open: true, issueWords)!;

    private static ArchiveQuestion? Parse(string question, IReadOnlyCollection<string> sources, int retentionDays, bool open, IReadOnlySet<string>? issueWords)
    {
        var words = Words(question);
        var lower = words.Select(w => w.ToLowerInvariant()).ToList();
        var held = issueWords ?? new HashSet<string>(StringComparer.Ordinal);
        var (source, sourceWords) = NamedSource(lower, sources, held);
        // The newsletter's other words, however typed ("lyn aldn"), are its name too, not the topic.
        sourceWords.UnionWith(SourceWordsElsewhere(lower, source, held));
        if (source is null && !open && !HasContentCue(lower))
        {
            return null;
        }

        var days = Math.Min(WindowDays(lower) ?? retentionDays, retentionDays);
        var coverage = source is null && (lower.Contains("newsletters") || lower.Contains("sources") || SaysTheLetters(lower));
        // Chat shorthand ("abt", "rn", "wat") says nothing about the topic and would only dilute its words.
        var period = QuestionPeriod.Read(lower);
        var topic = words.Where((w, i) => !sourceWords.Contains(i) && !AskingWords.Contains(lower[i]) && !NameWords.IsChat(lower[i]) && lower[i].Length > 1 && !lower[i].All(char.IsDigit))
            .Select(w => Months.TryGetValue(w, out var month) ? month : Shorthand.WrittenOut(w) ?? w)
            .ToList();
        topic.AddRange(FlowWords(lower));
        // A year asked about is a name too: an issue about another year does not answer it.
        // A month asked about as a time ("in mid nov") is no name an issue must hold: the time orders the issues instead.
        var names = topic.Where(w => IsName(w, words.IndexOf(w)) && !(period is not null && QuestionPeriod.IsMonth(w))).Concat(words.Where(NameWords.IsYear)).Concat(NamedThings(lower, sourceWords))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        // "what %" asks for a share: the sign is no word of the question.
        var asksFigure = question.Contains('%', StringComparison.Ordinal) || lower.Any(FigureWords.Contains) || lower.Where((w, i) => w == "how" && i + 1 < lower.Count && HowWhat.Contains(lower[i + 1])).Any();
        var measure = MeasureOf(question, lower);
        return new ArchiveQuestion(string.Join(' ', topic), source, days, coverage, names) { AsksFigure = asksFigure || measure != QuestionMeasure.None, Measure = measure, Period = period, Asked = question, AsksPerson = AsksForPerson(lower) };
    }

    // "went into", "pull in", "came back into" funds are inflows; "left", "pulled out of", "took out of" funds are outflows.
    private static IEnumerable<string> FlowWords(List<string> lower)
    {
        if (!lower.Any(FundWords.Contains))
        {
            return [];
        }

        var flows = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < lower.Count; i++)
        {
            var next = lower.Skip(i + 1).SkipWhile(w => w is "back" or "right" or "straight").FirstOrDefault() ?? string.Empty;
            if (lower[i] is "left" or "leaving" or "fled" or "exited" or "withdrawn" || (MovingVerbs.Contains(lower[i]) && next is "out"))
            {
                flows.Add("outflows");
            }
            else if (MovingVerbs.Contains(lower[i]) && next is "into" or "in" or "inside")
            {
                flows.Add("inflows");
            }
        }

        return flows;
    }

    /// <summary>The kind of figure the question asks for: the first "how much/many/long/high" or "what share/%" in it.</summary>
    public static QuestionMeasure MeasureOf(string question, IReadOnlyList<string> lower)
    {
        for (var i = 0; i + 1 < lower.Count; i++)
        {
            var (word, next) = (lower[i], lower[i + 1]);
            if (word == "how")
            {
                var kind = next switch
                {
                    "many" => QuestionMeasure.Count,
                    "long" => QuestionMeasure.Duration,
                    // "how much of the supply" asks for a share of it.
                    "much" when i + 2 < lower.Count && lower[i + 2] == "of" => QuestionMeasure.Share,
                    // "passed, by how much", "dropped by how much": a margin, in whatever unit the change is counted.
                    "much" when i > 0 && lower[i - 1] == "by" => QuestionMeasure.Level,
                    // "how much did hvg dump": a price's move, in whatever unit the issue gives it (often a percentage).
                    "much" when lower.Any(MoveWords.Contains) => QuestionMeasure.Level,
                    "much" or "big" or "large" or "huge" or "heavy" => QuestionMeasure.Amount,
                    _ when HowWhat.Contains(next) => QuestionMeasure.Level,
                    _ => QuestionMeasure.None,
                };
                if (kind != QuestionMeasure.None)
                {
                    return kind;
                }
            }

            if (word is "what" or "which" or "wat" && ShareWords.Contains(next))
            {
                return QuestionMeasure.Share;
            }

            // "where was the cost basis", "where did the yield go": where a measure stands, a level.
            if (word is "where" or "wheres" && next is "is" or "was" or "s" or "did" or "does" or "are" or "were")
            {
                return QuestionMeasure.Level;
            }
        }

        // "what did they put the cost basis at", "where's the funding rate at": a question ending in "at" asks for a level.
        return question.Contains('%', StringComparison.Ordinal) || lower.Any(w => w is "percent" or "percentage") ? QuestionMeasure.Share
            : lower.Count > 2 && lower[^1] == "at" ? QuestionMeasure.Level
            : QuestionMeasure.None;
    }

    /// <summary>Letters and digits runs, with a possessive "'s" dropped ("Glassnode's" is "Glassnode").</summary>
    public static List<string> Words(string text)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                start = start < 0 ? i : start;
                continue;
            }

            if (start >= 0)
            {
                words.Add(text[start..i]);
                start = -1;
            }

            // Skip the "s" of a possessive.
            if (i + 1 < text.Length && text[i] is '\'' or '’' && text[i + 1] is 's' or 'S' && (i + 2 == text.Length || !char.IsLetterOrDigit(text[i + 2])))
            {
                i++;
            }
        }

        return words;
    }

    // "near protocol", "exodus wallet": a word before a naming noun, unless it only describes the kind of thing.
    private static IEnumerable<string> NamedThings(List<string> lower, HashSet<int> sourceWords)
    {
        for (var i = 1; i < lower.Count; i++)
        {
            var first = lower[i - 1];
            // The newsletter's own words name its issue or section ("messari chain report"), not a thing it wrote about.
            if (sourceWords.Contains(i - 1) || sourceWords.Contains(i))
            {
                continue;
            }

            // A verb's form ("leaving exchanges", "hacked wallet"), chat shorthand ("abt") or a common word ("how many token
            // projects") names nothing.
            // So does a superlative ("safest exchange", "cheapest chain").
            var verbal = first.EndsWith("ing", StringComparison.Ordinal) || first.EndsWith("ed", StringComparison.Ordinal) || first.EndsWith("est", StringComparison.Ordinal);
            // "which gpu rental network", "what lending protocol": the words after which/what say what kind of thing is asked
            // for by name, so they name nothing themselves.
            var askedFor = lower.Skip(Math.Max(0, i - 4)).Take(Math.Min(i, 4)).Any(w => w is "which" or "what" or "wat" or "whats");
            if (NamingNouns.Contains(lower[i]) && first.Length >= 3 && !verbal && !askedFor && !first.Any(char.IsDigit) && !NameWords.IsChat(first)
                && !TextTokenizer.IsStopWord(first) && !Describing.Contains(first) && !AskingWords.Contains(first) && !NamingNouns.Contains(first))
            {
                yield return $"{first} {lower[i]}";
            }

            // "ashgrove bitcoin etf": an issuer's name, then what the fund holds, then the kind of fund; an issue about the
            // issuer's other products ("Ashgrove Treasury Fund") does not answer it.
            if (i >= 2 && lower[i] is "etf" or "etfs" && Describing.Contains(first) && IsIssuer(lower[i - 2]))
            {
                yield return $"{lower[i - 2]} {lower[i]}";
            }

            // "the bank of canada": a central bank is named by its country, and an issue naming another bank or the country
            // alone ("flows from Canada") does not answer it.
            if (i >= 2 && first == "of" && lower[i - 2] == "bank" && lower[i].Length >= 3 && !NameWords.IsChat(lower[i]))
            {
                yield return $"bank of {lower[i]}";
            }

            // "tamsin's euro stablecoin": an issuer, the currency its coin tracks, then the kind of coin; an issue about the
            // issuer's coin in another currency ("Tamsin USD") does not answer it, one naming "Tamsin EUR" does.
            if (i >= 2 && lower[i] is "stablecoin" or "stablecoins" or "stable" or "coin" or "token" && CurrencyForms(first).Count > 0 && IsIssuer(lower[i - 2]))
            {
                yield return $"{lower[i - 2]} {first}";
            }
        }
    }

    /// <summary>The ways issues write a currency a coin tracks ("euro", "eur"), empty for a word that is none.</summary>
    public static IReadOnlyList<string> CurrencyForms(string word) => word.ToLowerInvariant() switch
    {
        "euro" or "euros" or "eur" => ["euro", "eur"],
        "dollar" or "dollars" or "usd" => ["dollar", "usd"],
        "yen" or "jpy" => ["yen", "jpy"],
        "pound" or "sterling" or "gbp" => ["pound", "sterling", "gbp"],
        "franc" or "chf" => ["franc", "chf"],
        _ => [],
    };

    // "who founded ...", "whos the ceo", "whats his name", "the ceo's name" and "what's the ceo called": a person (or a firm)
    // is asked for.
    private static bool AsksForPerson(List<string> lower) =>
        lower.Any(w => w is "who" or "whos" or "whom") || (lower.Any(w => w is "name" or "called") && lower.Any(PersonWords.Contains));

    // Words that make a name asked for a person's ("his name", "the founder's name", "what's the ceo called").
    private static readonly HashSet<string> PersonWords = new(StringComparer.Ordinal)
    {
        "his", "her", "ceo", "ceos", "cfo", "cto", "founder", "founders", "cofounder", "boss", "chair", "chairman", "president",
        "author", "developer", "dev", "auditor", "auditors", "trader", "analyst",
    };

    private static bool IsIssuer(string word) =>
        word.Length >= 3 && !word.Any(char.IsDigit) && !NameWords.IsCommon(word) && !NameWords.IsChat(word)
            && !Describing.Contains(word) && !AskingWords.Contains(word) && !NamingNouns.Contains(word);

    // A name: capitalised after the first word ("Bybit", "BlackRock"), in capitals ("FTX", "ETF"), or letters with digits
    // ("X1"), unless those are a measure ("10yr", "Q1", "50bp"), which says when or how much, not what.
    private static bool IsName(string word, int position) =>
        word.Length >= 2 && !(word.Any(char.IsDigit) && NameWords.IsMeasure(word)) && (
            (char.IsUpper(word[0]) && position > 0) ||
            (word.All(c => char.IsUpper(c) || char.IsDigit(c)) && word.Any(char.IsLetter)) ||
            (word.Any(char.IsDigit) && word.Any(char.IsLetter)));

    private static (string? Source, HashSet<int> Words) NamedSource(List<string> lower, IReadOnlyCollection<string> sources, IReadOnlySet<string> issueWords)
    {
        foreach (var source in sources.OrderByDescending(s => s.Length))
        {
            var name = Words(source).Select(w => w.ToLowerInvariant()).ToList();
            for (var i = 0; i + name.Count <= lower.Count; i++)
            {
                if (name.Count > 0 && lower.Skip(i).Take(name.Count).SequenceEqual(name, StringComparer.Ordinal))
                {
                    return (source, Enumerable.Range(i, name.Count).ToHashSet());
                }
            }

            var distinctive = name.Where(w => IsDistinctive(w)).ToHashSet(StringComparer.Ordinal);
            var joined = name.Count > 1 ? string.Concat(name) : null;
            var at = lower.FindIndex(w => distinctive.Contains(w) || w == joined);
            if (at >= 0)
            {
                return (source, [at]);
            }
        }

        // Members type names loosely: "glasnode", "delphis", "milkroads". Only when no source was named exactly.
        foreach (var source in sources.OrderByDescending(s => s.Length))
        {
            var name = Words(source).Select(w => w.ToLowerInvariant()).ToList();
            var forms = name.Where(IsDistinctive).ToList();
            if (name.Count > 1)
            {
                forms.Add(string.Concat(name));
            }

            var at = lower.FindIndex(w => forms.Any(f => IsLooseForm(w, f, issueWords)));
            if (at >= 0)
            {
                return (source, [at]);
            }
        }

        return (null, []);
    }

    // The positions of the words that are the named newsletter's own words, exactly or loosely typed ("aldn" for Alden).
    private static IEnumerable<int> SourceWordsElsewhere(List<string> lower, string? source, IReadOnlySet<string> issueWords)
    {
        if (source is null)
        {
            return [];
        }

        var name = Words(source).Select(w => w.ToLowerInvariant()).Where(w => w.Length >= 3 && !GenericNameWords.Contains(w)).ToList();
        return Enumerable.Range(0, lower.Count).Where(i => name.Any(n => lower[i] == n || IsLooseForm(lower[i], n, issueWords)));
    }

    // A word of a newsletter's name that means it by itself: four letters or more and not generic, or three that are no common word ("lyn").
    private static bool IsDistinctive(string word) =>
        !GenericNameWords.Contains(word) && (word.Length >= 4 || (word.Length == 3 && !NameWords.IsCommon(word)));

    // A word typed for a name: the name with an "s" (a possessive without its apostrophe), or one slip of the keyboard from it
    // or from it spelt as it sounds ("delfi" for "Delphi"),
    // unless the issues hold the word itself ("halden" is a miner they wrote about, not "alden" mistyped).
    private static bool IsLooseForm(string word, string name, IReadOnlySet<string> issueWords) =>
        word == name + "s" || (!NameWords.IsCommon(word) && !issueWords.Contains(word)
            && (NameWords.IsOneSlipApart(word, name) || (name.Contains("ph", StringComparison.Ordinal) && name.Replace("ph", "f", StringComparison.Ordinal) is var sounded
                && (word == sounded || NameWords.IsOneSlipApart(word, sounded)))));

    private static bool HasContentCue(List<string> lower)
    {
        for (var i = 0; i < lower.Count; i++)
        {
            var previous = i > 0 ? lower[i - 1] : string.Empty;
            var beforeThat = i > 1 ? lower[i - 2] : string.Empty;
            if (PieceWords.Contains(lower[i])
                || (lower[i] == "week" && previous is "this" or "last")
                || (PublishingWords.Contains(lower[i]) && (Someone.Contains(previous) || Someone.Contains(beforeThat)))
                || (lower[i] == "news" && (previous is "any" or "latest" or "recent" || (i + 1 < lower.Count && lower[i + 1] is "on" or "about" or "from")))
                || (lower[i] is "issue" or "issues" && (IssueWords.Contains(previous) || IssueWords.Contains(beforeThat)))
                || SaysTheLetters(lower))
            {
                return true;
            }
        }

        return false;
    }

    // "what do the letters say", "per these letters": members shorten newsletters to letters, with a word for what they
    // wrote or for whose word it is.
    private static bool SaysTheLetters(List<string> lower) =>
        lower.Where((w, i) => w == "letters" && i > 0 && lower[i - 1] is "the" or "these" or "those").Any()
            && lower.Any(w => w is "say" or "said" or "saying" or "says" or "think" or "wrote" or "write" or "writing" or "per" or "according");

    // "today" 1, "yesterday" 2, "this week" 7, "last week" 14, "this month" 31, "last month" 62, "last (past) n days" n.
    private static int? WindowDays(List<string> lower)
    {
        for (var i = 0; i < lower.Count; i++)
        {
            var previous = i > 0 ? lower[i - 1] : string.Empty;
            switch (lower[i])
            {
                case "today":
                    return 1;
                case "yesterday":
                    return 2;
                case "week" when previous is "this" or "past":
                    return 7;
                case "week" when previous == "last":
                    return 14;
                case "month" when previous is "this" or "past":
                    return 31;
                case "month" when previous == "last":
                    return 62;
                // "the last 3 days", not "in those 2 days", which is how long something lasted.
                case "days" when int.TryParse(previous, out var n) && n > 0 && i > 1 && lower[i - 2] is "last" or "past" or "previous":
                    return n;
            }
        }

        return null;
    }
}
