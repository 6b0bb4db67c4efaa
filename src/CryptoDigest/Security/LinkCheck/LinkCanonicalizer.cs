using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CryptoDigest.Security.LinkCheck;

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
        var notes = new List<LinkReason>();
        // "[.]" and "(.)" are how people write links they do not want clickable.
        var text = RemoveInvisible(input, notes, out var hidden).Trim().Trim('<', '>', '"', '\'', '`')
            .Replace("[.]", ".", StringComparison.Ordinal).Replace("(.)", ".", StringComparison.Ordinal);
        if (text.Length == 0)
        {
            return new CanonicalizationResult(null, Error: new LinkReason("LinkCheck.Error.Empty"));
        }

        var (rest, stop) = AfterScheme(text);
        if (stop is not null)
        {
            return stop;
        }

        var fragment = rest.IndexOf('#', StringComparison.Ordinal);
        if (fragment >= 0)
        {
            rest = rest[..fragment];
        }

        var end = rest.IndexOfAny(['/', '\\', '?']);
        var (host, userInfo) = HostOf(end >= 0 ? rest[..end] : rest, notes);
        if (host.Length == 0)
        {
            return new CanonicalizationResult(null, Error: new LinkReason("LinkCheck.Error.NoHost"));
        }

        var decodedPath = UnescapeRepeatedly(end >= 0 ? rest[end..] : "/");
        return TryIp(host, notes, out var ip)
            ? new CanonicalizationResult(new CanonicalLink(ip, ip, true, userInfo, decodedPath, notes, hidden))
            : FromDomainName(host, userInfo, decodedPath, notes, hidden);
    }

    /// <summary>What follows the scheme, or the result that ends canonicalization there (a script link, another protocol).</summary>
    private static (string Remainder, CanonicalizationResult? Stop) AfterScheme(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !IsScheme(text[..colon]))
        {
            // "//example.com/x" (scheme-relative) names a host just as "example.com/x" does.
            var relative = text.StartsWith("//", StringComparison.Ordinal) || text.StartsWith(@"\\", StringComparison.Ordinal);
            return (relative ? text.TrimStart('/', '\\') : text, null);
        }

        var scheme = text[..colon].ToLowerInvariant();
        if (ScriptSchemes.Contains(scheme))
        {
            return (text, new CanonicalizationResult(null, Refusal: new LinkReason("LinkCheck.Reason.ScriptLink", scheme + ":")));
        }

        var afterScheme = text[(colon + 1)..];
        if (WebSchemes.Contains(scheme))
        {
            return (afterScheme.TrimStart('/', '\\'), null);
        }

        if (afterScheme.StartsWith("//", StringComparison.Ordinal))
        {
            return (afterScheme[2..], null);
        }

        // "example.com:8080" or "example.com:" is a host and a port, not a scheme.
        var isPort = afterScheme.Length == 0 || afterScheme.All(char.IsAsciiDigit) || afterScheme[0] is '/' or '?' or '#';
        return isPort ? (text, null) : (text, new CanonicalizationResult(null, Error: new LinkReason("LinkCheck.Error.NotWeb", scheme + ":")));
    }

    /// <summary>The host a browser would contact, lower case, with user info and port removed and dot lookalikes read as dots.</summary>
    private static (string Host, string? UserInfo) HostOf(string authority, List<LinkReason> notes)
    {
        var decoded = UnescapeRepeatedly(authority);
        if (decoded != authority)
        {
            notes.Add(new LinkReason("LinkCheck.Reason.PercentEncodedHost"));
        }

        string? userInfo = null;
        var at = decoded.LastIndexOf('@');
        if (at >= 0)
        {
            userInfo = decoded[..at];
            decoded = decoded[(at + 1)..];
        }

        var host = StripPort(decoded);
        foreach (var dot in DotLookalikes)
        {
            host = host.Replace(dot, '.');
        }

        while (host.Contains("..", StringComparison.Ordinal))
        {
            host = host.Replace("..", ".", StringComparison.Ordinal);
        }

        return (host.Trim('.').ToLowerInvariant(), userInfo);
    }

    private static CanonicalizationResult FromDomainName(string host, string? userInfo, string path, List<LinkReason> notes, bool hidden)
    {
        var lastLabel = host[(host.LastIndexOf('.') + 1)..];
        if (lastLabel.All(char.IsAsciiDigit) || (lastLabel.StartsWith("0x", StringComparison.Ordinal) && lastLabel[2..].All(char.IsAsciiHexDigit)))
        {
            // Browsers read a host ending in a number as an IPv4 address; this one is not a valid one.
            return new CanonicalizationResult(null, Error: new LinkReason("LinkCheck.Error.InvalidIp", host));
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
            return new CanonicalizationResult(null, Error: new LinkReason("LinkCheck.Error.InvalidDomain"));
        }

        if (ascii.Length > 253 || ascii.Split('.').Any(l => l.Length is 0 or > 63 || !l.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return new CanonicalizationResult(null, Error: new LinkReason("LinkCheck.Error.InvalidDomain"));
        }

        return ascii.Contains('.', StringComparison.Ordinal)
            ? new CanonicalizationResult(new CanonicalLink(ascii, unicode, false, userInfo, path, notes, hidden))
            : new CanonicalizationResult(null, Error: new LinkReason("LinkCheck.Error.NoEnding", unicode));
    }

    private static bool IsScheme(string candidate) =>
        char.IsAsciiLetter(candidate[0]) && candidate.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.')
        && !candidate.Contains('.', StringComparison.Ordinal);

    private static string RemoveInvisible(string input, List<LinkReason> notes, out bool hidden)
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
            notes.Add(new LinkReason("LinkCheck.Reason.InvisibleCharacters"));
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
    private static bool TryIp(string host, List<LinkReason> notes, out string ip)
    {
        ip = string.Empty;
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            return TryIpv6(host[1..^1], notes, out ip);
        }

        var parts = host.Split('.');
        if (parts.Length > 4 || !parts.All(p => p.Length > 0 && (p.All(char.IsAsciiDigit) || (p.StartsWith("0x", StringComparison.Ordinal) && p[2..].All(char.IsAsciiHexDigit)))))
        {
            return false;
        }

        var values = new List<ulong>();
        var unusual = parts.Length != 4;
        foreach (var part in parts)
        {
            if (!TryIpv4Part(part, out var value, out var unusualPart))
            {
                return false;
            }

            unusual |= unusualPart;
            values.Add(value);
        }

        if (!TryJoinIpv4(values, out ip))
        {
            return false;
        }

        if (unusual)
        {
            notes.Add(new LinkReason("LinkCheck.Reason.IpNotation", ip, host));
        }

        return true;
    }

    private static bool TryIpv6(string text, List<LinkReason> notes, out string ip)
    {
        ip = string.Empty;
        if (!IPAddress.TryParse(text, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        if (!v6.IsIPv4MappedToIPv6)
        {
            ip = v6.ToString();
            return true;
        }

        ip = v6.MapToIPv4().ToString();
        notes.Add(new LinkReason("LinkCheck.Reason.IpInIpv6", ip));
        return true;
    }

    /// <summary>One dotted part: 0x hex, a leading 0 for octal, or decimal; hex and octal are unusual notations.</summary>
    private static bool TryIpv4Part(string part, out ulong value, out bool unusual)
    {
        value = 0;
        unusual = part.StartsWith("0x", StringComparison.Ordinal) || (part.Length > 1 && part[0] == '0');
        if (part.StartsWith("0x", StringComparison.Ordinal))
        {
            return part.Length == 2 || ulong.TryParse(part[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out value);
        }

        if (!unusual)
        {
            return ulong.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }

        foreach (var c in part)
        {
            if (c is < '0' or > '7')
            {
                return false;
            }

            value = (value * 8) + (ulong)(c - '0');
            if (value > uint.MaxValue)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>All but the last part are one byte each; the last fills the remaining bytes.</summary>
    private static bool TryJoinIpv4(List<ulong> values, out string ip)
    {
        ip = string.Empty;
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
        return true;
    }
}
