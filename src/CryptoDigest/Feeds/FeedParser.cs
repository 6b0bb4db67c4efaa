using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace CryptoDigest.Feeds;

/// <summary>
/// Parses RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 into <see cref="ParsedFeed"/>, tolerant the way an
/// aggregator must be. Our own XmlReader-based reader because SyndicationFeed throws on the dates
/// real feeds carry. Safety (docs/security-rules.md, section 5): DTDs are ignored, so a DOCTYPE still parses but no
/// entity is ever expanded and nothing external is ever fetched (XmlResolver = null); the
/// characters read are capped. Broken XML gets two more tries: the repairs of
/// <see cref="FeedText.Repair"/>, then item-by-item salvage, so one broken entry costs that entry only.
/// </summary>
public static partial class FeedParser
{
    private static readonly XNamespace Atom10 = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Atom03 = "http://purl.org/atom/ns#";
    private static readonly XNamespace Rss10 = "http://purl.org/rss/1.0/";
    private static readonly XNamespace Rss090 = "http://my.netscape.com/rdf/simple/0.9/";
    private static readonly XNamespace Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace DcTerms = "http://purl.org/dc/terms/";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace ITunes = "http://www.itunes.com/dtds/podcast-1.0.dtd";
    private static readonly XNamespace Media = "http://search.yahoo.com/mrss/";

    /// <summary>The default cap on characters read from one document.</summary>
    public const long DefaultMaxCharacters = 10_000_000;

    /// <summary>Parses a feed document from its bytes, decoding them by BOM, XML declaration or HTTP charset.</summary>
    /// <param name="content">The document as received.</param>
    /// <param name="httpCharset">The charset of the HTTP Content-Type, if any.</param>
    /// <param name="feedUrl">Where the document came from: the base for relative links when the feed gives no xml:base.</param>
    /// <param name="fetchedAt">Stands in for a missing or unreadable date.</param>
    /// <param name="maxCharacters">The most characters the document may have.</param>
    /// <exception cref="FeedFormatException">The document is not a feed, or no part of it could be read.</exception>
    public static ParsedFeed Parse(ReadOnlySpan<byte> content, string? httpCharset, Uri? feedUrl, DateTimeOffset fetchedAt, long maxCharacters = DefaultMaxCharacters) =>
        Parse(FeedText.Decode(content, httpCharset), feedUrl, fetchedAt, maxCharacters);

    /// <summary>Parses a feed document already decoded to text.</summary>
    /// <exception cref="FeedFormatException">The document is not a feed, or no part of it could be read.</exception>
    public static ParsedFeed Parse(string text, Uri? feedUrl, DateTimeOffset fetchedAt, long maxCharacters = DefaultMaxCharacters)
    {
        if (text.Length > maxCharacters)
        {
            throw new FeedFormatException($"the document is longer than the {maxCharacters:N0} characters allowed");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FeedFormatException("the document is empty");
        }

        var root = Load(text, maxCharacters);
        return Read(root, feedUrl, fetchedAt);
    }

    private static XElement Load(string text, long maxCharacters)
    {
        XmlException first;
        try
        {
            return LoadStrict(text, maxCharacters, ConformanceLevel.Document);
        }
        catch (XmlException ex)
        {
            first = ex;
        }

        if (FeedText.DeclaresEntities(text))
        {
            // Plain named strings are expanded once, as feedparser does; anything else (nested,
            // parameter or external entities) is refused, since repairing would only hide an attack.
            text = ExpandDeclaredEntities(text, maxCharacters)
                ?? throw new FeedFormatException("the document declares its own XML entities (a DTD); they are never expanded, so it is refused (possible entity bomb or XXE)", first);
            try
            {
                return LoadStrict(text, maxCharacters, ConformanceLevel.Document);
            }
            catch (XmlException ex)
            {
                first = ex;
            }
        }

        if (LooksLikeHtml(text))
        {
            throw new FeedFormatException("the address returned an HTML page, not a feed");
        }

        try
        {
            return Recover(text, maxCharacters)
                ?? throw new FeedFormatException($"not readable XML: {OneLine(first.Message)}", first);
        }
        catch (RegexMatchTimeoutException)
        {
            // The repairs are regular expressions with a deadline: a pathological document is refused, not chewed on.
            throw new FeedFormatException($"not readable XML, and too broken to repair: {OneLine(first.Message)}", first);
        }
    }

