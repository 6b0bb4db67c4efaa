using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using MimeKit;

namespace CryptoDigest.Feeds.Email;

/// <summary>
/// Turns one newsletter e-mail into a feed item: the HTML part (else the text part) cleaned of
/// tracking pixels, hidden preheaders, footers, unsubscribe and preference links, share buttons
/// and "forwarded this e-mail?" boxes; the title from the subject without "[Letter]" prefixes;
/// the link from the issue's web version; the date from the Date header. Pure: nothing is fetched
/// and no link is followed. The rules are in docs/email.md.
/// </summary>
public static partial class NewsletterEmail
{
    /// <summary>The prefix of e-mail article ids, which tells e-mail articles from feed ones.</summary>
    public const string IdPrefix = "email:";

    private const int SmallBlockChars = 400;

    // "View in browser", "Unsubscribe", "Share": a link prompt is a few words.
    private const int MaxLinkTextChars = 200;

    private const int MaxAttributeChars = 2_000;

    // A "View in browser: <address>" or footer line of a text issue fits in this.
    private const int MaxPromptLineChars = 1_000;

    // Of one long line, this much is read: enough for the text cap after trackers and tracking parameters go.
    private const int MaxProseLineChars = HtmlText.MaxTextLength * 4;

    // Node visits one message's cleaning may take; a real issue needs well under a million, and
    // any shape of hostile HTML ends here as an error for that message instead of minutes of work.
    private const int MaxCleaningSteps = 5_000_000;

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "td", "tr", "table", "li", "ul", "section", "footer", "header", "center", "span", "h1", "h2", "h3", "h4", "h5", "h6",
    };

    // What a small block may not hold besides the line being removed: another paragraph, list, row or image.
    private static readonly HashSet<string> BlockLevel = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "li", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "img",
    };

    /// <summary>The message as a feed item of <paramref name="source"/>.</summary>
    /// <param name="message">The message.</param>
    /// <param name="source">The source that claims it.</param>
    /// <param name="now">The fetch time.</param>
    /// <param name="receivedAt">When the server received it (IMAP INTERNALDATE), the date when the Date header is missing or in the future.</param>
    /// <exception cref="EmailFormatException">The message has no readable HTML or text.</exception>
    public static FeedItem Read(MimeMessage message, FeedSourceSettings source, DateTimeOffset now, DateTimeOffset? receivedAt = null)
    {
        var hosts = IssueLinkHosts.Of(source);
        var listPost = ListPost(message.Headers[HeaderId.ListPost]) is { } post && hosts.Allows(post) ? post : null;
        var html = EmailDecoding.BodyText(message, html: true);
        string text;
        Uri? link;
        if (!string.IsNullOrWhiteSpace(html))
        {
            (text, link) = FromHtml(html, hosts);
        }
        else
        {
            var plain = EmailDecoding.BodyText(message, html: false);
            if (string.IsNullOrWhiteSpace(plain))
            {
                throw new EmailFormatException("the message has no HTML and no text part");
            }

            (text, link) = FromPlainText(plain, hosts);
        }

        link ??= listPost;
        if (!EmailDecoding.HasWords(text))
        {
            // Never an article: an issue of no words would be shown as its title and nothing else.
            throw new EmailFormatException("the message has no readable text");
        }

        var published = message.Date;
        if (published == DateTimeOffset.MinValue || published > now.AddDays(1))
        {
            published = receivedAt is { } received && received <= now.AddDays(1) ? received : DateTimeOffset.MinValue;
        }

        var publishedIsFetchTime = published == DateTimeOffset.MinValue;
        var title = EmailDecoding.Subject(message) is { } subject
            ? Title(subject)
            : $"{source.Name.Trim()}, {(publishedIsFetchTime ? now : published).ToUniversalTime().ToString("d MMM yyyy", CultureInfo.InvariantCulture)}";
        var messageId = string.IsNullOrWhiteSpace(message.MessageId) ? null : message.MessageId.Trim();
        var id = messageId is not null
            ? IdPrefix + messageId
            : IdPrefix + "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(title + "\n" + text)));
        var author = message.From.Mailboxes.FirstOrDefault() is { } from ? HtmlText.Collapse(string.IsNullOrWhiteSpace(from.Name) ? from.Address : from.Name) : null;
        return new FeedItem(id, title, link?.AbsoluteUri, publishedIsFetchTime ? now : published.ToUniversalTime(), publishedIsFetchTime, author, text);
    }

    /// <summary>The subject as a title: "[Bankless] Title", "Fwd: [Milk Road] Title" and the like lose their prefixes.</summary>
    public static string Title(string? subject)
    {
        var line = HtmlText.Collapse(subject);
        string previous;
        do
        {
            previous = line;
            line = SubjectPrefix().Replace(line, string.Empty, 1).Trim();
        }
        while (line != previous && line.Length > 0);

        return line.Length > 0 ? line : HtmlText.Collapse(subject);
    }

    private static (string Text, Uri? Link) FromHtml(string html, IssueLinkHosts hosts)
    {
        // The same size and depth limits as feed HTML: 100,000 nested elements parse in linear time.
        var document = HtmlText.ParseBounded(html);
        var body = document.Body;
        if (body is null)
        {
            return (string.Empty, null);
        }

        var budget = new CleaningBudget(MaxCleaningSteps);
        RemoveHiddenParts(body, budget);
        var candidates = new List<Uri>();
        var webVersion = CleanLinks(body, candidates, budget);
        RemoveBoilerplateBlocks(body, budget);
        return (HtmlText.ToText(body.InnerHtml), ChooseLink(webVersion, candidates, hosts));
    }

    private static void RemoveHiddenParts(IElement body, CleaningBudget budget)
    {
        foreach (var element in body.QuerySelectorAll("*").ToList())
        {
            budget.Spend(1);
            if (IsHidden(element) || IsTrackingPixel(element) || IsFooterContainer(element))
            {
                element.Remove();
            }
        }
    }

    /// <summary>
    /// Removes unsubscribe, web-version and share links (with their small blocks), points every other
    /// link at its real destination, adding it to <paramref name="candidates"/>; returns the web version.
    /// </summary>
    private static Uri? CleanLinks(IElement body, List<Uri> candidates, CleaningBudget budget)
    {
        Uri? webVersion = null;
        foreach (var anchor in body.QuerySelectorAll("a").ToList())
        {
            budget.Spend(1);
            if (!IsAttached(anchor, body, budget))
            {
                continue; // removed with a block already
            }

            var href = anchor.GetAttribute("href") ?? string.Empty;
            // A prompt such as "View in browser" is short; a longer text is the link's content, whatever it says.
            var text = ShortText(anchor, MaxLinkTextChars, budget) ?? string.Empty;
            switch (EmailLinks.Classify(text, href))
            {
                case EmailLinkKind.Unsubscribe:
                    RemoveSmallBlock(anchor, budget);
                    continue;
                case EmailLinkKind.WebVersion:
                    webVersion ??= EmailLinks.Destination(href);
                    RemoveSmallBlock(anchor, budget);
                    continue;
                case EmailLinkKind.Share:
                    anchor.Remove();
                    continue;
            }

            // A tracker that hides its destination loses its address; the text stays.
            var destination = EmailLinks.Destination(href);
            if (destination is null)
            {
                anchor.RemoveAttribute("href");
            }
            else
            {
                anchor.SetAttribute("href", destination.AbsoluteUri);
                candidates.Add(destination);
            }
        }

        return webVersion;
    }

    private static void RemoveBoilerplateBlocks(IElement body, CleaningBudget budget)
    {
        // Deepest first: the element that holds the words goes, not the table around the whole issue.
        foreach (var element in body.QuerySelectorAll("*").Reverse().ToList())
        {
            budget.Spend(1);
            if (!Blocks.Contains(element.LocalName) || !IsAttached(element, body, budget))
            {
                continue;
            }

            var words = ShortText(element, SmallBlockChars, budget);
            if (words is not null && (EmailLinks.IsBoilerplateText(words) || EmailLinks.IsWebVersionText(words)))
            {
                RemoveSmallBlock(element, budget);
            }
        }
    }

    private static (string Text, Uri? Link) FromPlainText(string plain, IssueLinkHosts hosts)
    {
        if (plain.Length > HtmlText.MaxHtmlLength)
        {
            plain = plain[..HtmlText.MaxHtmlLength];
        }

        Uri? webVersion = null;
        var kept = new List<string>();
        var keptLength = 0;
        var lines = plain.ReplaceLineEndings("\n").Split('\n');
        // Reading stops once more than the text cap is kept: the rest would be cut anyway.
        for (var i = 0; i < lines.Length && keptLength <= HtmlText.MaxTextLength; i++)
        {
            var line = lines[i];
            if (line.Length > MaxPromptLineChars)
            {
                // A long line is the issue's prose, never a prompt or a footer line: only its addresses are rewritten.
                var prose = EmailLinks.RewriteUrls(line.Length > MaxProseLineChars ? line[..MaxProseLineChars] : line).Trim();
                kept.Add(prose);
                keptLength += prose.Length + 1;
                continue;
            }

            var urls = EmailLinks.UrlsIn(line).ToList();
            var words = EmailLinks.RewriteUrls(line).Trim();
            if (EmailLinks.IsWebVersionText(RemoveUrls(line)) && urls.Count == 0 && i + 1 < lines.Length && EmailLinks.UrlsIn(lines[i + 1]).Any())
            {
                // "View in browser" on its own line, the address on the next.
                webVersion ??= EmailLinks.Destination(EmailLinks.UrlsIn(lines[i + 1]).First());
                i++;
                continue;
            }

            if (urls.Count > 0 && EmailLinks.IsWebVersionText(RemoveUrls(line)))
            {
                webVersion ??= EmailLinks.Destination(urls[0]);
                continue;
            }

            if (EmailLinks.IsUnsubscribeText(line) || urls.Any(u => EmailLinks.Classify(string.Empty, u) is EmailLinkKind.Unsubscribe or EmailLinkKind.Share)
                || EmailLinks.IsBoilerplateText(line))
            {
                continue;
            }

            kept.Add(words);
            keptLength += words.Length + 1;
        }

        var text = HtmlText.Cap(BlankLines().Replace(string.Join('\n', kept).Trim(), "\n\n"));
        var candidates = EmailLinks.UrlsIn(text).Select(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) ? uri : null).OfType<Uri>().ToList();
        return (text, ChooseLink(webVersion, candidates, hosts));
    }

    /// <summary>
    /// The web version, else an issue address in the platform's pattern, else the first link to the
    /// newsletter's own site; each only on a host the issue's link may have (<see cref="IssueLinkHosts"/>).
    /// </summary>
    private static Uri? ChooseLink(Uri? webVersion, IReadOnlyList<Uri> candidates, IssueLinkHosts hosts)
    {
        var siteHost = hosts.SiteHost;
        if (webVersion is not null && hosts.Allows(webVersion))
        {
            return EmailLinks.PlatformIssueAddress(webVersion, siteHost) ?? webVersion;
        }

        foreach (var candidate in candidates)
        {
            if (EmailLinks.PlatformIssueAddress(candidate, siteHost) is { } issue && hosts.Allows(issue))
            {
                return issue;
            }
        }

        return siteHost is null ? null : candidates.FirstOrDefault(c => EmailLinks.SameSite(c.IdnHost, siteHost) && c.AbsolutePath.Length > 1);
    }

    /// <summary>
    /// Removes the element with its enclosing blocks as long as they hold nothing else of block
    /// level and stay short (a footer line or a button row), else the element alone.
    /// </summary>
    private static void RemoveSmallBlock(IElement element, CleaningBudget budget)
    {
        var target = element;
        for (var current = element.ParentElement; current is not null && current.LocalName is not ("body" or "html"); current = current.ParentElement)
        {
            if (!IsSmallBlockAround(current, target, budget))
            {
                break;
            }

            target = current;
        }

        target.Remove();
    }

    /// <summary>
    /// True when <paramref name="container"/> holds at most <see cref="SmallBlockChars"/> characters of
    /// text and no block of its own besides <paramref name="inner"/> and what leads to it. One walk
    /// that stops at the first reason to say no.
    /// </summary>
    private static bool IsSmallBlockAround(IElement container, IElement inner, CleaningBudget budget)
    {
        var path = new HashSet<INode>();
        for (var node = inner.Parent; node is not null && node != container; node = node.Parent)
        {
            budget.Spend(1);
            path.Add(node);
        }

        var text = new CollapsedText(SmallBlockChars);
        var stack = new Stack<(INode Node, bool InInner)>();
        PushChildren(stack, container, inInner: false, inner);
        while (stack.Count > 0)
        {
            budget.Spend(1);
            var (node, inInner) = stack.Pop();
            if (node is IText words)
            {
                if (!text.TryAppend(words.Data))
                {
                    return false;
                }
            }
            else if (node is IElement element)
            {
                if (!inInner && !path.Contains(element) && BlockLevel.Contains(element.LocalName))
                {
                    return false;
                }

                PushChildren(stack, element, inInner, inner);
            }
        }

        return true;
    }

    /// <summary>Pushes the children last first, so they are popped in document order.</summary>
    private static void PushChildren(Stack<(INode Node, bool InInner)> stack, INode parent, bool inInner, IElement inner)
    {
        for (var child = parent.LastChild; child is not null; child = child.PreviousSibling)
        {
            stack.Push((child, inInner || child == inner));
        }
    }

    /// <summary>The element's text on one line, or null when it is longer than <paramref name="max"/> characters (found without reading the rest).</summary>
    private static string? ShortText(IElement element, int max, CleaningBudget budget)
    {
        var text = new CollapsedText(max);
        var stack = new Stack<INode>();
        stack.Push(element);
        while (stack.Count > 0)
        {
            budget.Spend(1);
            var node = stack.Pop();
            if (node is IText words)
            {
                if (!text.TryAppend(words.Data))
                {
                    return null;
                }

                continue;
            }

            for (var child = node.LastChild; child is not null; child = child.PreviousSibling)
            {
                stack.Push(child);
            }
        }

        return text.ToString();
    }

    /// <summary>True while the element is still in the document (not removed with a block around it).</summary>
    private static bool IsAttached(IElement element, IElement body, CleaningBudget budget)
    {
        for (var node = element.Parent; node is not null; node = node.Parent)
        {
            budget.Spend(1);
            if (node == body)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsHidden(IElement element)
    {
        if (element.HasAttribute("hidden") || element.GetAttribute("aria-hidden") == "true" && element.LocalName != "img")
        {
            return true;
        }

        var style = element.GetAttribute("style");
        return style is not null && HiddenStyle().IsMatch(Head(style));
    }

    /// <summary>The start of an attribute: styles and class lists that matter are short, and no pattern reads a megabyte of one.</summary>
    private static string Head(string value) => value.Length <= MaxAttributeChars ? value : value[..MaxAttributeChars];

    private static bool IsTrackingPixel(IElement element)
    {
        if (element.LocalName != "img")
        {
            return false;
        }

        static bool Tiny(string? value) => value is not null && int.TryParse(value.Trim().TrimEnd('x', 'p'), out var pixels) && pixels <= 1;
        var style = Head(element.GetAttribute("style") ?? string.Empty);
        return Tiny(element.GetAttribute("width")) || Tiny(element.GetAttribute("height")) || TinyStyle().IsMatch(style);
    }

    private static bool IsFooterContainer(IElement element)
    {
        var marker = Head($"{element.GetAttribute("class")} {element.Id}");
        return element.LocalName == "footer" || FooterMarker().IsMatch(marker);
    }

    private static Uri? ListPost(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        // List-Post: <https://...> or <mailto:...> or NO (RFC 2369).
        return EmailLinks.UrlsIn(value).Select(EmailLinks.Destination).FirstOrDefault(u => u is not null);
    }

    private static string RemoveUrls(string line) =>
        EmailLinks.UrlsIn(line).Aggregate(line, (current, url) => current.Replace(url, string.Empty, StringComparison.Ordinal)).Trim(' ', ':', '-', '<', '>', '(', ')', '[', ']');

    [GeneratedRegex(@"^\s*(\[[^\]]{1,80}\]|(re|fwd?|fw)\s*:)\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SubjectPrefix();

    [GeneratedRegex(@"display\s*:\s*none|visibility\s*:\s*hidden|max-height\s*:\s*0(px)?\s*(;|$|!)|opacity\s*:\s*0(\.0+)?\s*(;|$|!)|mso-hide\s*:\s*all|font-size\s*:\s*0(px)?\s*(;|$|!)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, matchTimeoutMilliseconds: 1000)]
    private static partial Regex HiddenStyle();

    [GeneratedRegex(@"(^|;)\s*(width|height)\s*:\s*[01](px)?\s*(;|$|!)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, matchTimeoutMilliseconds: 1000)]
    private static partial Regex TinyStyle();

    [GeneratedRegex(@"(^|[\s_-])(footer|email-footer|unsubscribe|share|social|preheader|preview-text)([\s_-]|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, matchTimeoutMilliseconds: 1000)]
    private static partial Regex FooterMarker();

    [GeneratedRegex(@"\n{3,}", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex BlankLines();

    /// <summary>Counts the work of cleaning one message and stops it, as an error for that message, past its limit.</summary>
    private sealed class CleaningBudget(int steps)
    {
        private int _spent;

        public void Spend(int count)
        {
            _spent += count;
            if (_spent > steps)
            {
                throw new EmailFormatException($"the message's HTML is too complex to clean (more than {steps:N0} steps)");
            }
        }
    }

    /// <summary>Text gathered as <see cref="HtmlText.Collapse"/> would give it (whitespace runs as one space), refusing to grow past a limit.</summary>
    private sealed class CollapsedText(int max)
    {
        private readonly StringBuilder _text = new();
        private bool _pendingSpace;

        /// <summary>Adds the data; false once the text is longer than the limit.</summary>
        public bool TryAppend(string data)
        {
            foreach (var c in data)
            {
                if (char.IsWhiteSpace(c) || char.IsControl(c))
                {
                    _pendingSpace = _text.Length > 0;
                    continue;
                }

                if (_pendingSpace)
                {
                    _text.Append(' ');
                    _pendingSpace = false;
                }

                _text.Append(c);
                if (_text.Length > max)
                {
                    return false;
                }
            }

            return true;
        }

        public override string ToString() => _text.ToString();
    }
}
