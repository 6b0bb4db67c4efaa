using System.Text;
using System.Text.RegularExpressions;

namespace CryptoDigest.Summaries;

/// <summary>
/// Removes links from text written from untrusted articles (summaries, brief prose, model
/// answers) before it is stored or shown: web addresses, markdown links (their words stay),
/// e-mail addresses and bare domains such as "claim-airdrop.com", which Telegram and Discord
/// would turn into links by themselves. A reply's only links are then an article's own URL or
/// a knowledge-base source, carried as citations (docs/hardening.md).
/// </summary>
public static partial class SummaryLinks
{
    // The endings the platforms auto-link and newsletters mention; "Node.js" or "e.g." are not domains.
    private static readonly HashSet<string> TopLevelDomains = new(StringComparer.OrdinalIgnoreCase)
    {
        "com", "net", "org", "info", "biz", "io", "co", "ai", "app", "dev", "xyz", "gg", "me", "tv", "cc", "ws", "to", "ly", "sh", "so",
        "fi", "finance", "exchange", "network", "money", "cash", "trade", "markets", "capital", "fund", "crypto", "top", "site", "online",
        "club", "pro", "tech", "link", "live", "news", "blog", "art", "one", "vip", "win", "bet", "lol", "wtf", "ltd", "inc", "global",
        "world", "today", "zone", "space", "digital", "media", "email", "gold", "bank", "land", "store", "shop", "click", "fyi", "wiki",
        "us", "uk", "de", "fr", "ru", "cn", "jp", "kr", "in", "br", "ca", "au", "ch", "nl", "se", "no", "es", "it", "pl", "eu", "be", "at",
        "dk", "ie", "nz", "sg", "hk", "tw", "vn", "id", "ph", "th", "my", "ae", "za", "mx", "ar", "tr", "ua", "il", "is", "li", "lu", "ee",
        "lt", "lv", "cz", "sk", "hu", "ro", "bg", "gr", "pt", "cy", "mt", "su", "la", "am", "fm", "im", "ms", "nu", "pw", "vc", "ac", "ax",
    };

    /// <summary>The text with every link, e-mail address and bare domain removed (a markdown link keeps its words).</summary>
    public static string Remove(string text) => RemoveExcept(text, static _ => false);

    /// <summary>The markdown, HTML-free pattern of a link the platforms would show; used to gather a passage's own links.</summary>
    public static IEnumerable<string> WebLinks(string text) =>
        Link().Matches(text).Where(m => m.Groups["url"].Success).Select(m => m.Groups["url"].Value);

    /// <summary>
    /// The text with every link removed except those <paramref name="allowed"/> accepts; the test
    /// gets the full address for a web link and the host for a bare domain or e-mail address.
    /// </summary>
    public static string RemoveExcept(string text, Func<string, bool> allowed, string replacement = "")
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        string replaced;
        try
        {
            replaced = Link().Replace(text, m =>
            {
                if (m.Groups["label"].Success)
                {
                    // The words stay, themselves cleaned: "[binance.com](https://evil.example)" must lose both.
                    return allowed(m.Groups["target"].Value) ? m.Value : RemoveExcept(m.Groups["label"].Value, allowed, replacement);
                }

                if (m.Groups["url"].Success)
                {
                    // A full stop or comma right after a link ends the sentence, not the link.
                    var link = m.Value.TrimEnd('.', ',', ';', ':', '!', '?');
                    return allowed(link) ? m.Value : replacement + m.Value[link.Length..];
                }

                var host = m.Groups["host"].Value.TrimEnd('.');
                var tld = host[(host.LastIndexOf('.') + 1)..];
                if (!TopLevelDomains.Contains(tld))
                {
                    return m.Value;
                }

                return allowed(host) ? m.Value : replacement + m.Value[m.Value.TrimEnd('.', ',', ';', ':', '!', '?').Length..];
            });
        }
        catch (RegexMatchTimeoutException)
        {
            // Pathological text: nothing of it is worth showing with its links in.
            return string.Empty;
        }

        return ReferenceEquals(replaced, text) || replaced == text ? text : Tidy(replaced);
    }

    /// <summary>Spaces left where a link was are collapsed, and no space is left before punctuation.</summary>
    private static string Tidy(string text)
    {
        var output = new StringBuilder(text.Length);
        foreach (var line in text.Split('\n'))
        {
            if (output.Length > 0)
            {
                output.Append('\n');
            }

            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < words.Length; i++)
            {
                var word = words[i];
                if (i > 0 && !(word.Length > 0 && word[0] is '.' or ',' or ';' or ':' or '!' or '?' or ')'))
                {
                    output.Append(' ');
                }

                output.Append(word);
            }
        }

        return output.ToString().Replace("()", string.Empty, StringComparison.Ordinal).Trim();
    }

    // Linear-time engine: the text comes from articles and models, so no input may make it backtrack.
    // No counted repetitions: they would make the automaton too large for the linear engine.
    [GeneratedRegex(
        @"\[(?<label>[^\]\n]*)\]\((?<target>[^)\s]+)\)"
        + @"|(?<url>(?:https?|ftp)://[^\s<>()""']+|www\.[^\s<>()""']+)"
        + @"|[\w.+\-]+@(?<host>(?:[a-z0-9\-]+\.)+[a-z][a-z]+)"
        + @"|\b(?<host>(?:[a-z0-9][a-z0-9\-]*\.)+[a-z][a-z]+)\b(?:/[^\s<>()""']*)?",
        RegexOptions.IgnoreCase | RegexOptions.NonBacktracking | RegexOptions.CultureInvariant,
        matchTimeoutMilliseconds: 1000)]
    private static partial Regex Link();
}
