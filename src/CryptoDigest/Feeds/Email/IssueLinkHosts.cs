namespace CryptoDigest.Feeds.Email;

/// <summary>
/// Where an e-mail issue's own link (its web version, a List-Post, a platform address) may point:
/// the source's own site (its SiteUrl host and subdomains), its sender domains (the registrable
/// domain of an EmailFrom entry or the EmailListId), or a newsletter platform's host. The link
/// becomes the citation in every chat, so a "View in browser" pointing anywhere else is not taken.
/// </summary>
public sealed class IssueLinkHosts(string? siteHost, IReadOnlyList<string> senderDomains)
{
    /// <summary>The source's own site host, if it has one.</summary>
    public string? SiteHost => siteHost;

    public static IssueLinkHosts Of(FeedSourceSettings source) =>
        new(
            Uri.TryCreate(source.SiteUrl?.Trim(), UriKind.Absolute, out var site) ? site.IdnHost : null,
            EmailAuthentication.SenderDomains(source).ToList());

    public bool Allows(Uri link)
    {
        var host = link.IdnHost;
        return (siteHost is not null && EmailLinks.SameSite(host, siteHost))
            || senderDomains.Any(d => EmailAuthentication.AreAligned(host, d))
            || (TrackingParameters.IsPlatformHost(host) && !EmailLinks.IsPlatformMachinery(host.ToLowerInvariant()));
    }
}
