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
    // Name words too common to mean the newsletter by themselves ("security" for "Security Weekly").
    private static readonly HashSet<string> GenericNameWords = new(StringComparer.Ordinal)
    {
        "the", "research", "weekly", "daily", "insights", "insight", "newsletter", "news", "digest", "report", "index",
        "security", "crypto", "bitcoin", "ethereum", "market", "markets", "capital", "block", "chain", "data", "labs",
        "analytics", "intelligence", "hashrate", "defi", "week", "wire", "brief", "letter", "journal", "review",
        "update", "updates", "morning", "evening", "signal", "onchain", "finance", "money", "price", "trading",
    };

    // Words that ask rather than say what about: taken out of the topic.
    private static readonly HashSet<string> AskingWords = new(StringComparer.Ordinal)
    {
        "what", "whats", "did", "do", "does", "say", "said", "says", "saying", "think", "thinks", "thought", "wrote",
        "write", "writes", "written", "writing", "mention", "mentioned", "mentions", "cover", "covered", "newsletter",
        "newsletters", "sources", "piece", "pieces", "article", "articles", "writeup", "issue", "issues", "find",
        "that", "this", "week", "weeks", "last", "latest", "recent", "recently", "past", "today", "yesterday", "month",
        "days", "the", "a", "an", "about", "on", "of", "in", "any", "anything", "me", "show", "tell", "i", "is", "are",
        "was", "were", "there", "from", "by", "to", "have", "has", "had", "how", "their", "they", "them", "it", "its",
        "s", "t", "don", "doesn", "didn", "and", "or", "for", "with", "you", "your", "can", "could", "please", "where", "which", "who", "new",
    };

    private static readonly HashSet<string> IssueWords = new(StringComparer.Ordinal)
    {
        "this", "last", "latest", "that", "recent", "newest", "todays", "yesterdays", "weeks",
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
    public static ArchiveQuestion? Parse(string question, IReadOnlyCollection<string> sources, int retentionDays)
    {
        var words = Words(question);
        var lower = words.Select(w => w.ToLowerInvariant()).ToList();
        var (source, sourceWords) = NamedSource(lower, sources);
        if (source is null && !HasContentCue(lower))
        {
            return null;
        }

        var days = Math.Min(WindowDays(lower) ?? retentionDays, retentionDays);
        var coverage = source is null && (lower.Contains("newsletters") || lower.Contains("sources"));
        var topic = words.Where((w, i) => !sourceWords.Contains(i) && !AskingWords.Contains(lower[i]) && !lower[i].All(char.IsDigit)).ToList();
        // A year asked about is a name too: an issue about another year does not answer it.
        var names = topic.Where((w, i) => IsName(w, words.IndexOf(w))).Concat(words.Where(NameWords.IsYear)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return new ArchiveQuestion(string.Join(' ', topic), source, days, coverage, names);
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

    // A name: capitalised after the first word ("Bybit", "BlackRock"), in capitals ("FTX", "ETF"), or letters with digits ("L2").
    private static bool IsName(string word, int position) =>
        word.Length >= 2 && (
            (char.IsUpper(word[0]) && position > 0) ||
            (word.All(c => char.IsUpper(c) || char.IsDigit(c)) && word.Any(char.IsLetter)) ||
            (word.Any(char.IsDigit) && word.Any(char.IsLetter)));

    private static (string? Source, HashSet<int> Words) NamedSource(List<string> lower, IReadOnlyCollection<string> sources)
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

            var distinctive = name.Where(w => w.Length >= 4 && !GenericNameWords.Contains(w)).ToHashSet(StringComparer.Ordinal);
            var at = lower.FindIndex(distinctive.Contains);
            if (at >= 0)
            {
                return (source, [at]);
            }
        }

        return (null, []);
    }

    private static bool HasContentCue(List<string> lower)
    {
        for (var i = 0; i < lower.Count; i++)
        {
            var previous = i > 0 ? lower[i - 1] : string.Empty;
            var beforeThat = i > 1 ? lower[i - 2] : string.Empty;
            if (PieceWords.Contains(lower[i])
                || (lower[i] == "week" && previous is "this" or "last")
                || (lower[i] is "issue" or "issues" && (IssueWords.Contains(previous) || IssueWords.Contains(beforeThat))))
            {
                return true;
            }
        }

        return false;
    }

    // "today" 1, "yesterday" 2, "this week" 7, "last week" 14, "this month" 31, "last month" 62, "last n days" n.
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
                case "days" when int.TryParse(previous, out var n) && n > 0:
                    return n;
            }
        }

        return null;
    }
}
