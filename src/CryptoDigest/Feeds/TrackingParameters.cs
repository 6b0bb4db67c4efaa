using System.Text;

namespace CryptoDigest.Feeds;

/// <summary>
/// Removes what identifies a reader or a campaign from article links before they are stored or
/// shown: utm_* and the common click ids everywhere, the subscriber's own ids everywhere (beehiiv's
/// _bhlid, Mailchimp's mc_eid, and Substack's r= and token=, which it also puts on publications'
/// own domains), and on the newsletter platforms' hosts every parameter but those that name the
/// page (Mailchimp's e= among them). The one rule for feed and e-mail links alike (docs/email.md).
/// </summary>
public static class TrackingParameters
{
    private static readonly HashSet<string> Identifying = new(StringComparer.OrdinalIgnoreCase)
    {
        "fbclid", "gclid", "mc_cid", "mc_eid", "_hsenc", "_hsmi", "_bhlid", "r", "token",
    };

    // Each platform's hosts (the domain and its subdomains) and the parameters its page addresses need.
    private static readonly (string Domain, string[] Keep)[] Platforms =
    [
        ("substack.com", []),
        ("beehiiv.com", []),
        ("ghost.io", []),
        ("mailchi.mp", []),
        // A Mailchimp archive page is named by its account (u) and campaign (id).
        ("campaign-archive.com", ["u", "id"]),
    ];

    /// <summary>The link as an absolute http(s) URI without tracking parameters, or null when it is not one.</summary>
    public static Uri? Strip(string? link)
    {
        if (link is null || !FeedsOptions.IsHttpUrl(link))
        {
            return null;
        }

        var uri = new Uri(link.Trim());
        if (uri.Query.Length <= 1)
        {
            return uri;
        }

        var platform = PlatformOf(uri.IdnHost);
        var kept = new StringBuilder();
        foreach (var pair in uri.Query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = pair.Split('=', 2)[0];
            var drop = platform is { } keep
                ? !keep.Contains(name, StringComparer.OrdinalIgnoreCase)
                : name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase) || Identifying.Contains(name);
            if (!drop)
            {
                kept.Append(kept.Length == 0 ? '?' : '&').Append(pair);
            }
        }

        return new UriBuilder(uri) { Query = kept.Length == 0 ? string.Empty : kept.ToString(1, kept.Length - 1) }.Uri;
    }

    /// <summary>True for a host of a newsletter platform (Substack, beehiiv, Ghost, Mailchimp's archive), where any publication's issues live.</summary>
    public static bool IsPlatformHost(string host) => PlatformOf(host) is not null;

    private static string[]? PlatformOf(string host)
    {
        foreach (var (domain, keep) in Platforms)
        {
            if (host.Equals(domain, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase))
            {
                return keep;
            }
        }

        return null;
    }
}
