using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace CryptoDigest.Feeds;

/// <summary>
/// The readings where we deliberately follow Python's feedparser, the parser aggregators and our
/// comparison corpus take as the reference: links joined as text (as urllib's urljoin does, no
/// re-encoding), titles treated as HTML only when they look like it, mojibake and Windows-1252
/// control characters repaired, and simple DTD entities expanded once instead of refusing the feed.
/// </summary>
public static partial class FeedParser
{
    // A base whose scheme is outside these is ignored, as feedparser ignores javascript: and data: bases.
    private static readonly HashSet<string> BaseSchemes = new(StringComparer.OrdinalIgnoreCase) { "http", "https", "ftp", "file" };

    private static readonly Encoding Latin1 = Encoding.Latin1;

    // Straight from the provider, so it works whether or not anyone registered the code pages.
    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// RFC 3986 section 5.2 reference resolution on the strings themselves, so an absolute link keeps
    /// its spelling (no punycode, no percent-encoding, no added slash) as feedparser keeps it. A
    /// relative base (an xml:base in a feed read without its URL) gives a relative result.
    /// </summary>
    internal static string Join(string? baseUri, string reference)
    {
        // "http:///example.com/x" is a common slip; feedparser drops the extra slashes too.
        reference = ExtraSlashes().Replace(reference, "$1");
        if (string.IsNullOrEmpty(baseUri) || HasScheme().IsMatch(reference))
        {
            return reference;
        }

        if (reference.Length == 0)
        {
            return baseUri;
        }

        var (scheme, authority, path, query) = SplitUri(baseUri);
        var prefix = scheme + (authority is null ? string.Empty : "//" + authority);
        if (reference.StartsWith("//", StringComparison.Ordinal))
        {
            return scheme + reference;
        }

        if (reference[0] == '#')
        {
            return prefix + path + query + reference;
        }

        if (reference[0] == '?')
        {
            return prefix + path + reference;
        }

        var end = reference.IndexOfAny(['?', '#']);
        var (refPath, rest) = end < 0 ? (reference, string.Empty) : (reference[..end], reference[end..]);
        if (refPath.Length > 0 && refPath[0] != '/')
        {
            refPath = authority is not null && path.Length == 0 ? "/" + refPath : path[..(path.LastIndexOf('/') + 1)] + refPath;
        }

        return prefix + RemoveDotSegments(refPath) + rest;
    }

    /// <summary>The base in effect at an element: the feed URL, refined by every xml:base from the root down.</summary>
    private static string? BaseOf(XElement element, Uri? feedUrl)
    {
        var result = feedUrl?.AbsoluteUri;
        foreach (var e in element.AncestorsAndSelf().Reverse())
        {
            var xmlBase = ((string?)e.Attribute(XNamespace.Xml + "base"))?.Trim();
            if (string.IsNullOrEmpty(xmlBase))
            {
                continue;
            }

            if (string.IsNullOrEmpty(result))
            {
                result = xmlBase;
                continue;
            }

            var joined = Join(result, xmlBase);
            var colon = joined.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && BaseSchemes.Contains(joined[..colon]))
            {
                result = joined;
            }
        }

