namespace CryptoDigest.Feeds;

/// <summary>What a feed document says, after parsing and cleaning: its title and items in document order.</summary>
/// <param name="Format">The dialect recognised, e.g. "RSS 2.0" or "Atom 1.0".</param>
/// <param name="Title">The feed's own title, cleaned of markup.</param>
/// <param name="SiteUrl">The feed's link to its web site, if it gives one.</param>
/// <param name="Items">The entries, in the order the document lists them.</param>
public sealed record ParsedFeed(string Format, string Title, Uri? SiteUrl, IReadOnlyList<FeedItem> Items);