    private static string? ExpandDeclaredEntities(string text, long maxCharacters)
    {
        try
        {
            return ExpandPlainEntities(text, maxCharacters);
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    private static XElement? Recover(string text, long maxCharacters)
    {
        // Each repair is tried only when the stricter reading failed, so valid feeds are read exactly as written.
        var repaired = FeedText.Repair(text);
        foreach (var candidate in new Func<string>[] { () => repaired, () => FeedText.WrapMarkupInCdata(repaired) })
        {
            try
            {
                return LoadStrict(candidate(), maxCharacters, ConformanceLevel.Document);
            }
            catch (XmlException)
            {
                // Try the next repair.
            }
        }

        return Salvage(FeedText.WrapMarkupInCdata(repaired), maxCharacters);
    }

    private static XElement LoadStrict(string text, long maxCharacters, ConformanceLevel conformance)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            MaxCharactersInDocument = maxCharacters,
            MaxCharactersFromEntities = 1024,
            CheckCharacters = false,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            ConformanceLevel = conformance,
        };
        using var reader = XmlReader.Create(new StringReader(text), settings);
        return XDocument.Load(reader, LoadOptions.None).Root ?? throw new XmlException("the document has no root element");
    }

    /// <summary>
    /// Last resort for XML broken beyond the repairs (a mismatched tag in one entry): each
    /// item or entry is read on its own, with the root's namespace declarations, and the
    /// unreadable ones are dropped.
    /// </summary>
    private static XElement? Salvage(string text, long maxCharacters)
    {
        var rootTag = RootTag().Match(text);
        if (!rootTag.Success)
        {
            return null;
        }

        var rootName = rootTag.Groups["name"].Value;
        var declarations = string.Join(' ', NamespaceDeclaration().Matches(rootTag.Value).Select(m => m.Value));
        var atom = rootName.EndsWith("feed", StringComparison.OrdinalIgnoreCase);
        var items = new List<XElement>();
        foreach (Match chunk in (atom ? EntryChunk() : ItemChunk()).Matches(text))
        {
            try
            {
                var wrapper = LoadStrict($"<salvage {declarations}>{chunk.Value}</salvage>", maxCharacters, ConformanceLevel.Document);
                items.AddRange(wrapper.Elements());
            }
            catch (XmlException)
            {
                // This entry is lost; the others still count.
            }
        }

        var title = TitleChunk().Match(text);
        if (atom)
        {
            var ns = declarations.Contains(Atom03.NamespaceName, StringComparison.Ordinal) ? Atom03 : Atom10;
            return new XElement(ns + "feed", title.Success ? new XElement(ns + "title", title.Groups[1].Value) : null, items);
        }

        if (items.Count == 0 && !rootName.EndsWith("rss", StringComparison.OrdinalIgnoreCase) && !rootName.EndsWith("RDF", StringComparison.Ordinal))
        {
            return null;
        }

        return new XElement("rss", new XElement("channel", title.Success ? new XElement("title", title.Groups[1].Value) : null, items));
    }

