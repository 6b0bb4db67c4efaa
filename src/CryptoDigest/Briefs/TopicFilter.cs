using CryptoDigest.Replies;

namespace CryptoDigest.Briefs;

/// <summary>
/// A chat's topic filter, written "+eth +defi -nft": an item stays when it mentions at least one + term
/// (or there is none) and no - term, looking at its title, summary, theme and the other newsletters'
/// titles of the same story. Coins match by symbol, name, CoinGecko id or nickname (<see cref="CoinNames"/>).
/// </summary>
public sealed record TopicFilter(IReadOnlyList<TopicTerm> Terms)
{
    public const int MaxTerms = 20;
    public const int MaxTermLength = 40;
    public const string Usage = "+term to keep, -term to drop, e.g. +eth +defi -nft (coins by symbol, name or CoinGecko id), or \"none\" for everything";

    private static readonly string[] NoFilterWords = ["none", "off", "all"];

    public static TopicFilter None { get; } = new([]);

    public bool IsEmpty => Terms.Count == 0;

    /// <summary>The + terms, for the line that says nothing was left: "ETH or DeFi".</summary>
    public string DescribeIncludes(string or = " or ") => string.Join(or, Terms.Where(t => t.Include).Select(t => t.Label));

    public bool Keeps(BriefItem item)
    {
        if (IsEmpty)
        {
            return true;
        }

        var raw = string.Join(" \n ", new[] { item.Title, item.Summary, item.Theme }.Concat(item.AlsoIn.Select(a => a.Title)));
        var words = $" {TopicText.Normalize(raw)} ";
        var includes = Terms.Where(t => t.Include).ToList();
        return (includes.Count == 0 || includes.Exists(t => t.IsIn(raw, words)))
            && !Terms.Any(t => !t.Include && t.IsIn(raw, words));
    }

    /// <summary>Reads "+a +b -c" (or "none"/"off"/"all" for no filter); false with a one-line reason and the usage for anything else.</summary>
    public static bool TryParse(string? text, out TopicFilter filter, out string error)
    {
        var parsed = TryParse(text, ReplyTexts.English, out filter, out error);
        error = parsed ? error : $"{error} Topics: {Usage}";
        return parsed;
    }

    /// <summary>As <see cref="TryParse(string?, out TopicFilter, out string)"/>, with only the reason, in <paramref name="texts"/>' language.</summary>
    public static bool TryParse(string? text, ReplyTexts texts, out TopicFilter filter, out string reason)
    {
        filter = None;
        reason = string.Empty;
        var tokens = (text ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (tokens.Length == 0 || (tokens.Length == 1 && NoFilterWords.Contains(tokens[0], StringComparer.OrdinalIgnoreCase)))
        {
            return true;
        }

        if (tokens.Length > MaxTerms)
        {
            reason = texts.Format("Topics.TooMany", MaxTerms);
            return false;
        }

        var terms = new List<TopicTerm>();
        foreach (var token in tokens)
        {
            if (!TryParseTerm(token, out var term))
            {
                reason = texts.Format("Topics.Unreadable", Shorten(token));
                return false;
            }

            if (!terms.Exists(t => t.Word == term.Word))
            {
                terms.Add(term);
            }
        }

        filter = new TopicFilter(terms);
        return true;
    }

    /// <summary>The stored form, parsed back by <see cref="TryParse"/>; empty for no filter.</summary>
    public override string ToString() => string.Join(' ', Terms);

    private static bool TryParseTerm(string token, out TopicTerm term)
    {
        term = new TopicTerm(string.Empty, true, null);
        if (token.Length < 2 || token.Length > MaxTermLength + 1 || token[0] is not ('+' or '-'))
        {
            return false;
        }

        var word = token[1..].ToLowerInvariant();
        // Letters, digits and inner hyphens or dots ("layer-2", "real-world-assets"): a word, never markup.
        if (!char.IsLetterOrDigit(word[0]) || !char.IsLetterOrDigit(word[^1]) || !word.All(c => char.IsLetterOrDigit(c) || c is '-' or '.'))
        {
            return false;
        }

        term = new TopicTerm(word, token[0] == '+', CoinNames.Find(word));
        return true;
    }

    private static string Shorten(string token) => token.Length <= 40 ? token : token[..40] + "…";
}
