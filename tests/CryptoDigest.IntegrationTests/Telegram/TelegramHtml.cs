using System.Globalization;
using System.Text;

namespace CryptoDigest.Tests.Telegram;

/// <summary>
/// Parses text the way the Bot API does for parse_mode HTML (core.telegram.org/bots/api#html-style):
/// only Telegram's tag list, only &amp;lt; &amp;gt; &amp;amp; &amp;quot; and numeric entities, properly nested.
/// Independent of the code under test, so tests can check what Telegram would see. Shared by the
/// unit tests and the Bot API stand-in.
/// </summary>
public static class TelegramHtml
{
    private static readonly HashSet<string> Tags = new(StringComparer.Ordinal)
    {
        "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler",
        "a", "tg-emoji", "tg-time", "code", "pre", "blockquote",
    };

    /// <summary>The text after entity parsing, or the error the Bot API would answer with.</summary>
    public static (string? PlainText, string? Error) Parse(string html)
    {
        var plain = new StringBuilder();
        var open = new Stack<string>();
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c == '<')
            {
                var close = html.IndexOf('>', i);
                if (close < 0)
                {
                    return (null, $"can't parse entities: Unclosed start tag at byte offset {ByteOffset(html, i)}");
                }

                var tag = html[(i + 1)..close];
                if (tag.StartsWith('/'))
                {
                    var name = tag[1..].Trim();
                    if (open.Count == 0 || open.Peek() != name)
                    {
                        return (null, $"can't parse entities: Unexpected end tag at byte offset {ByteOffset(html, i)}");
                    }

                    open.Pop();
                }
                else
                {
                    var name = tag.Split(' ', 2)[0];
                    if (!Tags.Contains(name) || (name == "span" && !tag.Contains("class=\"tg-spoiler\"", StringComparison.Ordinal)))
                    {
                        return (null, $"can't parse entities: Unsupported start tag \"{name}\" at byte offset {ByteOffset(html, i)}");
                    }

                    if (name == "a" && !tag.Contains("href=\"", StringComparison.Ordinal))
                    {
                        return (null, $"can't parse entities: Can't find href attribute at byte offset {ByteOffset(html, i)}");
                    }

                    if (open.Contains("pre") || open.Contains("code") ? !(name == "code" && open.Peek() == "pre") : name == "blockquote" && open.Contains("blockquote"))
                    {
                        return (null, $"can't parse entities: Can't find end tag corresponding to start tag \"{open.Peek()}\"");
                    }

                    open.Push(name);
                }

                i = close + 1;
            }
            else if (c == '&')
            {
                var semicolon = html.IndexOf(';', i);
                var entity = semicolon < 0 ? null : Decode(html[(i + 1)..semicolon]);
                if (entity is null)
                {
                    return (null, $"can't parse entities: Unsupported HTML entity at byte offset {ByteOffset(html, i)}");
                }

                plain.Append(entity);
                i = semicolon + 1;
            }
            else if (c == '>')
            {
                return (null, $"can't parse entities: Unexpected \">\" at byte offset {ByteOffset(html, i)}");
            }
            else
            {
                plain.Append(c);
                i++;
            }
        }

        return open.Count > 0
            ? (null, $"can't parse entities: Can't find end tag corresponding to start tag \"{open.Peek()}\"")
            : (plain.ToString(), null);
    }

    /// <summary>Unicode code points, the unit Telegram's 4096 and 1024 limits count.</summary>
    public static int CodePoints(string text) => text.EnumerateRunes().Count();

    private static string? Decode(string name) => name switch
    {
        "lt" => "<",
        "gt" => ">",
        "amp" => "&",
        "quot" => "\"",
        ['#', 'x' or 'X', .. var hex] when int.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code) => char.ConvertFromUtf32(code),
        ['#', .. var dec] when int.TryParse(dec, NumberStyles.None, CultureInfo.InvariantCulture, out var code) => char.ConvertFromUtf32(code),
        _ => null,
    };

    private static int ByteOffset(string text, int index) => Encoding.UTF8.GetByteCount(text.AsSpan(0, index));
}