    private static ParsedFeed Read(XElement root, Uri? feedUrl, DateTimeOffset fetchedAt)
    {
        var documentBase = BaseOf(root, feedUrl);
        switch (root.Name.LocalName)
        {
            case "rss":
            case "channel":
            case "RDF":
            {
                var channel = root.Name.LocalName == "channel" ? root : root.Elements().FirstOrDefault(e => e.Name.LocalName == "channel");
                var format = root.Name.LocalName == "RDF"
                    ? (channel?.Name.Namespace == Rss090 || root.Elements().Any(e => e.Name.Namespace == Rss090) ? "RSS 0.90" : "RSS 1.0")
                    : "RSS " + ((string?)root.Attribute("version") ?? "2.0");
                var siteLink = channel is null ? null : Text(RssChild(channel, "link"));
                var site = Resolve(documentBase, siteLink);
                // RSS items sit in the channel (0.9x, 2.0) or beside it (1.0); broken feeds do either.
                var itemElements = (channel?.Elements() ?? []).Concat(root.Elements()).Where(e => e.Name.LocalName == "item");
                var items = itemElements.Select(e => ReadRssItem(e, feedUrl, fetchedAt)).ToList();
                return new ParsedFeed(format, RssLine(Text(channel is null ? null : RssChild(channel, "title"))), AbsoluteUri(site), items);
            }

            case "feed":
            {
                var ns = root.Name.Namespace == Atom03 ? Atom03 : Atom10;
                var format = ns == Atom03 ? "Atom 0.3" : "Atom 1.0";
                var site = AtomLink(root, feedUrl);
                var feedAuthor = AtomAuthor(root);
                var items = root.Elements().Where(e => e.Name.LocalName == "entry")
                    .Select(e => ReadAtomEntry(e, feedUrl, feedAuthor, fetchedAt)).ToList();
                return new ParsedFeed(format, AtomText(AtomChild(root, "title"), line: true), AbsoluteUri(site), items);
            }

            case "entry" when root.Name.Namespace == Atom10 || root.Name.Namespace == Atom03:
            {
                // A lone Atom entry document (RFC 4287 section 4.1.2 allows one): a feed of that one entry, as feedparser reads it.
                var ns = root.Name.Namespace;
                return new ParsedFeed(ns == Atom03 ? "Atom 0.3" : "Atom 1.0", string.Empty, null, [ReadAtomEntry(root, feedUrl, null, fetchedAt)]);
            }

            case var name when name.Equals("channel", StringComparison.OrdinalIgnoreCase):
                // Microsoft's Channel Definition Format: <CHANNEL HREF=...> with <ITEM HREF=...> entries, in upper case.
                return ReadCdf(root, feedUrl, fetchedAt);

            case "html":
                throw new FeedFormatException("the address returned an HTML page, not a feed");
            default:
                throw new FeedFormatException($"not a feed: the document's root element is <{root.Name.LocalName}>, not <rss>, <rdf:RDF> or <feed>");
        }
    }

    private static FeedItem ReadRssItem(XElement item, Uri? feedUrl, DateTimeOffset fetchedAt)
    {
        // A title anywhere inside the item counts when it has none of its own (feedparser reads a
        // <title> nested in an <enclosure> or <media:content> as the item's).
        var title = RssLine(Text(RssChild(item, "title")) ?? Text(NsChild(item, Dc, "title")) ?? Text(AnyChild(item, "title")) ?? NestedTitle(item));

        // As feedparser: every <link> and <atom:link> of the item in document order, the last one
        // that says something winning (see ItemLink), else a permalink guid. An empty <link/> says
        // there is none, so the guid is not used then; feedparser's guid-as-link also takes
        // non-URLs, ours only web addresses.
        var guidElement = RssChild(item, "guid");
        var guid = Text(guidElement) ?? (string?)item.Attribute(Rdf + "about");
        var (hasLink, link) = ItemLink(item.Elements().Where(e => e.Name.LocalName == "link" && IsRssOrAtom(e, item)), feedUrl);
        link ??= !hasLink && IsPermaLink(guidElement) ? HttpLink(BaseOf(guidElement!, feedUrl), guid) : null;

        // feedparser's published (pubDate, dcterms:issued, atom:published), then its updated
        // (dc:date, dcterms:modified, atom:updated); created is neither, so it comes last.
        var dates = new[]
        {
            RssChild(item, "pubDate"), NsChild(item, DcTerms, "issued"), item.Element(Atom10 + "published"),
            NsChild(item, Dc, "date"), NsChild(item, DcTerms, "modified"), item.Element(Atom10 + "updated"),
            NsChild(item, DcTerms, "created"), RssChild(item, "date"),
        };
        var (published, fromFetch, dateText) = DateOrFetchTime(dates, fetchedAt);

        var author = Text(NsChild(item, Dc, "creator")) ?? Text(RssChild(item, "author")) ?? Text(item.Element(ITunes + "author"))
            ?? AtomAuthor(item);
        var body = item.Element(Content + "encoded") is { } encoded && !string.IsNullOrWhiteSpace(encoded.Value)
            ? HtmlText.ToText(Markup(encoded))
            : item.Element(Atom10 + "content") is { } atomContent && !string.IsNullOrWhiteSpace(atomContent.Value)
                ? AtomText(atomContent, line: false)
                : HtmlText.ToText(Markup(RssChild(item, "description") ?? item.Element(Atom10 + "summary")
                    ?? item.Element(Media + "group")?.Element(Media + "description") ?? item.Element(Media + "description") ?? item.Element(ITunes + "summary")));

        return new FeedItem(Identity(guid, link, title, dateText), title, link, published, fromFetch, AuthorName(author), body);
    }

