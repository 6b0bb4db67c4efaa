using System.Text.RegularExpressions;

namespace CryptoDigest.Security.LinkCheck;

/// <summary>
/// Finds the addresses in a message: URLs with a scheme, and bare domains whose ending is a real
/// public suffix (so "e.g." or "file.txt" are not mistaken for links). Trailing punctuation is not
/// part of a link.
/// </summary>
public sealed partial class LinkFinder(PublicSuffixList suffixes)
{
    public IReadOnlyList<string> Find(string text, int max)
    {
        var found = new List<string>();
        foreach (Match match in Candidates().Matches(text))
        {
            if (match.Index > 0 && text[match.Index - 1] is '@' or '.' or '-' or '_' or '/')
            {
                continue;
            }

            var link = match.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')', ']', '}', '\'', '"', '»', '…');
            if (!match.Groups["scheme"].Success && !HasPublicSuffix(link))
            {
                continue;
            }

            if (!found.Contains(link, StringComparer.OrdinalIgnoreCase))
            {
                found.Add(link);
            }

            if (found.Count >= max)
            {
                break;
            }
        }

        return found;
    }

    private bool HasPublicSuffix(string link)
    {
        var result = LinkCanonicalizer.Canonicalize(link);
        if (result.Link is not { IsIpAddress: false } canonical)
        {
            return result.Link is { IsIpAddress: true } && link.Count(c => c == '.') == 3;
        }

        var last = canonical.Host[(canonical.Host.LastIndexOf('.') + 1)..];
        return suffixes.Split(last).Suffix == last && suffixes.IsListed(last);
    }

    [GeneratedRegex(@"(?<scheme>(?:https?|hxxps?)://|(?:javascript|data):)[^\s<>""']+|(?:[\p{L}\p{N}][\p{L}\p{N}\p{Mn}_-]*[.\u3002\uFF0E\uFF61])+[\p{L}\p{N}-]{2,63}(?::\d{1,5})?(?:[/?#][^\s<>""']*)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Candidates();
}
