using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

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
/// <param name="Notes">Plain-word observations about tricks in the spelling (hidden characters, odd IP notation).</param>
/// <param name="HadInvisibleCharacters">Whether invisible characters were removed: a disguise even when the rest is a real domain.</param>
public sealed record CanonicalLink(string Host, string UnicodeHost, bool IsIpAddress, string? UserInfo, string Path, IReadOnlyList<string> Notes, bool HadInvisibleCharacters = false);

/// <summary>The outcome of canonicalization: a link, or why the input is not one.</summary>
/// <param name="Link">The canonical link, when the input is a web address.</param>
/// <param name="Refusal">Why the input is refused outright (data: and javascript: links), in plain words.</param>
/// <param name="Error">Why the input could not be read as a web address, in plain words.</param>
public sealed record CanonicalizationResult(CanonicalLink? Link, string? Refusal = null, string? Error = null);

/// <summary>Turns a URL or a bare domain into a <see cref="CanonicalLink"/>; pure and offline.</summary>
public static class LinkCanonicalizer
{
    private const int MaxUnescapeRounds = 8;

    private static readonly string[] WebSchemes = ["http", "https", "hxxp", "hxxps", "ftp", "ws", "wss"];
    private static readonly string[] ScriptSchemes = ["javascript", "data", "vbscript", "blob"];

    // Characters browsers treat as a dot in host names (ideographic and fullwidth full stops).
    private static readonly char[] DotLookalikes = ['\u3002', '\uFF0E', '\uFF61'];

