using System.Text;
using System.Text.RegularExpressions;

namespace CryptoDigest.Summaries;

/// <summary>
/// Removes links from text written from untrusted articles (summaries, brief prose, model
/// answers) before it is stored or shown: web addresses, markdown links (their words stay),
/// e-mail addresses and bare domains such as "claim-airdrop.com" (any ending the bundled Public
/// Suffix List knows), which Telegram and Discord would turn into links by themselves. Titles of
/// feed items and e-mail subjects go through it too (<see cref="Title"/>). A reply's only links are
/// then an article's own URL or a knowledge-base source, carried as citations (docs/hardening.md).
/// </summary>
public static partial class SummaryLinks
{
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
                if (!EndsInPublicSuffix(host))
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

    /// <summary>
    /// A title as members see it: the same filter as summaries (a subject "Claim at
    /// uniswap-rewards.claims" must not become a tappable link in every chat); "(untitled)" when
    /// nothing but links was in it.
    /// </summary>
    public static string Title(string title)
    {
        var cleaned = Remove(title);
        return cleaned.Length > 0 || title.Length == 0 ? cleaned : "(untitled)";
    }

    /// <summary>
    /// True when the host's last label is a top-level domain the bundled Public Suffix List knows
    /// (com, claims, today, рф): the platforms auto-link those, while "Node.js" or "e.g." are not domains.
    /// </summary>
    private static bool EndsInPublicSuffix(string host)
    {
        var tld = host[(host.LastIndexOf('.') + 1)..];
        if (!tld.All(char.IsAscii))
        {
            try
            {
                tld = new System.Globalization.IdnMapping().GetAscii(tld);
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        return PublicSuffixList.Embedded.IsListed(tld.ToLowerInvariant());
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
        + @"|[\w.+\-]+@(?<host>(?:[\p{L}\p{N}\-]+\.)+(?:xn--[a-z0-9\-]+|\p{L}\p{L}+))"
        + @"|\b(?<host>(?:[\p{L}\p{N}][\p{L}\p{N}\-]*\.)+(?:xn--[a-z0-9\-]+|\p{L}\p{L}+))\b(?:/[^\s<>()""']*)?",
        RegexOptions.IgnoreCase | RegexOptions.NonBacktracking | RegexOptions.CultureInvariant,
        matchTimeoutMilliseconds: 1000)]
    private static partial Regex Link();
}
