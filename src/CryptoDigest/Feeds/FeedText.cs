using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace CryptoDigest.Feeds;

/// <summary>
/// Bytes to text for feed documents, and the repairs that make broken real-world XML readable.
/// Decoding order: a byte-order mark, then the XML declaration, then the HTTP charset, then
/// UTF-8; a declaration that contradicts the bytes (a UTF-8 document that says ISO-8859-1, or
/// bytes that are not the UTF-8 they claim) loses to what the bytes are.
/// </summary>
internal static partial class FeedText
{
    // windows-1252 and the other legacy code pages feeds still declare need the code-pages provider.
    private static readonly Encoding Windows1252 = RegisterCodePages();

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Decode(ReadOnlySpan<byte> bytes, string? httpCharset)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Encoding.UTF8.GetString(bytes[3..]);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0x3C, 0x00, 0x3F, 0x00]))
        {
            return TrimBom(Encoding.Unicode.GetString(bytes));
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || bytes.StartsWith((ReadOnlySpan<byte>)[0x00, 0x3C, 0x00, 0x3F]))
        {
            return TrimBom(Encoding.BigEndianUnicode.GetString(bytes));
        }

        var declared = DeclaredEncoding(bytes) ?? httpCharset;
        var encoding = Lookup(declared);
        if (encoding is null || encoding.CodePage == Encoding.UTF8.CodePage)
        {
            // Undeclared, unknown or UTF-8: UTF-8 if the bytes are, else the web's usual legacy encoding.
            return TryUtf8(bytes) ?? Windows1252.GetString(bytes);
        }

        if (encoding.IsSingleByte && HasMultiByteUtf8(bytes) && TryUtf8(bytes) is { } utf8)
        {
            // Declared Latin-1 (or similar) but written in UTF-8: a common CMS mistake.
            return utf8;
        }

        return encoding.GetString(bytes);
    }

    /// <summary>True when the document declares its own entities (billion laughs, XXE): they are never expanded, so the feed is refused.</summary>
    public static bool DeclaresEntities(string text)
    {
        var doctype = text.IndexOf("<!DOCTYPE", StringComparison.OrdinalIgnoreCase);
        return doctype >= 0 && text.IndexOf("<!ENTITY", doctype, StringComparison.OrdinalIgnoreCase) >= 0;
    }

    /// <summary>
    /// The repairs a lenient reader makes: junk before the first tag dropped, characters XML
    /// forbids removed, HTML named entities (&amp;nbsp;) turned into character references, and
    /// bare ampersands escaped. CDATA sections and comments are left as they are.
    /// </summary>
    public static string Repair(string text)
    {
        var start = text.IndexOf('<', StringComparison.Ordinal);
        if (start > 0)
        {
            text = text[start..];
        }

        // Anything after the root's end tag (a second document, a server's debug output) is dropped.
        var end = Math.Max(text.LastIndexOf("</rss>", StringComparison.OrdinalIgnoreCase), Math.Max(text.LastIndexOf("</feed>", StringComparison.OrdinalIgnoreCase), text.LastIndexOf("</rdf:RDF>", StringComparison.Ordinal)));
        if (end > 0)
        {
            text = text[..(text.IndexOf('>', end) + 1)];
        }

        text = InvalidXmlChars().Replace(text, string.Empty);
        text = DeclareMissingPrefixes(text);
        return AmpersandOrVerbatim().Replace(text, m =>
        {
            if (!m.Value.StartsWith('&'))
            {
                return m.Value;
            }

            var name = m.Groups["name"];
            if (!name.Success)
            {
                // A bare "&" (as in "S&P 500") or a numeric reference, which is fine as it is.
                return m.Groups["num"].Success ? m.Value : "&amp;";
            }

            if (name.Value is "amp" or "lt" or "gt" or "quot" or "apos")
            {
                return m.Value;
            }

            var decoded = WebUtility.HtmlDecode(m.Value);
            if (decoded == m.Value)
            {
                return "&amp;" + m.Value[1..];
            }

            var references = new StringBuilder();
            for (var i = 0; i < decoded.Length; i += char.IsSurrogatePair(decoded, i) ? 2 : 1)
            {
                references.Append("&#").Append(char.ConvertToUtf32(decoded, i)).Append(';');
            }

            return references.ToString();
        });
    }

    /// <summary>
    /// Wraps the text of the elements that carry HTML (description, content:encoded, summary,
    /// content) in CDATA, for feeds that put raw, unbalanced HTML there (&lt;br&gt;, &lt;img&gt;).
    /// </summary>
    public static string WrapMarkupInCdata(string text) => MarkupField().Replace(text, m =>
    {
        var inner = m.Groups["inner"].Value;
        if (inner.Contains("]]>", StringComparison.Ordinal) || inner.TrimStart().StartsWith("<![CDATA[", StringComparison.Ordinal) || !inner.Contains('<', StringComparison.Ordinal))
        {
            return m.Value;
        }

        return $"<{m.Groups["name"].Value}{m.Groups["attributes"].Value}><![CDATA[{inner}]]></{m.Groups["name"].Value}>";
    });

    /// <summary>Declares namespace prefixes a feed uses without declaring (a common hand-written mistake), on its root element.</summary>
    private static string DeclareMissingPrefixes(string text)
    {
        var used = UsedPrefix().Matches(text).Select(m => m.Groups["p"].Value)
            .Where(p => p is not "xml" and not "xmlns")
            .ToHashSet(StringComparer.Ordinal);
        var missing = used.Where(p => !text.Contains("xmlns:" + p + "=", StringComparison.Ordinal)).ToList();
        if (missing.Count == 0)
        {
            return text;
        }

        var root = RootStart().Match(text);
        if (!root.Success)
        {
            return text;
        }

        var declarations = string.Concat(missing.Select(p => $" xmlns:{p}=\"{(KnownNamespaces.TryGetValue(p, out var uri) ? uri : "urn:undeclared:" + p)}\""));
        return text.Insert(root.Groups["name"].Index + root.Groups["name"].Length, declarations);
    }

    private static readonly Dictionary<string, string> KnownNamespaces = new(StringComparer.Ordinal)
    {
        ["dc"] = "http://purl.org/dc/elements/1.1/",
        ["dcterms"] = "http://purl.org/dc/terms/",
        ["content"] = "http://purl.org/rss/1.0/modules/content/",
        ["atom"] = "http://www.w3.org/2005/Atom",
        ["media"] = "http://search.yahoo.com/mrss/",
        ["itunes"] = "http://www.itunes.com/dtds/podcast-1.0.dtd",
        ["rdf"] = "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    };

    private static Encoding RegisterCodePages()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }

    private static string TrimBom(string text) => text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;

    private static string? TryUtf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static bool HasMultiByteUtf8(ReadOnlySpan<byte> bytes) => bytes.IndexOfAnyExceptInRange((byte)0, (byte)0x7F) >= 0;

    private static string? DeclaredEncoding(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.ASCII.GetString(bytes[..Math.Min(bytes.Length, 512)]);
        var m = XmlDeclarationEncoding().Match(head);
        return m.Success ? m.Groups[1].Value : null;
    }

    private static Encoding? Lookup(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        // As browsers do (WHATWG Encoding), Latin-1 and ASCII labels mean windows-1252.
        if (name.Trim().ToUpperInvariant() is "ISO-8859-1" or "ISO8859-1" or "LATIN1" or "LATIN-1" or "US-ASCII" or "ASCII")
        {
            return Windows1252;
        }

        try
        {
            return Encoding.GetEncoding(name.Trim().Trim('"'));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"</?(?<p>[A-Za-z_][\w.\-]*):[A-Za-z_]|\s(?<p>[A-Za-z_][\w.\-]*):[A-Za-z_][\w.\-]*\s*=", RegexOptions.None, matchTimeoutMilliseconds: 5000)]
    private static partial Regex UsedPrefix();

    [GeneratedRegex(@"<(?<name>(?:[A-Za-z_][\w.\-]*:)?[A-Za-z_][\w.\-]*)(?=[\s/>])", RegexOptions.None, matchTimeoutMilliseconds: 5000)]
    private static partial Regex RootStart();

    [GeneratedRegex(@"<(?<name>description|content:encoded|summary|content|itunes:summary)(?<attributes>\s[^>]*)?>(?<inner>.*?)</\k<name>\s*>", RegexOptions.Singleline, matchTimeoutMilliseconds: 5000)]
    private static partial Regex MarkupField();

    [GeneratedRegex(@"^\s*<\?xml[^>]*?encoding\s*=\s*[""']([A-Za-z0-9._:\-]+)[""']", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex XmlDeclarationEncoding();

    [GeneratedRegex(@"[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]", RegexOptions.None, matchTimeoutMilliseconds: 5000)]
    private static partial Regex InvalidXmlChars();

    [GeneratedRegex(@"<!\[CDATA\[.*?\]\]>|<!--.*?-->|&(?:(?<num>#[0-9]+;|#[xX][0-9a-fA-F]+;)|(?<name>[A-Za-z][A-Za-z0-9]{0,31});)?", RegexOptions.Singleline, matchTimeoutMilliseconds: 5000)]
    private static partial Regex AmpersandOrVerbatim();
}
