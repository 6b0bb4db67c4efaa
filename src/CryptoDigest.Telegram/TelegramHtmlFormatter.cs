using System.Text;
using CryptoDigest.Replies;

namespace CryptoDigest.Telegram;

/// <summary>
/// Renders a <see cref="ChatReply"/> as Telegram HTML (https://core.telegram.org/bots/api#html-style) and
/// splits it to Telegram's limits. The text is split first and marked up afterwards, so a cut can never
/// fall inside a tag or an entity; cuts prefer paragraph, then line, then word boundaries. An @name in
/// untrusted text (any block not marked <see cref="ReplyBlock.Trusted"/>) is broken before splitting, so a
/// feed title cannot notify a member of the chat.
/// </summary>
public static class TelegramHtmlFormatter
{
    /// <summary>sendMessage text: 1-4096 characters after entities parsing (Telegram counts Unicode code points).</summary>
    public const int MessageLimit = 4096;

    /// <summary>Photo captions: 0-1024 characters after entities parsing.</summary>
    public const int CaptionLimit = 1024;

    // The server also refuses a raw text parameter over 32,768 bytes before parsing ("text is too long");
    // links' URLs and escapes count there, so long link lists can hit it before the 4096 does.
    private const int MaxRawBytes = 32_000;

    private enum Style
    {
        Plain,
        Bold,
        Link,
        Pre,
    }

    private readonly record struct Run(string Text, Style Style, string? Url = null);

    /// <summary>Renders and splits a whole reply (its image's caption is formatted separately).</summary>
    public static IReadOnlyList<TelegramMessagePart> Format(ChatReply reply, int limit = MessageLimit)
    {
        var texts = ReplyTexts.For(reply.Language);
        var runs = new List<Run>();
        foreach (var block in reply.Blocks)
        {
            string Safe(string text) => block.Trusted ? text : BreakMentions(text);
            if (runs.Count > 0)
            {
                runs.Add(new Run("\n\n", Style.Plain));
            }

            if (!string.IsNullOrWhiteSpace(block.Heading))
            {
                runs.Add(new Run(Safe(block.Heading), Style.Bold));
                runs.Add(new Run("\n", Style.Plain));
            }

            // Telegram finds no mentions inside pre.
            runs.Add(block.Preformatted ? new Run(block.Text, Style.Pre) : new Run(Safe(block.Text), Style.Plain));
            foreach (var citation in block.Citations)
            {
                runs.Add(new Run($"\n{texts["Citation.Source"]}: ", Style.Plain));
                var linkable = citation.Url is { } url && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp);
                runs.Add(linkable ? new Run(Safe(citation.Title), Style.Link, citation.Url!.AbsoluteUri) : new Run(Safe(citation.Title), Style.Plain));
            }
        }

