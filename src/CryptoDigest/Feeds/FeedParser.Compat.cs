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
    /// The link of an item or entry as feedparser reads its &lt;link&gt; and &lt;atom:link&gt;
    /// elements, one after another in document order, the last that sets one winning:
    /// a link with an address (href, or url= or uri=) sets it only when its rel is alternate (the
    /// default) and its type HTML (the default); an empty href then means the base address. A link
    /// without an address sets its text as the link whatever its rel, and an empty one sets "none".
    /// HasLink is true once any link set something, which stops the guid or id standing in.
    /// </summary>
    private static (bool HasLink, string? Link) ItemLink(IEnumerable<XElement> links, Uri? feedUrl)
    {
        var has = false;
        string? chosen = null;
        foreach (var link in links)
        {
            var baseUri = BaseOf(link, feedUrl);
            var href = (string?)link.Attribute("href");
            // feedparser prefers url=, then uri=, then href=, and keeps a present href when those are empty.
            var given = (string?)link.Attribute("url") ?? (string?)link.Attribute("uri") ?? href;
            var address = string.IsNullOrEmpty(given) ? href : given;
            if (address is not null)
            {
                var rel = (string?)link.Attribute("rel") ?? "alternate";
                var type = (string?)link.Attribute("type") ?? (rel == "self" ? "application/atom+xml" : "text/html");
                if (rel == "alternate" && IsHtmlType(type))
                {
                    has = true;
                    chosen = address.Trim().Length == 0 ? baseUri : Resolve(baseUri, address);
                }
            }
            else
            {
                has = true;
                chosen = Resolve(baseUri, LinkText(link));
            }
        }

        return (has, string.IsNullOrEmpty(chosen) ? null : chosen);
    }

    /// <summary>The namespaces feedparser reads as the feed's own: none, the RSS ones, Atom's, and the parent's.</summary>
    private static bool IsRssOrAtom(XElement element, XElement parent) =>
        element.Name.Namespace == XNamespace.None || element.Name.Namespace == Rss10 || element.Name.Namespace == Rss090
        || element.Name.Namespace == Atom10 || element.Name.Namespace == Atom03 || element.Name.Namespace == parent.Name.Namespace;

    /// <summary>
    /// A title nested deeper in an item (inside an enclosure or a media group), as feedparser's flat
    /// reading finds it: of the non-empty ones, the first in document order at the shallowest depth.
    /// </summary>
    private static string? NestedTitle(XElement item)
    {
        XElement? best = null;
        var bestDepth = int.MaxValue;
        foreach (var candidate in item.Descendants().Where(e => e.Name.LocalName == "title" && e.Parent != item))
        {
            var ns = candidate.Name.Namespace;
            if (!(IsRssOrAtom(candidate, item) || string.Equals(ns.NamespaceName.TrimEnd('/'), Dc.NamespaceName.TrimEnd('/'), StringComparison.OrdinalIgnoreCase) || ns == Media))
            {
                continue;
            }

            var depth = candidate.Ancestors().TakeWhile(a => a != item).Count();
            if (depth < bestDepth && Text(candidate) is not null)
            {
                (best, bestDepth) = (candidate, depth);
            }
        }

        return Text(best);
    }

    /// <summary>
    /// Microsoft's Channel Definition Format (1997), which feedparser still reads: a CHANNEL whose
    /// HREF is the site, ITEMs (at any depth) whose HREF is the link and LASTMOD the date, each
    /// with a TITLE and an ABSTRACT. Element and attribute names are matched in any case.
    /// </summary>
    private static ParsedFeed ReadCdf(XElement channel, Uri? feedUrl, DateTimeOffset fetchedAt)
    {
        static string? Attribute(XElement e, string name) =>
            e.Attributes().FirstOrDefault(a => a.Name.LocalName.Equals(name, StringComparison.OrdinalIgnoreCase))?.Value;
        static XElement? Child(XElement e, string name) =>
            e.Elements().FirstOrDefault(c => c.Name.LocalName.Equals(name, StringComparison.OrdinalIgnoreCase));

        var items = new List<FeedItem>();
        foreach (var item in channel.Descendants().Where(e => e.Name.LocalName.Equals("item", StringComparison.OrdinalIgnoreCase)))
        {
            var title = RssLine(Text(Child(item, "title")));
            var link = Resolve(BaseOf(item, feedUrl), Attribute(item, "href"));
            var dateText = Attribute(item, "lastmod");
            var date = FeedDates.Parse(dateText);
            var text = HtmlText.ToText(Markup(Child(item, "abstract")));
            items.Add(new FeedItem(Identity(null, link, title, dateText), title, link, date ?? fetchedAt.ToUniversalTime(), date is null, null, text));
        }

        var site = Resolve(BaseOf(channel, feedUrl), Attribute(channel, "href"));
        return new ParsedFeed("CDF", RssLine(Text(Child(channel, "title"))), AbsoluteUri(site), items);
    }

    /// <summary>
    /// Atom content decoded from base64 the way feedparser decides and does it: when mode="base64",
    /// or when the type is neither text nor XML (an image, application/octet-stream). Characters
    /// outside the base64 alphabet are skipped, as Python's decoder skips them; text that does not
    /// decode, or does not decode to UTF-8, stays as written.
    /// </summary>
    private static bool TryBase64(string? mode, string type, string value, out string decoded)
    {
        decoded = value;
        var mapped = type switch { "text" or "plain" => "text/plain", "html" => "text/html", "xhtml" => "application/xhtml+xml", _ => type };
        var base64 = mode == "base64" || !(mapped.StartsWith("text/", StringComparison.Ordinal) || mapped.EndsWith("+xml", StringComparison.Ordinal) || mapped.EndsWith("/xml", StringComparison.Ordinal));
        if (!base64)
        {
            return false;
        }

        var alphabet = string.Concat(value.Where(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '='));
        try
        {
            decoded = StrictUtf8.GetString(Convert.FromBase64String(alphabet));
            return true;
        }
        catch (Exception ex) when (ex is FormatException or DecoderFallbackException)
        {
            decoded = value;
            return false;
        }
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
