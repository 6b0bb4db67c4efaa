namespace CryptoDigest.Feeds.Email;

/// <summary>One result of an Authentication-Results header: "dkim=pass header.d=example.com" is method dkim, result pass, property header.d.</summary>
public sealed record AuthenticationResult(string Method, string Result, IReadOnlyDictionary<string, string> Properties)
{
    /// <summary>A property's value (ptype.property, e.g. "header.d"), or null.</summary>
    public string? Property(string name) => Properties.TryGetValue(name, out var value) ? value : null;
}
