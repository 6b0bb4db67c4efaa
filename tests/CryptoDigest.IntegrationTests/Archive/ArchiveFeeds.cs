using System.Globalization;
using System.Security;

namespace CryptoDigest.IntegrationTests.Archive;

/// <summary>Newsletter issues written for the archive tests, as RSS with the issue dates the tests choose.</summary>
public static class ArchiveFeeds
{
    public const string PhishingFirst = "A phishing campaign impersonated a hardware wallet vendor with lookalike domains registered over the weekend. Victims who typed their recovery phrase into the copied page lost their funds within minutes, and the attackers moved the coins through several mixers.";
    public const string PhishingSecond = "The vendor said its own servers were never breached. It asked customers to bookmark the real address and never to type the twelve words anywhere but on the device itself.";
    public const string EtfText = "Spot bitcoin ETFs took in $1.2 billion of net inflows on Tuesday, led by BlackRock's IBIT. Cumulative inflows since launch now exceed $40 billion, and outflows from older trusts slowed.";

    public static string Rss(params (string Guid, string Title, string Text, DateTimeOffset Published)[] items) =>
        $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Test newsletter</title><link>https://news.example.com/</link>
        {string.Concat(items.Select(Item))}
        </channel></rss>
        """;

    private static string Item((string Guid, string Title, string Text, DateTimeOffset Published) i) =>
        $"<item><title>{SecurityElement.Escape(i.Title)}</title><link>https://news.example.com/{i.Guid}</link><guid isPermaLink=\"false\">{i.Guid}</guid>" +
        $"<pubDate>{i.Published.ToString("r", CultureInfo.InvariantCulture)}</pubDate>" +
        $"<content:encoded><![CDATA[{string.Concat(i.Text.Split('\n').Select(p => $"<p>{p}</p>"))}]]></content:encoded></item>";
}
