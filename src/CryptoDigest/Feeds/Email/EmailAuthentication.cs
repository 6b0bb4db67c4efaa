using System.Globalization;
using MimeKit;

namespace CryptoDigest.Feeds.Email;

/// <summary>
/// Decides whether a message is believed as an issue of the source that claims it, from the
/// Authentication-Results header the operator's own receiving server added (RFC 8601). Only the
/// top-most header whose authserv-id is Email:TrustedAuthservId counts: the receiving server adds
/// its header above everything the message arrived with, so any other header with that id was
/// written by the sender. It must say dmarc=pass for the From domain, or dkim=pass with a signing
/// domain (d=) aligned to the From domain or to a domain of the source's EmailFrom; and the From
/// address must be one the source claims (an EmailFrom entry, or with only an EmailListId a domain
/// aligned to the list's), since a List-Id alone proves nothing. Aligned means the same registrable
/// domain by the Public Suffix List (relaxed alignment, as DMARC has it). See docs/email.md.
/// </summary>
public static class EmailAuthentication
{
    /// <summary>Most Authentication-Results headers read from one message; a real one has one or two.</summary>
    private const int MaxHeaders = 50;

    /// <param name="authenticationResults">The message's Authentication-Results header values, top-most first.</param>
    /// <param name="from">The message's From header values (one is expected).</param>
    /// <param name="source">The source that claims the message.</param>
    /// <param name="trustedAuthservId">Email:TrustedAuthservId; empty trusts no header.</param>
    public static EmailAuthenticity Check(IReadOnlyList<string> authenticationResults, IReadOnlyList<string> from, FeedSourceSettings source, string trustedAuthservId)
    {
        var trusted = trustedAuthservId.Trim();
        if (trusted.Length == 0)
        {
            return new(false, "Email:TrustedAuthservId is not set, so no Authentication-Results header can be trusted");
        }

        var top = authenticationResults.Take(MaxHeaders).Select(AuthenticationResults.Parse)
            .FirstOrDefault(h => string.Equals(h.AuthservId, trusted, StringComparison.OrdinalIgnoreCase));
        if (top is null)
        {
            return new(false, $"no Authentication-Results header from {trusted}");
        }

        if (SingleSender(from) is not { } sender)
        {
            return new(false, "the message does not have exactly one From address");
        }

        var fromDomain = DomainOf(sender);
        if (!IsClaimedSender(sender, fromDomain, source))
        {
            return new(false, $"it is sent from {sender}, which is not one of the source's EmailFrom senders");
        }

        var dmarc = top.Results.Any(r => r.Method == "dmarc" && r.Result == "pass"
            && (r.Property("header.from") is not { } headerFrom || SameHost(headerFrom, fromDomain)));
        if (dmarc)
        {
            return new(true, $"{trusted}: dmarc=pass for {fromDomain}");
        }

        var identities = SenderDomains(source).Append(fromDomain).ToList();
        foreach (var signature in top.Results.Where(r => r.Method == "dkim" && r.Result == "pass"))
        {
            if (SigningDomain(signature) is { } signer && identities.Any(i => AreAligned(signer, i)))
            {
                return new(true, $"{trusted}: dkim=pass for {signer}");
            }
        }

        var said = string.Join(", ", top.Results.Where(r => r.Method is "dmarc" or "dkim")
            .Select(r => r.Method == "dkim" && SigningDomain(r) is { } d ? $"dkim={r.Result} for {d}" : $"{r.Method}={r.Result}"));
        return new(false, $"{trusted} reports {(said.Length == 0 ? "no DMARC or DKIM result" : said)}, and no aligned pass");
    }

    /// <summary>The domains a source's issues are sent from: the domain of each EmailFrom entry, and the EmailListId (a domain-like name).</summary>
    public static IEnumerable<string> SenderDomains(FeedSourceSettings source)
    {
        foreach (var pattern in source.SenderPatterns)
        {
            yield return DomainOf(pattern);
        }

        if (EmailSourceMatcher.ListIdOf(source.EmailListId) is { Length: > 0 } listId && Uri.CheckHostName(listId) == UriHostNameType.Dns)
        {
            yield return listId;
        }
    }

    /// <summary>True when both hosts have the same registrable domain (bankless.substack.com and substack.com do not; news.bankless.com and bankless.com do).</summary>
    public static bool AreAligned(string host, string other)
    {
        var a = OrganizationalDomain(host);
        return a.Length > 0 && a == OrganizationalDomain(other);
    }

    /// <summary>The registrable domain of a host in ASCII, lower case, by the bundled Public Suffix List; the host itself when it is a public suffix.</summary>
    public static string OrganizationalDomain(string host)
    {
        var ascii = Ascii(host);
        if (ascii.Length == 0)
        {
            return string.Empty;
        }

        var (_, registrable) = PublicSuffixList.Embedded.Split(ascii);
        return registrable ?? ascii;
    }

    private static bool IsClaimedSender(string sender, string fromDomain, FeedSourceSettings source) =>
        source.SenderPatterns.Count > 0
            ? source.SenderPatterns.Any(p => SenderPattern.Matches(p, sender))
            : SenderDomains(source).Any(d => AreAligned(d, fromDomain));

    private static string? SingleSender(IReadOnlyList<string> from)
    {
        if (from.Count != 1 || !InternetAddressList.TryParse(from[0], out var addresses))
        {
            return null;
        }

        var mailboxes = addresses.Mailboxes.ToList();
        return mailboxes.Count == 1 && mailboxes[0].Address.Contains('@', StringComparison.Ordinal) ? mailboxes[0].Address.Trim() : null;
    }

    /// <summary>The DKIM signing domain: header.d, else the domain of header.i (the agent's identity, "@example.com").</summary>
    private static string? SigningDomain(AuthenticationResult signature)
    {
        var domain = signature.Property("header.d");
        if (string.IsNullOrWhiteSpace(domain) && signature.Property("header.i") is { } identity && identity.Contains('@', StringComparison.Ordinal))
        {
            domain = DomainOf(identity);
        }

        return string.IsNullOrWhiteSpace(domain) ? null : domain.Trim().TrimEnd('.').ToLowerInvariant();
    }

    private static string DomainOf(string address) => address[(address.LastIndexOf('@') + 1)..].Trim().TrimEnd('.').ToLowerInvariant();

    private static bool SameHost(string a, string b) => Ascii(a) == Ascii(b);

    private static string Ascii(string host)
    {
        var trimmed = host.Trim().TrimEnd('.').ToLowerInvariant();
        if (trimmed.Length == 0 || trimmed.All(char.IsAscii))
        {
            return trimmed;
        }

        try
        {
            return new IdnMapping().GetAscii(trimmed);
        }
        catch (ArgumentException)
        {
            return string.Empty;
        }
    }
}
