using System.Globalization;

namespace CryptoDigest;

/// <summary>
/// The Public Suffix List (docs/link-check.md): which endings anyone can register names under
/// (com, co.uk, github.io), so that the registrable domain of a host (the part one owner controls)
/// can be told apart from the subdomains that owner chose. Honours wildcard (*.ck) and exception
/// (!www.ck) rules; every rule is kept in its ASCII (punycode) form. Shared vocabulary, so it sits
/// at the top of the project: the link check, the e-mail intake (which sender domains align) and
/// the link filter of untrusted text (which endings are domains) all read it.
/// </summary>
public sealed class PublicSuffixList
{
    internal const string ResourceName = "CryptoDigest.Data.public_suffix_list.dat";

    private static readonly Lazy<PublicSuffixList> Bundled = new(LoadEmbedded);

    private readonly HashSet<string> rules = new(StringComparer.Ordinal);
    private readonly HashSet<string> wildcards = new(StringComparer.Ordinal);
    private readonly HashSet<string> exceptions = new(StringComparer.Ordinal);

    private PublicSuffixList()
    {
    }

    public int RuleCount => rules.Count + wildcards.Count + exceptions.Count;

    /// <summary>The bundled copy, read once per process (about 9,000 rules) and shared: the list is immutable.</summary>
    public static PublicSuffixList Embedded => Bundled.Value;

    /// <summary>Reads the bundled copy of the list.</summary>
    public static PublicSuffixList LoadEmbedded()
    {
        using var stream = typeof(PublicSuffixList).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }

    /// <summary>Reads the list's text format: one rule per line, "//" comments, the first whitespace ends a rule.</summary>
    public static PublicSuffixList Parse(TextReader reader)
    {
        var list = new PublicSuffixList();
        var idn = new IdnMapping { AllowUnassigned = true };
        while (reader.ReadLine() is { } line)
        {
            var rule = line.Trim();
            var space = rule.IndexOfAny([' ', '\t']);
            if (space >= 0)
            {
                rule = rule[..space];
            }

            if (rule.Length == 0 || rule.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            var isException = rule.StartsWith('!');
            var isWildcard = rule.StartsWith("*.", StringComparison.Ordinal);
            var body = isException ? rule[1..] : isWildcard ? rule[2..] : rule;
            if (!TryAscii(idn, body, out var ascii))
            {
                continue;
            }

            (isException ? list.exceptions : isWildcard ? list.wildcards : list.rules).Add(ascii);
        }

        return list;
    }

    /// <summary>
    /// Splits an ASCII host into its public suffix and registrable domain, e.g. "a.b.example.co.uk" into
    /// "co.uk" and "example.co.uk". The registrable domain is null when the host is itself a public suffix.
    /// Hosts ending in an unknown label get that last label as their suffix (the list's default rule "*").
    /// </summary>
    public (string Suffix, string? RegistrableDomain) Split(string asciiHost)
    {
        var labels = asciiHost.ToLowerInvariant().Split('.');
        var suffixStart = labels.Length - 1;
        for (var i = 0; i < labels.Length; i++)
        {
            var candidate = string.Join('.', labels[i..]);
            if (exceptions.Contains(candidate))
            {
                // An exception rule makes its own leftmost label registrable again.
                suffixStart = i + 1;
                break;
            }

            if (rules.Contains(candidate) || (i + 1 < labels.Length && wildcards.Contains(string.Join('.', labels[(i + 1)..]))))
            {
                suffixStart = i;
                break;
            }
        }

        var suffix = string.Join('.', labels[suffixStart..]);
        var registrable = suffixStart == 0 ? null : string.Join('.', labels[(suffixStart - 1)..]);
        return (suffix, registrable);
    }

    /// <summary>Whether the list names this suffix itself (a top-level "com" or "uk"), as opposed to the default rule.</summary>
    public bool IsListed(string asciiSuffix) => rules.Contains(asciiSuffix) || wildcards.Contains(asciiSuffix);

    private static bool TryAscii(IdnMapping idn, string text, out string ascii)
    {
        try
        {
            ascii = text.All(char.IsAscii) ? text.ToLowerInvariant() : idn.GetAscii(text).ToLowerInvariant();
            return true;
        }
        catch (ArgumentException)
        {
            ascii = string.Empty;
            return false;
        }
    }
}
