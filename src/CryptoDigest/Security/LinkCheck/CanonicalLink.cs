namespace CryptoDigest.Security.LinkCheck;

/// <summary>
/// An address brought to one form, as Safe Browsing's canonicalization describes it (docs/link-check.md):
/// the host a browser would really contact, in ASCII and in Unicode, plus what was unusual about how
/// it was written. Nothing here is fetched or resolved.
/// </summary>
/// <param name="Host">The host in lower-case ASCII (punycode for international names), or a dotted IPv4 / IPv6 address.</param>
/// <param name="UnicodeHost">The same host as people read it.</param>
/// <param name="IsIpAddress">Whether the host is an IP address rather than a name.</param>
/// <param name="UserInfo">Whatever stood before an "@" in the address (a browser ignores it), or null.</param>
/// <param name="Path">Path and query, percent-decoded, without the fragment.</param>
/// <param name="Notes">Reasons about tricks in the spelling (hidden characters, odd IP notation), as keys and values.</param>
/// <param name="HadInvisibleCharacters">Whether invisible characters were removed: a disguise even when the rest is a real domain.</param>
public sealed record CanonicalLink(string Host, string UnicodeHost, bool IsIpAddress, string? UserInfo, string Path, IReadOnlyList<LinkReason> Notes, bool HadInvisibleCharacters = false);
