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

    /// <summary>The charset parameter of a Content-Type header, if any.</summary>
    public static string? CharsetOf(string? contentType)
    {
        if (contentType is null)
        {
            return null;
        }

        var m = CharsetParameter().Match(contentType);
        return m.Success ? m.Groups[1].Value : null;
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

        text = InvalidXmlChars().Replace(text, string.Empty);
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

    [GeneratedRegex(@"charset\s*=\s*""?([A-Za-z0-9._:\-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex CharsetParameter();

    [GeneratedRegex(@"^\s*<\?xml[^>]*?encoding\s*=\s*[""']([A-Za-z0-9._:\-]+)[""']", RegexOptions.IgnoreCase)]
    private static partial Regex XmlDeclarationEncoding();

    [GeneratedRegex(@"[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]")]
    private static partial Regex InvalidXmlChars();

    [GeneratedRegex(@"<!\[CDATA\[.*?\]\]>|<!--.*?-->|&(?:(?<num>#[0-9]+;|#[xX][0-9a-fA-F]+;)|(?<name>[A-Za-z][A-Za-z0-9]{0,31});)?", RegexOptions.Singleline)]
    private static partial Regex AmpersandOrVerbatim();
}