    private static FeedItem ReadAtomEntry(XElement entry, Uri? feedUrl, string? feedAuthor, DateTimeOffset fetchedAt)
    {
        var title = AtomText(AtomChild(entry, "title"), line: true);
        // Without an HTML alternate link feedparser takes the id as the link; we do when it is a web address.
        var idElement = AtomChild(entry, "id");
        var (hasLink, link) = ItemLink(entry.Elements().Where(e => e.Name.LocalName == "link" && IsRssOrAtom(e, entry)), feedUrl);
        link ??= hasLink || idElement is null ? null : HttpLink(BaseOf(idElement, feedUrl), Text(idElement));
        // published first, as for RSS, then updated; created is neither of feedparser's dates, so last.
        var dates = new[] { AtomChild(entry, "published"), AtomChild(entry, "issued"), AtomChild(entry, "updated"), AtomChild(entry, "modified"), NsChild(entry, Dc, "date"), AtomChild(entry, "created") };
        var (published, fromFetch, dateText) = DateOrFetchTime(dates, fetchedAt);
        var content = AtomChild(entry, "content");
        var text = content is not null && content.Attribute("src") is null && !string.IsNullOrWhiteSpace(content.Value)
            ? AtomText(content, line: false)
            : AtomText(AtomChild(entry, "summary"), line: false);
        if (text.Length == 0 && entry.Element(Content + "encoded") is { } encoded)
        {
            text = HtmlText.ToText(Markup(encoded));
        }

        var author = AtomAuthor(entry) ?? Text(NsChild(entry, Dc, "creator")) ?? feedAuthor;
        return new FeedItem(Identity(Text(AtomChild(entry, "id")), link, title, dateText), title, link, published, fromFetch, AuthorName(author), text);
    }

    /// <summary>The first candidate date that reads; the fetch time when none does (one bad date never fails a feed).</summary>
    private static (DateTimeOffset Published, bool FromFetch, string? Text) DateOrFetchTime(XElement?[] candidates, DateTimeOffset fetchedAt)
    {
        foreach (var candidate in candidates)
        {
            if (Text(candidate) is { } text && FeedDates.Parse(text) is { } date)
            {
                return (date, false, text);
            }
        }

        return (fetchedAt.ToUniversalTime(), true, candidates.Select(Text).FirstOrDefault(t => t is not null));
    }

    /// <summary>The item's identity, in the order guid, link, hash of title and date (issue 3).</summary>
    private static string Identity(string? guid, string? link, string title, string? date)
    {
        if (!string.IsNullOrWhiteSpace(guid))
        {
            return guid;
        }

        if (!string.IsNullOrWhiteSpace(link))
        {
            return link;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(title + "\n" + date));
        return "sha256:" + Convert.ToHexStringLower(hash)[..32];
    }

    /// <summary>As feedparser reads it: the attribute's name in any case, and only an absent one or exactly "true" counts.</summary>
    private static bool IsPermaLink(XElement? guid)
    {
        if (guid is null)
        {
            return false;
        }

        var flag = guid.Attributes().FirstOrDefault(a => string.Equals(a.Name.LocalName, "isPermaLink", StringComparison.OrdinalIgnoreCase));
        return flag is null || flag.Value == "true";
    }

    /// <summary>
    /// A link written as element text. Feeds that escape their query strings twice give
    /// "?a=1&amp;amp;b=2"; feedparser unescapes "&amp;amp;" and "&amp;name;" there, and so do we.
    /// </summary>
    private static string? LinkText(XElement? element) =>
        Text(element) is { } text ? EntityInLink().Replace(text.Replace("&amp;", "&", StringComparison.Ordinal), "&$1") : null;

    private static string? HttpLink(string? baseUri, string? link) =>
        Resolve(baseUri, link) is { } resolved && IsHttpUrl(resolved) ? resolved : null;

    /// <summary>An RSS title or name: HTML when it looks like HTML (as feedparser decides), plain text otherwise.</summary>
    private static string RssLine(string? text) =>
        text is not null && LooksLikeEscapedHtml(text) ? HtmlText.ToLine(text) : HtmlText.Collapse(text);

