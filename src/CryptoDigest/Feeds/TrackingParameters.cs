using System.Text;

namespace CryptoDigest.Feeds;

/// <summary>Removes tracking parameters (utm_* and the common click ids) from article links before they are stored.</summary>
public static class TrackingParameters
{
    private static readonly HashSet<string> ClickIds = new(StringComparer.OrdinalIgnoreCase) { "fbclid", "gclid", "mc_cid", "mc_eid", "_hsenc", "_hsmi" };

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

        var kept = new StringBuilder();
        foreach (var pair in uri.Query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = pair.Split('=', 2)[0];
            if (name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase) || ClickIds.Contains(name))
            {
                continue;
            }

            kept.Append(kept.Length == 0 ? '?' : '&').Append(pair);
        }

        return new UriBuilder(uri) { Query = kept.Length == 0 ? string.Empty : kept.ToString(1, kept.Length - 1) }.Uri;
    }
}
