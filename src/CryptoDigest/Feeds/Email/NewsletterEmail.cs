using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using MimeKit;

namespace CryptoDigest.Feeds.Email;

/// <summary>A newsletter e-mail that could not be turned into an article; the message is one line for logs and reports.</summary>
public sealed class EmailFormatException(string message, Exception? inner = null) : Exception(message, inner);

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

    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsScripting = false });

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "td", "tr", "table", "li", "ul", "section", "footer", "header", "center", "span", "h1", "h2", "h3", "h4", "h5", "h6",
    };

    /// <summary>The message as a feed item of <paramref name="source"/>.</summary>
    /// <exception cref="EmailFormatException">The message has no HTML or text to read.</exception>
    public static FeedItem Read(MimeMessage message, FeedSourceSettings source, DateTimeOffset now)
    {
        var siteHost = Uri.TryCreate(source.SiteUrl?.Trim(), UriKind.Absolute, out var site) ? site.IdnHost : null;
        var listPost = ListPost(message.Headers[HeaderId.ListPost]);
        var html = BodyText(message, html: true);
        string text;
        Uri? link;
        if (!string.IsNullOrWhiteSpace(html))
        {
            (text, link) = FromHtml(html, siteHost);
        }
        else
        {
            var plain = BodyText(message, html: false);
            if (string.IsNullOrWhiteSpace(plain))
            {
                throw new EmailFormatException("the message has no HTML and no text part");
            }

            (text, link) = FromPlainText(plain, siteHost);
        }

        link ??= listPost;
        if (text.Length == 0)
        {
            throw new EmailFormatException("the message has no readable text");
        }

        var title = Title(message.Subject);
        var published = message.Date;
        var publishedIsFetchTime = published == DateTimeOffset.MinValue || published > now.AddDays(1);
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

    private static (string Text, Uri? Link) FromHtml(string html, string? siteHost)
    {
        var document = Parser.ParseDocument(html);
        var body = document.Body;
        if (body is null)
        {
            return (string.Empty, null);
        }

        foreach (var element in body.QuerySelectorAll("*").ToList())
        {
            if (IsHidden(element) || IsTrackingPixel(element) || IsFooterContainer(element))
            {
                element.Remove();
            }
        }

        Uri? webVersion = null;
        var candidates = new List<Uri>();
        foreach (var anchor in body.QuerySelectorAll("a").ToList())
        {
            if (anchor.ParentElement is null)
            {
                continue; // removed with a block already
            }

            var href = anchor.GetAttribute("href") ?? string.Empty;
            switch (EmailLinks.Classify(anchor.TextContent, href))
            {
                case EmailLinkKind.Unsubscribe:
                    RemoveSmallBlock(anchor);
                    continue;
                case EmailLinkKind.WebVersion:
                    webVersion ??= EmailLinks.Destination(href);
                    RemoveSmallBlock(anchor);
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

        // Deepest first: the element that holds the words goes, not the table around the whole issue.
        foreach (var element in body.QuerySelectorAll("*").Reverse().ToList())
        {
            if (element.ParentElement is null || !Blocks.Contains(element.LocalName))
            {
                continue;
            }

            var words = element.TextContent;
            if (HtmlText.Collapse(words).Length <= SmallBlockChars && (EmailLinks.IsBoilerplateText(words) || EmailLinks.IsWebVersionText(words)))
            {
                RemoveSmallBlock(element);
            }
        }

        return (HtmlText.ToText(body.InnerHtml), ChooseLink(webVersion, candidates, siteHost));
    }

    private static (string Text, Uri? Link) FromPlainText(string plain, string? siteHost)
    {
        Uri? webVersion = null;
        var kept = new List<string>();
        var lines = plain.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
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
        }

        var text = string.Join('\n', kept);
        var candidates = EmailLinks.UrlsIn(text).Select(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) ? uri : null).OfType<Uri>().ToList();
        return (BlankLines().Replace(text.Trim(), "\n\n"), ChooseLink(webVersion, candidates, siteHost));
    }

    /// <summary>The web version, else an issue address in the platform's pattern, else the first link to the newsletter's own site.</summary>
    private static Uri? ChooseLink(Uri? webVersion, IReadOnlyList<Uri> candidates, string? siteHost)
    {
        if (webVersion is not null)
        {
            return EmailLinks.PlatformIssueAddress(webVersion, siteHost) ?? webVersion;
        }

        foreach (var candidate in candidates)
        {
            if (EmailLinks.PlatformIssueAddress(candidate, siteHost) is { } issue)
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
    private static void RemoveSmallBlock(IElement element)
    {
        var target = element;
        for (var current = element.ParentElement; current is not null && current.LocalName is not ("body" or "html"); current = current.ParentElement)
        {
            if (HtmlText.Collapse(current.TextContent).Length > SmallBlockChars || HoldsOtherBlocks(current, target))
            {
                break;
            }

            target = current;
        }

        target.Remove();
    }

    private static bool HoldsOtherBlocks(IElement container, IElement inner) =>
        container.QuerySelectorAll("p, div, li, tr, table, h1, h2, h3, h4, h5, h6, ul, ol, blockquote, img")
            .Any(e => e != inner && !e.Contains(inner) && !inner.Contains(e));

    private static bool IsHidden(IElement element)
    {
        if (element.HasAttribute("hidden") || element.GetAttribute("aria-hidden") == "true" && element.LocalName != "img")
        {
            return true;
        }

        var style = element.GetAttribute("style");
        return style is not null && HiddenStyle().IsMatch(style);
    }

    private static bool IsTrackingPixel(IElement element)
    {
        if (element.LocalName != "img")
        {
            return false;
        }

        static bool Tiny(string? value) => value is not null && int.TryParse(value.Trim().TrimEnd('x', 'p'), out var pixels) && pixels <= 1;
        var style = element.GetAttribute("style") ?? string.Empty;
        return Tiny(element.GetAttribute("width")) || Tiny(element.GetAttribute("height")) || TinyStyle().IsMatch(style);
    }

    private static bool IsFooterContainer(IElement element)
    {
        var marker = $"{element.GetAttribute("class")} {element.Id}";
        return element.LocalName == "footer" || FooterMarker().IsMatch(marker);
    }

    /// <summary>A part's text; an unknown or broken charset falls back to UTF-8 (invalid bytes replaced) rather than losing the issue.</summary>
    private static string? BodyText(MimeMessage message, bool html)
    {
        var part = message.BodyParts.OfType<TextPart>()
            .FirstOrDefault(p => !p.IsAttachment && (html ? p.IsHtml : p.IsPlain));
        if (part is null)
        {
            return null;
        }

        try
        {
            return part.Text;
        }
        catch (Exception ex) when (ex is NotSupportedException or ArgumentException or DecoderFallbackException)
        {
            return part.GetText(Encoding.UTF8);
        }
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

    [GeneratedRegex(@"display\s*:\s*none|visibility\s*:\s*hidden|max-height\s*:\s*0(px)?\s*(;|$|!)|opacity\s*:\s*0(\.0+)?\s*(;|$|!)|mso-hide\s*:\s*all|font-size\s*:\s*0(px)?\s*(;|$|!)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex HiddenStyle();

    [GeneratedRegex(@"(^|;)\s*(width|height)\s*:\s*[01](px)?\s*(;|$|!)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex TinyStyle();

    [GeneratedRegex(@"(^|[\s_-])(footer|email-footer|unsubscribe|share|social|preheader|preview-text)([\s_-]|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex FooterMarker();

    [GeneratedRegex(@"\n{3,}", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex BlankLines();
}