    /// <summary>An Atom text construct (RFC 4287 section 3.1) as plain text: type text, html or xhtml; Atom 0.3 escaped or base64.</summary>
    private static string AtomText(XElement? element, bool line)
    {
        if (element is null)
        {
            return string.Empty;
        }

        var type = ((string?)element.Attribute("type"))?.Trim().ToLowerInvariant() ?? "text";
        var plain = type is "text" or "text/plain" or "plain";
        var mode = ((string?)element.Attribute("mode"))?.Trim().ToLowerInvariant();
        string html;
        if (!element.HasElements && TryBase64(mode, type, element.Value.Trim(), out var decoded))
        {
            // Decoded text keeps its declared type: plain text is kept as written, HTML is cleaned.
            if (plain || !IsHtmlType(type))
            {
                return line ? HtmlText.Collapse(decoded) : HtmlText.ToText(System.Net.WebUtility.HtmlEncode(decoded));
            }

            html = decoded;
        }
        else if (type is "xhtml" or "application/xhtml+xml" || element.HasElements)
        {
            html = Markup(element);
        }
        else if (plain && line)
        {
            // type="text" means what it says: "<b>" or "&amp;" in it are characters, not markup (as feedparser keeps them).
            return HtmlText.Collapse(RepairText(element.Value));
        }
        else
        {
            // Html and escaped content arrive as one string of characters; markup in it
            // (or entity-escaped text) is cleaned the same way.
            html = RepairText(element.Value);
        }

        return line ? HtmlText.ToLine(html) : HtmlText.ToText(html);
    }

    private static string? AtomAuthor(XElement parent)
    {
        var author = parent.Elements().FirstOrDefault(e => e.Name.LocalName == "author" && (e.Name.Namespace == Atom10 || e.Name.Namespace == Atom03 || e.Name.Namespace == XNamespace.None));
        if (author is null)
        {
            return null;
        }

        return Text(author.Elements().FirstOrDefault(e => e.Name.LocalName == "name"))
            ?? Text(author.Elements().FirstOrDefault(e => e.Name.LocalName == "email"))
            ?? (author.HasElements ? null : Text(author));
    }

    /// <summary>The most characters of an author's name kept; a longer field is cut (a name is a line, not an article).</summary>
    public const int MaxAuthorLength = 200;

    /// <summary>"jo@example.com (Jo Smith)", the RSS 2.0 author form, names Jo Smith.</summary>
    private static string? AuthorName(string? author)
    {
        if (author is null)
        {
            return null;
        }

        if (author.Length > MaxAuthorLength * 4)
        {
            author = author[..(MaxAuthorLength * 4)];
        }

        var m = EmailWithName().Match(author);
        var name = HtmlText.ToLine(m.Success ? m.Groups[1].Value : author);
        if (name.Length > MaxAuthorLength)
        {
            name = name[..MaxAuthorLength].TrimEnd();
        }

        return name.Length == 0 ? null : name;
    }

    private static string? AtomLink(XElement parent, Uri? feedUrl) =>
        AtomLink(parent.Elements().Where(e => e.Name.LocalName == "link"), feedUrl);

    /// <summary>
    /// The link of an Atom feed or entry as feedparser picks it: the last link with rel alternate
    /// (RFC 4287 section 4.2.7.2: no rel means alternate) whose type is HTML or XHTML (no type means
    /// HTML), resolved; else an old-style link that holds its address as text.
    /// </summary>
    private static string? AtomLink(IEnumerable<XElement> links, Uri? feedUrl)
    {
        XElement? chosen = null;
        XElement? textLink = null;
        foreach (var link in links)
        {
            var href = Href(link);
            if (href is not null && Rel(link) == "alternate" && IsHtmlType((string?)link.Attribute("type")))
            {
                chosen = link;
            }
            else if (href is null && textLink is null && !string.IsNullOrWhiteSpace(link.Value))
            {
                textLink = link;
            }
        }

        return chosen is not null ? Resolve(BaseOf(chosen, feedUrl), Href(chosen))
            : textLink is not null ? Resolve(BaseOf(textLink, feedUrl), LinkText(textLink))
            : null;
    }

    // feedparser also takes url= and uri= for href=.
    private static string? Href(XElement link) => (string?)(link.Attribute("href") ?? link.Attribute("url") ?? link.Attribute("uri"));

    private static bool IsHtmlType(string? type) =>
        type?.Trim().ToLowerInvariant() switch
        {
            null or "text/html" or "html" or "application/xhtml+xml" or "xhtml" => true,
            _ => false,
        };