        return Split(runs, limit);
    }

    /// <summary>
    /// Puts a zero-width joiner after the @ of every @name, so Telegram sees no mention (a username is only
    /// letters, digits and underscores: https://core.telegram.org/api/mentions) and nobody is notified, while the
    /// text still reads the same. An @ inside a word (an e-mail address) is no mention and stays as it is.
    /// </summary>
    public static string BreakMentions(string text)
    {
        if (!text.Contains('@', StringComparison.Ordinal))
        {
            return text;
        }

        var result = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            result.Append(text[i]);
            if (text[i] == '@' && (i == 0 || !IsNameCharacter(text[i - 1])) && i + 1 < text.Length && IsNameCharacter(text[i + 1]))
            {
                result.Append(MentionBreak);
            }
        }

        return result.ToString();
    }

    /// <summary>What <see cref="BreakMentions"/> puts after an @: U+200D ZERO WIDTH JOINER, invisible and no name character.</summary>
    public const char MentionBreak = '\u200D';

    private static bool IsNameCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    /// <summary>Escapes and splits plain text, e.g. a caption.</summary>
    public static IReadOnlyList<TelegramMessagePart> FormatText(string text, int limit) => Split([new Run(text, Style.Plain)], limit);

    /// <summary>Escapes the three characters Telegram's HTML mode requires escaped in text: &amp;, &lt; and &gt;.</summary>
    public static string Escape(string text) => EscapeCore(text, attribute: false);

    private static string EscapeAttribute(string text) => EscapeCore(text, attribute: true);

    private static string EscapeCore(string text, bool attribute)
    {
        var result = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => result.Append("&amp;"),
                '<' => result.Append("&lt;"),
                '>' => result.Append("&gt;"),
                '"' when attribute => result.Append("&quot;"),
                _ => result.Append(c),
            };
        }

        return result.ToString();
    }

    private static List<TelegramMessagePart> Split(List<Run> runs, int limit)
    {
        // Flatten to one plain string with the run each character belongs to.
        var plain = new StringBuilder();
        var owner = new List<int>();
        for (var r = 0; r < runs.Count; r++)
        {
            var text = Clean(runs[r].Text);
            plain.Append(text);
            owner.AddRange(Enumerable.Repeat(r, text.Length));
        }

        var all = plain.ToString();
        var parts = new List<TelegramMessagePart>();
        var start = SkipWhiteSpace(all, 0);
        while (start < all.Length)
        {
            var fits = LongestFit(all, owner, runs, start, limit);
            int cut;
            if (fits == all.Length)
            {
                cut = all.Length;
            }
            else
            {
                cut = LastBreak(all, start, fits, p => all[p] == '\n' && p + 1 < all.Length && all[p + 1] == '\n')
                    ?? LastBreak(all, start, fits, p => all[p] == '\n')
                    ?? LastBreak(all, start, fits, p => char.IsWhiteSpace(all[p]))
                    ?? fits;
            }

            var end = cut;
            while (end > start && char.IsWhiteSpace(all[end - 1]))
            {
                end--;
            }

            if (end > start)
            {
                parts.Add(Render(all, owner, runs, start, end, limit));
            }

            start = SkipWhiteSpace(all, cut);
        }

        return parts;
    }

    // The end of the longest piece from start that fits both the character limit and the raw size limit.
    // Telegram counts code points; counting UTF-16 units instead (an emoji is two) never undercounts,
    // so a part fits whichever way a server counts, at the price of splitting emoji-heavy text earlier.
    private static int LongestFit(string all, List<int> owner, List<Run> runs, int start, int limit)
    {
        var bytes = 0;
        var i = start;
        while (i < all.Length)
        {
            var width = char.IsHighSurrogate(all[i]) && i + 1 < all.Length && char.IsLowSurrogate(all[i + 1]) ? 2 : 1;
            var cost = width == 2 ? 4 : EscapedUtf8Length(all[i]);
            if (i == start || owner[i] != owner[i - 1])
            {
                cost += TagOverhead(runs[owner[i]]);
            }

            if (i - start + width > limit || bytes + cost > MaxRawBytes)
            {
                break;
            }

            bytes += cost;
            i += width;
        }

        // A single character that cannot fit (a link with an enormous URL) still moves on.
        return i > start ? i : start + 1;
    }

    // The last position p in (start, fits] where the separator test holds: the piece is [start, p).
    private static int? LastBreak(string all, int start, int fits, Func<int, bool> isBreak)
    {
        for (var p = Math.Min(fits, all.Length - 1); p > start; p--)
        {
            // all[start] is never white space, so any such p leaves a non-empty piece.
            if (isBreak(p))
            {
                return p;
            }
        }

        return null;
    }

    private static TelegramMessagePart Render(string all, List<int> owner, List<Run> runs, int start, int end, int limit)
    {
        var html = new StringBuilder();
        var plainWithLinks = new StringBuilder();
        var i = start;
        while (i < end)
        {
            var run = runs[owner[i]];
            var j = i;
            while (j < end && owner[j] == owner[i])
            {
                j++;
            }

            var text = all[i..j];
            switch (run.Style)
            {
                case Style.Bold:
                    html.Append("<b>").Append(Escape(text)).Append("</b>");
                    plainWithLinks.Append(text);
                    break;
                case Style.Pre:
                    html.Append("<pre>").Append(Escape(text)).Append("</pre>");
                    plainWithLinks.Append(text);
                    break;
                case Style.Link:
                    html.Append("<a href=\"").Append(EscapeAttribute(run.Url!)).Append("\">").Append(Escape(text)).Append("</a>");
                    plainWithLinks.Append(text).Append(" (").Append(run.Url).Append(')');
                    break;
                default:
                    html.Append(Escape(text));
                    plainWithLinks.Append(text);
                    break;
            }

            i = j;
        }

        var plain = all[start..end];
        var fallback = plainWithLinks.ToString();
        return new TelegramMessagePart(html.ToString(), fallback.Length <= limit && Encoding.UTF8.GetByteCount(fallback) <= MaxRawBytes ? fallback : plain);
    }

    private static int TagOverhead(Run run) => run.Style switch
    {
        Style.Bold => "<b></b>".Length,
        Style.Pre => "<pre></pre>".Length,
        Style.Link => "<a href=\"\"></a>".Length + Encoding.UTF8.GetByteCount(EscapeAttribute(run.Url!)),
        _ => 0,
    };

    private static int EscapedUtf8Length(char c) => c switch
    {
        '&' => 5,
        '<' or '>' => 4,
        < '\u0080' => 1,
        < '\u0800' => 2,
        _ => 3,
    };

    // Line endings become \n; control characters and broken surrogate pairs (which cannot be sent as UTF-8) go.
    private static string Clean(string text)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                result.Append('\n');
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                result.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                result.Append('\uFFFD');
            }
            else if (!char.IsControl(c) || c is '\n' or '\t')
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    private static int SkipWhiteSpace(string text, int index)
    {
        while (index < text.Length && char.IsWhiteSpace(text[index]))
        {
            index++;
        }

        return index;
    }
}
