using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace CryptoDigest.Feeds.Email;

/// <summary>
/// Reads a message's subject and body text only as far as they really decode. A broken message
/// (a base64 body with characters base64 has not, text that decodes to replacement and control
/// characters, an encoded-word subject that does not decode) must become an error for that message
/// or an honest fallback, never an issue titled "=?utf-8?B?broken" whose text is noise.
/// </summary>
public static partial class EmailDecoding
{
    // A subject longer than this is not read further (RFC 5322 lines are 998 characters).
    private const int MaxSubjectChars = 2_000;

    // Real text, HTML source included, holds almost no replacement or control characters; a body of
    // undecodable bytes read in some fallback charset is full of them.
    private const double MaxUndecodableShare = 0.05;

    /// <summary>
    /// The text of the message's HTML (<paramref name="html"/>) or plain part; null when it has none.
    /// An unknown or broken charset falls back to UTF-8 (invalid bytes replaced) rather than losing the issue.
    /// </summary>
    /// <exception cref="EmailFormatException">The part's base64 is invalid, or its text does not decode.</exception>
    public static string? BodyText(MimeMessage message, bool html)
    {
        var part = message.BodyParts.OfType<TextPart>()
            .FirstOrDefault(p => !p.IsAttachment && (html ? p.IsHtml : p.IsPlain));
        if (part is null)
        {
            return null;
        }

        if (part.ContentTransferEncoding == ContentEncoding.Base64 && !IsValidBase64(part))
        {
            throw new EmailFormatException("the message's text is not valid base64");
        }

        string text;
        try
        {
            text = part.Text;
        }
        catch (Exception ex) when (ex is NotSupportedException or ArgumentException or DecoderFallbackException)
        {
            text = part.GetText(Encoding.UTF8);
        }

        if (UndecodableShare(text) > MaxUndecodableShare)
        {
            throw new EmailFormatException("the message's text does not decode (it is mostly replacement and control characters)");
        }

        return text;
    }

    /// <summary>
    /// The subject decoded, or null when some of it does not decode: an encoded word left as it came
    /// ("=?utf-8?B?broken"), one whose payload is not valid base64 or quoted-printable in its charset,
    /// or replacement and control characters where text should be.
    /// </summary>
    public static string? Subject(MimeMessage message)
    {
        var decoded = message.Subject ?? string.Empty;
        var raw = message.Headers.FirstOrDefault(h => h.Id == HeaderId.Subject) is { } header ? Encoding.UTF8.GetString(header.RawValue) : string.Empty;
        if (raw.Length > MaxSubjectChars || decoded.Length > MaxSubjectChars)
        {
            raw = raw.Length > MaxSubjectChars ? raw[..MaxSubjectChars] : raw;
            decoded = decoded.Length > MaxSubjectChars ? decoded[..MaxSubjectChars] : decoded;
        }

        var wordsDecode = EncodedWord().Matches(raw).All(w => Decodes(w.Groups["encoding"].Value, w.Groups["text"].Value));
        var clean = !decoded.Any(c => c == '\uFFFD' || (char.IsControl(c) && !char.IsWhiteSpace(c)));
        return wordsDecode && clean && !LeftoverEncodedWord().IsMatch(decoded) ? decoded : null;
    }

    /// <summary>True when the text has at least one word: letters, in any script, two or more in a row.</summary>
    public static bool HasWords(string text)
    {
        var run = 0;
        foreach (var c in text)
        {
            run = char.IsLetter(c) ? run + 1 : 0;
            if (run >= 2)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The share of non-whitespace characters that are replacement, control, private-use or lone surrogate characters.</summary>
    private static double UndecodableShare(string text)
    {
        int visible = 0, undecodable = 0;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            visible++;
            if (c == '\uFFFD' || char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.PrivateUse)
            {
                undecodable++;
            }
        }

        return visible == 0 ? 0 : (double)undecodable / visible;
    }

    /// <summary>True when the part's encoded content holds only base64 characters, padding and line breaks.</summary>
    private static bool IsValidBase64(MimePart part)
    {
        if (part.Content?.Stream is not { CanSeek: true } stream)
        {
            return true;
        }

        stream.Position = 0;
        var buffer = new byte[8192];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            foreach (var b in buffer.AsSpan(0, read))
            {
                if (!(char.IsAsciiLetterOrDigit((char)b) || b is (byte)'+' or (byte)'/' or (byte)'=' or (byte)'\r' or (byte)'\n' or (byte)' ' or (byte)'\t'))
                {
                    stream.Position = 0;
                    return false;
                }
            }
        }

        stream.Position = 0;
        return true;
    }

    /// <summary>
    /// An encoded word's payload (RFC 2047) is valid in its encoding: base64 of whole or paddable
    /// quanta, or quoted-printable whose every "=" starts two hex digits. Its charset is MimeKit's
    /// to apply (an unknown one falls back to UTF-8, then Latin-1): decoded where it can be.
    /// </summary>
    private static bool Decodes(string encoding, string text)
    {
        if (encoding is "Q" or "q")
        {
            return QuotedPrintable().IsMatch(text);
        }

        var padded = text.Length % 4 == 0 ? text : text + new string('=', 4 - (text.Length % 4));
        return text.Length % 4 != 1 && Convert.TryFromBase64String(padded, new byte[padded.Length], out _);
    }

    [GeneratedRegex(@"=\?(?<charset>[^?\s]{1,64})\?(?<encoding>[BbQq])\?(?<text>[^?\s]*)\?=", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, matchTimeoutMilliseconds: 1000)]
    private static partial Regex EncodedWord();

    [GeneratedRegex(@"=\?[^?\s]{1,64}\?[BbQq]\?", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, matchTimeoutMilliseconds: 1000)]
    private static partial Regex LeftoverEncodedWord();

    // Every "=" in a quoted-printable word starts two hex digits.
    [GeneratedRegex(@"^(?:[^=]|=[0-9A-Fa-f]{2})*$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, matchTimeoutMilliseconds: 1000)]
    private static partial Regex QuotedPrintable();
}