    private static string Rel(XElement link) => ((string?)link.Attribute("rel"))?.Trim().ToLowerInvariant() ?? "alternate";

    /// <summary>A link made absolute against the base (see <see cref="Join"/>); as given when it is absolute or there is no base.</summary>
    internal static string? Resolve(string? baseUri, string? link)
    {
        if (string.IsNullOrWhiteSpace(link))
        {
            return null;
        }

        return Join(baseUri, link.Trim());
    }

    private static Uri? AbsoluteUri(string? link) =>
        link is not null && HasScheme().IsMatch(link) && Uri.TryCreate(link, UriKind.Absolute, out var uri) ? uri : null;

    internal static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>
    /// The RSS element of that name: no namespace, the RSS 0.90/1.0 namespaces, or the namespace the
    /// parent itself is in (Radio UserLand's and Harvard's RSS 2.0 namespaces), not dc:title or atom:link.
    /// </summary>
    private static XElement? RssChild(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName
            && (e.Name.Namespace == XNamespace.None || e.Name.Namespace == Rss10 || e.Name.Namespace == Rss090 || e.Name.Namespace == parent.Name.Namespace));

    /// <summary>A child in that namespace, also when the feed spelt the namespace with a different case or trailing slash.</summary>
    private static XElement? NsChild(XElement parent, XNamespace ns, string localName)
    {
        var wanted = ns.NamespaceName.TrimEnd('/');
        return parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName
            && string.Equals(e.Name.NamespaceName.TrimEnd('/'), wanted, StringComparison.OrdinalIgnoreCase));
    }

    private static XElement? AtomChild(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName && (e.Name.Namespace == Atom10 || e.Name.Namespace == Atom03 || e.Name.Namespace == XNamespace.None));

    private static XElement? AnyChild(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    private static string? Text(XElement? element)
    {
        var value = element?.Value.Trim();
        return string.IsNullOrEmpty(value) ? null : RepairText(value);
    }

    /// <summary>An element's content as HTML: its text, or its child elements written out when the feed put raw markup in.</summary>
    private static string Markup(XElement? element)
    {
        if (element is null)
        {
            return string.Empty;
        }

        return RepairText(element.HasElements ? string.Concat(element.Nodes().Select(n => n.ToString(SaveOptions.DisableFormatting))) : element.Value);
    }

    private static bool LooksLikeHtml(string text)
    {
        var head = text.Length > 1024 ? text[..1024] : text;
        return head.Contains("<html", StringComparison.OrdinalIgnoreCase)
            && !head.Contains("<rss", StringComparison.OrdinalIgnoreCase)
            && !head.Contains("<feed", StringComparison.OrdinalIgnoreCase)
            && !head.Contains("<rdf:RDF", StringComparison.OrdinalIgnoreCase);
    }

    private static string OneLine(string message) => string.Join(' ', message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [GeneratedRegex(@"&([A-Za-z0-9_]+);", RegexOptions.None, matchTimeoutMilliseconds: 5000)]
    private static partial Regex EntityInLink();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.\-]*:", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex HasScheme();

    [GeneratedRegex(@"^\s*\S+@\S+\s*\((.+)\)\s*$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex EmailWithName();

    [GeneratedRegex(@"<(?<name>(?:[A-Za-z][\w.\-]*:)?(?:rss|RDF|feed|channel))\b[^>]*>", RegexOptions.None, matchTimeoutMilliseconds: 5000)]
    private static partial Regex RootTag();

    [GeneratedRegex(@"xmlns(?::[\w.\-]+)?\s*=\s*(""[^""]*""|'[^']*')", RegexOptions.None, matchTimeoutMilliseconds: 5000)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"<item\b[^>]*>.*?</item\s*>", RegexOptions.Singleline, matchTimeoutMilliseconds: 5000)]
    private static partial Regex ItemChunk();

    [GeneratedRegex(@"<entry\b[^>]*>.*?</entry\s*>", RegexOptions.Singleline, matchTimeoutMilliseconds: 5000)]
    private static partial Regex EntryChunk();

    [GeneratedRegex(@"<title\b[^>]*>(?:<!\[CDATA\[)?(.*?)(?:\]\]>)?</title\s*>", RegexOptions.Singleline, matchTimeoutMilliseconds: 5000)]
    private static partial Regex TitleChunk();
}
