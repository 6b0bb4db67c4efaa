using System.Text;
using AngleSharp.Dom;
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

    /// <summary>Plain text of an HTML fragment (or of plain text, which comes back with entities decoded).</summary>
    public static string ToText(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return string.Empty;
        }

        var document = Parser.ParseDocument(html);
        var writer = new TextWriterState();
        if (document.Body is { } body)
        {
            Walk(body, writer);
        }

        return writer.ToString();
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

    private static void Walk(INode node, TextWriterState writer)
    {
        foreach (var child in node.ChildNodes)
        {
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
                    var paragraph = Paragraphs.Contains(element.LocalName);
                    var line = Lines.Contains(element.LocalName);
                    if (paragraph)
                    {
                        writer.Break(2);
                    }
                    else if (line)
                    {
                        writer.Break(1);
                    }

                    Walk(element, writer);
                    if (paragraph)
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

                    break;
            }
        }
    }

    /// <summary>Accumulates text, collapsing whitespace and keeping at most one blank line between blocks.</summary>
    private sealed class TextWriterState
    {
        private readonly StringBuilder _text = new();
        private int _pendingBreaks;
        private bool _pendingSpace;

        public void Append(string data)
        {
            foreach (var c in data)
            {
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
            }
        }

        public void Break(int lines)
        {
            _pendingBreaks = Math.Max(_pendingBreaks, lines);
            _pendingSpace = false;
        }

        public override string ToString() => _text.ToString();
    }
}