        return result;
    }

    private static (string Scheme, string? Authority, string Path, string Query) SplitUri(string uri)
    {
        var scheme = HasScheme().Match(uri) is { Success: true } s ? s.Value : string.Empty;
        var rest = uri[scheme.Length..];
        var hash = rest.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            rest = rest[..hash];
        }

        string? authority = null;
        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            var slash = rest.IndexOfAny(['/', '?'], 2);
            authority = slash < 0 ? rest[2..] : rest[2..slash];
            rest = slash < 0 ? string.Empty : rest[slash..];
        }

        var question = rest.IndexOf('?', StringComparison.Ordinal);
        return question < 0 ? (scheme, authority, rest, string.Empty) : (scheme, authority, rest[..question], rest[question..]);
    }

    private static string RemoveDotSegments(string path)
    {
        if (!path.Contains('.', StringComparison.Ordinal))
        {
            return path;
        }

        var output = new List<string>();
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var last = i == segments.Length - 1;
            if (segment == ".")
            {
                if (last)
                {
                    output.Add(string.Empty);
                }
            }
            else if (segment == "..")
            {
                if (output.Count > 1 || (output.Count == 1 && output[0].Length > 0))
                {
                    output.RemoveAt(output.Count - 1);
                }

                if (last)
                {
                    output.Add(string.Empty);
                }
            }
            else
            {
                output.Add(segment);
            }
        }

        var joined = string.Join('/', output);
        return path.StartsWith('/') && !joined.StartsWith('/') ? "/" + joined : joined;
    }

    /// <summary>
    /// feedparser's test for RSS text that is really HTML: a closing tag or an entity reference.
    /// Anything else ("Why &lt;div&gt; soup", "x &lt; y") is plain text and kept as written.
    /// </summary>
    private static bool LooksLikeEscapedHtml(string text) => ClosingTagOrEntity().IsMatch(text);

    /// <summary>
    /// Text repaired the way feedparser repairs every value: UTF-8 that was read as Latin-1
    /// ("CafÃ©") decoded again, then the C1 control characters that are really Windows-1252
    /// punctuation (U+0092 for ’) mapped to what they meant.
    /// </summary>
    private static string RepairText(string text)
    {
        var high = false;
        foreach (var c in text)
        {
            if (c > '\u00FF')
            {
                high = false;
                break;
            }

            high |= c >= '\u0080';
        }

        if (high)
        {
            try
            {
                text = StrictUtf8.GetString(Latin1.GetBytes(text));
            }
            catch (DecoderFallbackException)
            {
                // Real Latin-1 text: leave it.
            }
        }

        if (text.AsSpan().IndexOfAnyInRange('\u0080', '\u009F') < 0)
        {
            return text;
        }

        return string.Create(text.Length, text, (span, source) =>
        {
            Span<char> mapped = stackalloc char[1];
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c is >= '\u0080' and <= '\u009F' && Windows1252.GetChars([(byte)c], mapped) == 1 ? mapped[0] : c;
            }
        });
    }

    /// <summary>
    /// A document whose DTD declares only plain entities (&lt;!ENTITY nbsp "&amp;#160;"&gt;, a name
    /// for a string) is read with them expanded once, as feedparser does. Null when any declaration
    /// is a parameter entity, an external one (XXE), or refers to another entity (the billion-laughs
    /// shape): such a document stays refused. The expansion is capped at the document's limit.
    /// </summary>
    private static string? ExpandPlainEntities(string text, long maxCharacters)
    {
        var doctype = InternalSubset().Match(text);
        if (!doctype.Success)
        {
            return null;
        }

        var entities = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match declaration in EntityDeclaration().Matches(doctype.Groups["subset"].Value))
        {
            var plain = PlainEntity().Match(declaration.Value);
            if (!plain.Success || entities.Count >= 256)
            {
                return null;
            }

            var value = plain.Groups["value"].Value;
            entities[plain.Groups["name"].Value] = value.StartsWith("&#", StringComparison.Ordinal)
                ? value
                : WebUtility.HtmlEncode(value);
        }

        var body = text.Remove(doctype.Index, doctype.Length);
        var length = (long)body.Length;
        return EntityOrCdata().Replace(body, m =>
        {
            if (!m.Groups["name"].Success || !entities.TryGetValue(m.Groups["name"].Value, out var value))
            {
                return m.Value;
            }

            length += value.Length - m.Length;
            return length <= maxCharacters
                ? value
                : throw new FeedFormatException($"the document's entities expand beyond the {maxCharacters:N0} characters allowed");
        });
    }

    [GeneratedRegex(@"^([A-Za-z][A-Za-z0-9+.\-]*://)/+", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ExtraSlashes();

    [GeneratedRegex(@"</\w+>|&#?\w+;", RegexOptions.None, matchTimeoutMilliseconds: 5000)]
    private static partial Regex ClosingTagOrEntity();

    [GeneratedRegex(@"<!DOCTYPE[^\[>]*\[(?<subset>.*?)\]\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 5000)]
    private static partial Regex InternalSubset();

    [GeneratedRegex(@"<!ENTITY\b(?:[^>""']|""[^""]*""|'[^']*')*>", RegexOptions.Singleline, matchTimeoutMilliseconds: 5000)]
    private static partial Regex EntityDeclaration();

    [GeneratedRegex(@"^<!ENTITY\s+(?<name>[A-Za-z_][\w.\-]*)\s+(?:""(?<value>&#\w+;|[^&""%]*)""|'(?<value>&#\w+;|[^&'%]*)')\s*>$", RegexOptions.None, matchTimeoutMilliseconds: 5000)]
    private static partial Regex PlainEntity();

    [GeneratedRegex(@"<!\[CDATA\[.*?\]\]>|&(?<name>[A-Za-z_][\w.\-]*);", RegexOptions.Singleline, matchTimeoutMilliseconds: 5000)]
    private static partial Regex EntityOrCdata();
}
