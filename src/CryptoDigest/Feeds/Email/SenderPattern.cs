namespace CryptoDigest.Feeds.Email;

/// <summary>One EmailFrom entry: an exact address, or "@domain" for a domain and its subdomains.</summary>
public static class SenderPattern
{
    public static bool IsValid(string pattern)
    {
        var at = pattern.IndexOf('@', StringComparison.Ordinal);
        if (at < 0 || at != pattern.LastIndexOf('@') || pattern.Any(char.IsWhiteSpace))
        {
            return false;
        }

        var domain = pattern[(at + 1)..];
        return domain.Length > 0 && Uri.CheckHostName(domain) == UriHostNameType.Dns;
    }

    /// <summary>True when <paramref name="address"/> is what the pattern names (case-insensitive).</summary>
    public static bool Matches(string pattern, string address)
    {
        if (pattern.StartsWith('@'))
        {
            var domain = pattern[1..];
            var at = address.LastIndexOf('@');
            var addressDomain = at < 0 ? string.Empty : address[(at + 1)..];
            return addressDomain.Equals(domain, StringComparison.OrdinalIgnoreCase)
                || addressDomain.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase);
        }

        return address.Equals(pattern, StringComparison.OrdinalIgnoreCase);
    }
}
