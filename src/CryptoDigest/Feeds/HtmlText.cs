using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace CryptoDigest.Feeds;

/// <summary>
/// Turns the HTML a feed carries (content:encoded, description, Atom content) into clean plain
/// text with AngleSharp: scripts, styles and other invisible parts removed, entities decoded,
/// whitespace collapsed, block elements kept as line or paragraph breaks. The text is data for
/// summaries and replies, never markup, so nothing of the HTML survives.
/// </summary>
public static class HtmlText
{
    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsScripting = false });

    private static readonly HashSet<string> Invisible = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "head", "iframe", "object", "embed", "svg", "math", "canvas", "form", "button", "select",
    };

    private static readonly HashSet<string> Paragraphs = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "header", "footer", "aside", "main", "blockquote", "pre", "figure", "figcaption",
        "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table", "hr", "address", "details", "summary",
    };

    private static readonly HashSet<string> Lines = new(StringComparer.OrdinalIgnoreCase)
    {
        "br", "li", "tr", "dt", "dd", "caption",
    };

    /// <summary>
    /// The deepest element nesting read. The HTML tree builder's cost grows with the depth of open
    /// elements at every tag, so a hostile item nested 100,000 levels deep would take minutes;
    /// tags deeper than this are dropped before parsing (their text is kept). See docs/hardening.md.
    /// </summary>
    public const int MaxDepth = 256;

    /// <summary>The most characters of text one item keeps (about 100 KB); the rest is cut at a word.</summary>
    public const int MaxTextLength = 100_000;

    /// <summary>How far back from the cap a cut text may end, so that it ends at a whole word.</summary>
    public const int MaxWordCut = 200;

    /// <summary>The most characters of HTML read for one item; markup beyond it cannot add kept text anyway in any sane item.</summary>
    public const int MaxHtmlLength = 2_000_000;

    /// <summary>Plain text of an HTML fragment (or of plain text, which comes back with entities decoded).</summary>
    public static string ToText(string? html) => ToText(html, out _);

    /// <summary>Plain text of an HTML fragment, with the deepest element level the walk reached (at most about <see cref="MaxDepth"/>).</summary>
    public static string ToText(string? html, out int deepest)
    {
        deepest = 0;
        if (string.IsNullOrWhiteSpace(html))
        {
            return string.Empty;
        }

        var document = ParseBounded(html);
        var writer = new TextWriterState(MaxTextLength);
        if (document.Body is { } body)
        {
            deepest = Walk(body, writer);
        }

        return writer.ToString();
    }

    /// <summary>
    /// Parses HTML within the limits every untrusted document gets (feed items and e-mail alike):
    /// at most <see cref="MaxHtmlLength"/> characters, and tags nested deeper than <see cref="MaxDepth"/>
    /// dropped before the parser sees them, so the parse costs time linear in the input.
    /// </summary>
    public static IHtmlDocument ParseBounded(string html)
    {
        if (html.Length > MaxHtmlLength)
        {
            html = html[..MaxHtmlLength];
        }

        return Parser.ParseDocument(HtmlDepthLimiter.Limit(html, MaxDepth));
    }

    /// <summary>Plain text cut to <see cref="MaxTextLength"/> at a word, as the HTML reading cuts it.</summary>
    public static string Cap(string text)
    {
        if (text.Length <= MaxTextLength)
        {
            return text;
        }

        var cut = text.LastIndexOfAny([' ', '\n'], MaxTextLength, MaxWordCut);
        return text[..(cut > 0 ? cut : MaxTextLength)];
    }

    /// <summary>A title or name: markup removed and entities decoded, on one line.</summary>
    public static string ToLine(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        // Plain titles skip the parser: most are, and "x < y" must stay as written.
        return Collapse(text.Contains('&', StringComparison.Ordinal) || LooksLikeMarkup(text) ? ToText(text) : text);
    }

    /// <summary>Plain text on one line, kept as written: control characters become spaces, then whitespace runs collapse.</summary>
    public static string Collapse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        // Control characters (which a lenient XML reading lets through as &#1;) become spaces.
        var words = string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        });
        return string.Join(' ', words.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static bool LooksLikeMarkup(string text)
    {
        for (var i = text.IndexOf('<', StringComparison.Ordinal); i >= 0 && i < text.Length - 1; i = text.IndexOf('<', i + 1))
        {
            var next = text[i + 1];
            if (char.IsAsciiLetter(next) || next is '/' or '!')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Writes the text under <paramref name="root"/> in document order, iteratively (no recursion, so no stack overflow); returns the deepest level reached.</summary>
    private static int Walk(INode root, TextWriterState writer)
    {
        // Each frame is an element whose children are being written, and the next child to write.
        var stack = new Stack<(INode Parent, INode? Next)>();
        stack.Push((root, root.FirstChild));
        var deepest = 0;
        while (stack.Count > 0 && !writer.IsFull)
        {
            var (parent, child) = stack.Pop();
            if (child is null)
            {
                if (parent is IElement closed && !ReferenceEquals(parent, root))
                {
                    Close(closed, writer);
                }

                continue;
            }

            stack.Push((parent, child.NextSibling));
            switch (child)
            {
                case IText text:
                    writer.Append(text.Data);
                    break;
                case IElement element when Invisible.Contains(element.LocalName):
                    break;
                case IElement element when element.LocalName == "img":
                    // An image's alt text is often all a newsletter says about a chart.
                    var alt = element.GetAttribute("alt");
                    if (!string.IsNullOrWhiteSpace(alt))
                    {
                        writer.Append(" " + alt + " ");
                    }

                    break;
                case IElement element:
                    if (Paragraphs.Contains(element.LocalName))
                    {
                        writer.Break(2);
                    }
                    else if (Lines.Contains(element.LocalName))
                    {
                        writer.Break(1);
                    }

                    stack.Push((element, element.FirstChild));
                    deepest = Math.Max(deepest, stack.Count - 1);
                    break;
            }
        }

        return deepest;
    }

    private static void Close(IElement element, TextWriterState writer)
    {
        if (Paragraphs.Contains(element.LocalName))
        {
            writer.Break(2);
        }
        else if (element.LocalName is "li" or "tr" or "dd" or "dt")
        {
            writer.Break(1);
        }
        else if (element.LocalName is "td" or "th")
        {
            writer.Append(" ");
        }
    }

    /// <summary>Accumulates text, collapsing whitespace and keeping at most one blank line between blocks.</summary>
    private sealed class TextWriterState(int maxLength)
    {
        private readonly StringBuilder _text = new();
        private int _pendingBreaks;
        private bool _pendingSpace;

        /// <summary>True once the text has reached its cap; nothing more is added.</summary>
        public bool IsFull { get; private set; }

        public void Append(string data)
        {
            foreach (var c in data)
            {
                if (IsFull)
                {
                    return;
                }

                if (char.IsWhiteSpace(c) || c == '\u200B' || c == '\uFEFF')
                {
                    _pendingSpace = _text.Length > 0;
                    continue;
                }

                if (char.IsControl(c))
                {
                    continue;
                }

                if (_pendingBreaks > 0 && _text.Length > 0)
                {
                    _text.Append('\n', _pendingBreaks);
                }
                else if (_pendingSpace)
                {
                    _text.Append(' ');
                }

                _pendingBreaks = 0;
                _pendingSpace = false;
                _text.Append(c);
                if (_text.Length >= maxLength)
                {
                    CutAtWord();
                }
            }
        }

        public void Break(int lines)
        {
            _pendingBreaks = Math.Max(_pendingBreaks, lines);
            _pendingSpace = false;
        }

        public override string ToString() => _text.ToString();

        private void CutAtWord()
        {
            IsFull = true;
            var tail = Math.Min(MaxWordCut, _text.Length);
            var lastSpace = _text.ToString(_text.Length - tail, tail).LastIndexOfAny([' ', '\n']);
            if (lastSpace >= 0)
            {
                _text.Length = _text.Length - tail + lastSpace;
            }
        }
    }

    /// <summary>
    /// One linear pass over the HTML that drops the start and end tags of elements nested deeper
    /// than the cap, keeping everything else (text included) exactly as written. Elements that
    /// cannot nest (void ones, those whose end tag is optional, raw-text ones) are not counted.
    /// Tag ends are found at the first '>', which is where a quoted '>' would fool it; that only
    /// matters for tags already being dropped.
    /// </summary>
    private sealed class HtmlDepthLimiter(string html, int maxDepth)
    {
        private static readonly HashSet<string> NotNesting = new(StringComparer.OrdinalIgnoreCase)
        {
            "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "keygen", "basefont", "bgsound", "frame",
            "p", "li", "dt", "dd", "option", "optgroup", "rb", "rp", "rt", "rtc", "tr", "td", "th", "tbody", "thead", "tfoot", "colgroup", "caption", "html", "head", "body",
        };

        private static readonly HashSet<string> RawText = new(StringComparer.OrdinalIgnoreCase)
        {
            "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext",
        };

        private readonly StringBuilder _output = new(html.Length);
        private int _depth;
        private int _dropped;

        public static string Limit(string html, int maxDepth) => new HtmlDepthLimiter(html, maxDepth).Run();

        private string Run()
        {
            var i = 0;
            while (i < html.Length)
            {
                var open = html.IndexOf('<', i);
                if (open < 0 || open == html.Length - 1)
                {
                    _output.Append(html, i, html.Length - i);
                    break;
                }

                _output.Append(html, i, open - i);
                i = html[open + 1] is '!' or '?' ? CopyCommentOrDeclaration(open) : CopyTag(open);
            }

            return _output.ToString();
        }

        /// <summary>Copies "&lt;!-- --&gt;", "&lt;!DOCTYPE&gt;" or "&lt;?...&gt;" as written; returns the index after it.</summary>
        private int CopyCommentOrDeclaration(int open)
        {
            var end = html.AsSpan(open).StartsWith("<!--", StringComparison.Ordinal) ? IndexAfter(html, "-->", open + 4) : IndexAfter(html, ">", open + 2);
            _output.Append(html, open, end - open);
            return end;
        }

        /// <summary>Copies the tag at <paramref name="open"/> unless it is nested too deep (and a raw-text element's content); returns the index after it.</summary>
        private int CopyTag(int open)
        {
            var closing = html[open + 1] == '/';
            var nameStart = open + (closing ? 2 : 1);
            var nameEnd = nameStart;
            while (nameEnd < html.Length && nameEnd - nameStart < 32 && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] is '-' or ':' or '_'))
            {
                nameEnd++;
            }

            if (nameEnd == nameStart || !char.IsAsciiLetter(html[nameStart]))
            {
                // "<" that starts no tag is text.
                _output.Append('<');
                return open + 1;
            }

            var tagEnd = IndexAfter(html, ">", nameEnd);
            var name = html[nameStart..nameEnd];
            var counted = !NotNesting.Contains(name) && !RawText.Contains(name);
            var selfClosing = html[tagEnd - 1] == '>' && html[tagEnd - 2] == '/';
            if (!counted || (!closing && selfClosing) || Keep(closing))
            {
                _output.Append(html, open, tagEnd - open);
            }

            return !closing && RawText.Contains(name) ? CopyRawText(name, tagEnd) : tagEnd;
        }

        /// <summary>Counts a nesting start or end tag: false when it is dropped (its start was past the cap, or this start is).</summary>
        private bool Keep(bool closing)
        {
            if (closing)
            {
                if (_dropped > 0)
                {
                    _dropped--;
                    return false;
                }

                _depth = Math.Max(0, _depth - 1);
                return true;
            }

            if (_depth >= maxDepth)
            {
                _dropped++;
                return false;
            }

            _depth++;
            return true;
        }

        /// <summary>A script's or title's content is not markup: copied up to its end tag.</summary>
        private int CopyRawText(string name, int from)
        {
            var endTag = html.IndexOf("</" + name, from, StringComparison.OrdinalIgnoreCase);
            var contentEnd = endTag < 0 ? html.Length : endTag;
            _output.Append(html, from, contentEnd - from);
            return contentEnd;
        }

        /// <summary>The index just past <paramref name="marker"/> at or after <paramref name="from"/>, or the end of the text.</summary>
        private static int IndexAfter(string html, string marker, int from)
        {
            var at = html.IndexOf(marker, Math.Min(from, html.Length), StringComparison.Ordinal);
            return at < 0 ? html.Length : at + marker.Length;
        }
    }
}
