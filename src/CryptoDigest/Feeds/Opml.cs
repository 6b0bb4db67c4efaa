using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace CryptoDigest.Feeds;

/// <summary>
/// OPML 2.0 (http://opml.org/spec2.opml) subscription lists, the format feed readers import and
/// export. Read with the same safe reader settings as feeds: no DTD processing, no resolver.
/// </summary>
public static class Opml
{
    /// <summary>Every outline with an http(s) xmlUrl, at any depth (folders are flattened).</summary>
    /// <exception cref="FeedFormatException">The text is not OPML.</exception>
    public static IReadOnlyList<OpmlOutline> Read(string text)
    {
        XElement root;
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, MaxCharactersInDocument = 10_000_000 };
            using var reader = XmlReader.Create(new StringReader(text), settings);
            root = XDocument.Load(reader).Root!;
        }
        catch (XmlException ex)
        {
            throw new FeedFormatException($"not readable OPML: {ex.Message}", ex);
        }

        if (root.Name.LocalName != "opml")
        {
            throw new FeedFormatException($"not OPML: the root element is <{root.Name.LocalName}>");
        }

        var outlines = new List<OpmlOutline>();
        foreach (var outline in root.Descendants().Where(e => e.Name.LocalName == "outline"))
        {
            var xmlUrl = ((string?)outline.Attribute("xmlUrl"))?.Trim();
            if (xmlUrl is null || !FeedsOptions.IsHttpUrl(xmlUrl))
            {
                continue;
            }

            var htmlUrl = ((string?)outline.Attribute("htmlUrl"))?.Trim();
            var name = ((string?)outline.Attribute("title") ?? (string?)outline.Attribute("text"))?.Trim();
            outlines.Add(new OpmlOutline(
                string.IsNullOrEmpty(name) ? new Uri(xmlUrl).Host : name,
                new Uri(xmlUrl),
                htmlUrl is not null && FeedsOptions.IsHttpUrl(htmlUrl) ? new Uri(htmlUrl) : null,
                ((string?)outline.Attribute("description"))?.Trim() ?? string.Empty));
        }

        return outlines;
    }

    /// <summary>An OPML 2.0 document listing the outlines.</summary>
    public static string Write(string title, IEnumerable<OpmlOutline> outlines, DateTimeOffset created)
    {
        var document = new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement("opml", new XAttribute("version", "2.0"),
                new XElement("head",
                    new XElement("title", title),
                    new XElement("dateCreated", created.ToString("R"))),
                new XElement("body", outlines.Select(o => new XElement("outline",
                    new XAttribute("type", "rss"),
                    new XAttribute("text", o.Name),
                    new XAttribute("title", o.Name),
                    new XAttribute("xmlUrl", o.FeedUrl.AbsoluteUri),
                    o.SiteUrl is null ? null : new XAttribute("htmlUrl", o.SiteUrl.AbsoluteUri),
                    o.Description.Length == 0 ? null : new XAttribute("description", o.Description))))));
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) }))
        {
            document.Save(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