    public static CanonicalizationResult Canonicalize(string input)
    {
        var notes = new List<string>();
        var hidden = false;
        // "[.]" and "(.)" are how people write links they do not want clickable.
        var text = RemoveInvisible(input, notes, out hidden).Trim().Trim('<', '>', '"', '\'', '`')
            .Replace("[.]", ".", StringComparison.Ordinal).Replace("(.)", ".", StringComparison.Ordinal);
        if (text.Length == 0)
        {
            return new CanonicalizationResult(null, Error: "there is no address to check");
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        string rest;
        if (colon > 0 && IsScheme(text[..colon]))
        {
            var scheme = text[..colon].ToLowerInvariant();
            if (ScriptSchemes.Contains(scheme))
            {
                return new CanonicalizationResult(null, Refusal: $"this is a {scheme}: link: it does not lead to a website but runs code or carries its own content in the link itself, so never open it");
            }

            var afterScheme = text[(colon + 1)..];
            if (WebSchemes.Contains(scheme))
            {
                rest = afterScheme.TrimStart('/', '\\');
            }
            else if (afterScheme.StartsWith("//", StringComparison.Ordinal))
            {
                rest = afterScheme[2..];
            }
            else if (afterScheme.Length > 0 && afterScheme.All(char.IsAsciiDigit) || afterScheme.Length == 0 || afterScheme[0] is '/' or '?' or '#')
            {
                // "example.com:8080" or "example.com:" is a host and a port, not a scheme.
                rest = text;
            }
            else
            {
                return new CanonicalizationResult(null, Error: $"a {scheme}: link is not a web address");
            }
        }
        else
        {
            // "//example.com/x" (scheme-relative) names a host just as "example.com/x" does.
            rest = text.StartsWith("//", StringComparison.Ordinal) || text.StartsWith(@"\\", StringComparison.Ordinal) ? text.TrimStart('/', '\\') : text;
        }

        var fragment = rest.IndexOf('#', StringComparison.Ordinal);
        if (fragment >= 0)
        {
            rest = rest[..fragment];
        }

        var end = rest.IndexOfAny(['/', '\\', '?']);
        var authority = end >= 0 ? rest[..end] : rest;
        var path = end >= 0 ? rest[end..] : "/";
        var decodedAuthority = UnescapeRepeatedly(authority);
        if (decodedAuthority != authority)
        {
            notes.Add("its host name is hidden behind percent-encoding");
        }

        string? userInfo = null;
        var at = decodedAuthority.LastIndexOf('@');
        if (at >= 0)
        {
            userInfo = decodedAuthority[..at];
            decodedAuthority = decodedAuthority[(at + 1)..];
        }

        var host = StripPort(decodedAuthority);
        foreach (var dot in DotLookalikes)
        {
            host = host.Replace(dot, '.');
        }

        while (host.Contains("..", StringComparison.Ordinal))
        {
            host = host.Replace("..", ".", StringComparison.Ordinal);
        }

        host = host.Trim('.').ToLowerInvariant();
        if (host.Length == 0)
        {
            return new CanonicalizationResult(null, Error: "it names no host");
        }

        var decodedPath = UnescapeRepeatedly(path);
        if (TryIp(host, notes, out var ip))
        {
            return new CanonicalizationResult(new CanonicalLink(ip, ip, true, userInfo, decodedPath, notes, hidden));
        }

        var lastLabel = host[(host.LastIndexOf('.') + 1)..];
        if (lastLabel.All(char.IsAsciiDigit) || (lastLabel.StartsWith("0x", StringComparison.Ordinal) && lastLabel[2..].All(char.IsAsciiHexDigit)))
        {
            // Browsers read a host ending in a number as an IPv4 address; this one is not a valid one.
            return new CanonicalizationResult(null, Error: $"'{host}' looks like an IP address but is not a valid one");
        }

        string ascii;
        string unicode;
        try
        {
            var idn = new IdnMapping { AllowUnassigned = true };
            ascii = idn.GetAscii(host).ToLowerInvariant();
            unicode = idn.GetUnicode(ascii);
        }
        catch (ArgumentException)
        {
            return new CanonicalizationResult(null, Error: "its host name is not a valid domain name");
        }

        if (ascii.Length > 253 || ascii.Split('.').Any(l => l.Length is 0 or > 63 || !l.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return new CanonicalizationResult(null, Error: "its host name is not a valid domain name");
        }

        if (!ascii.Contains('.', StringComparison.Ordinal))
        {
            return new CanonicalizationResult(null, Error: $"'{unicode}' is not a full domain name (it has no ending such as .com)");
        }

        return new CanonicalizationResult(new CanonicalLink(ascii, unicode, false, userInfo, decodedPath, notes, hidden));
    }

    private static bool IsScheme(string candidate) =>
        char.IsAsciiLetter(candidate[0]) && candidate.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.')
        && !candidate.Contains('.', StringComparison.Ordinal);

    private static string RemoveInvisible(string input, List<string> notes, out bool hidden)
    {
        var builder = new StringBuilder(input.Length);
        hidden = false;
        foreach (var c in input)
        {
            if (c is '\t' or '\r' or '\n')
            {
                continue;
            }

            if (c is '\u00AD' or '\u034F' or '\u061C' or (>= '\u200B' and <= '\u200F') or (>= '\u202A' and <= '\u202E') or (>= '\u2060' and <= '\u2064') or '\uFEFF')
            {
                hidden = true;
                continue;
            }

            builder.Append(c);
        }

        if (hidden)
        {
            notes.Add("it contains invisible characters, which only serve to disguise an address");
        }

        return builder.ToString();
    }

    private static string UnescapeRepeatedly(string text)
    {
        var current = text;
        for (var i = 0; i < MaxUnescapeRounds && current.Contains('%', StringComparison.Ordinal); i++)
        {
            var next = Uri.UnescapeDataString(current);
            if (next == current)
            {
                break;
            }

            current = next;
        }

        return current;
    }

    private static string StripPort(string hostAndPort)
    {
        if (hostAndPort.StartsWith('['))
        {
            var close = hostAndPort.IndexOf(']', StringComparison.Ordinal);
            return close > 0 ? hostAndPort[..(close + 1)] : hostAndPort;
        }

        var colon = hostAndPort.LastIndexOf(':');
        return colon >= 0 && hostAndPort[(colon + 1)..].All(char.IsAsciiDigit) ? hostAndPort[..colon] : hostAndPort;
    }

    /// <summary>Every IPv4 notation a browser accepts (inet_aton: 1-4 parts, decimal, 0x hex, 0 octal) and IPv6, to one form.</summary>
    private static bool TryIp(string host, List<string> notes, out string ip)
    {
        ip = string.Empty;
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            if (!IPAddress.TryParse(host[1..^1], out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }

            if (v6.IsIPv4MappedToIPv6)
            {
                ip = v6.MapToIPv4().ToString();
                notes.Add($"it writes the IP address {ip} in IPv6 form to hide it");
            }
            else
            {
                ip = v6.ToString();
            }

            return true;
        }

        var parts = host.Split('.');
        if (parts.Length > 4 || !parts.All(p => p.Length > 0 && (p.All(char.IsAsciiDigit) || ((p.StartsWith("0x", StringComparison.Ordinal)) && p[2..].All(char.IsAsciiHexDigit)))))
        {
            return false;
        }

        var values = new List<ulong>();
        var unusual = parts.Length != 4;
        foreach (var part in parts)
        {
            ulong value;
            if (part.StartsWith("0x", StringComparison.Ordinal))
            {
                unusual = true;
                if (part.Length == 2)
                {
                    value = 0;
                }
                else if (!ulong.TryParse(part[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out value))
                {
                    return false;
                }
            }
            else if (part.Length > 1 && part[0] == '0')
            {
                unusual = true;
                if (!part.All(c => c is >= '0' and <= '7'))
                {
                    return false;
                }

                value = 0;
                foreach (var c in part)
                {
                    value = (value * 8) + (ulong)(c - '0');
                    if (value > uint.MaxValue)
                    {
                        return false;
                    }
                }
            }
            else if (!ulong.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out value))
            {
                return false;
            }

            values.Add(value);
        }

        // All but the last part are one byte each; the last fills the remaining bytes.
        ulong address = 0;
        for (var i = 0; i < values.Count - 1; i++)
        {
            if (values[i] > 255)
            {
                return false;
            }

            address = (address << 8) | values[i];
        }

        var remainingBytes = 4 - (values.Count - 1);
        var last = values[^1];
        if (last >= 1UL << (8 * remainingBytes))
        {
            return false;
        }

        address = (address << (8 * remainingBytes)) | last;
        ip = string.Join('.', new[] { (address >> 24) & 255, (address >> 16) & 255, (address >> 8) & 255, address & 255 }.Select(b => b.ToString(CultureInfo.InvariantCulture)));
        if (unusual)
        {
            notes.Add($"it writes the IP address {ip} in an unusual notation ({host}) to disguise it");
        }

        return true;
    }
}
