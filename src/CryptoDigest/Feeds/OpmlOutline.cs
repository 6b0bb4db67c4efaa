namespace CryptoDigest.Feeds;

/// <summary>One feed subscription as OPML carries it.</summary>
public sealed record OpmlOutline(string Name, Uri FeedUrl, Uri? SiteUrl, string Description);
