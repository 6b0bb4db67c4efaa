namespace CryptoDigest.Feeds;

/// <summary>What a feed document says, after parsing and cleaning: its title and items in document order.</summary>
/// <param name="Format">The dialect recognised, e.g. "RSS 2.0" or "Atom 1.0".</param>
/// <param name="Title">The feed's own title, cleaned of markup.</param>
/// <param name="SiteUrl">The feed's link to its web site, if it gives one.</param>
/// <param name="Items">The entries, in the order the document lists them.</param>
public sealed record ParsedFeed(string Format, string Title, Uri? SiteUrl, IReadOnlyList<FeedItem> Items);

/// <summary>One entry of a feed, with every field already cleaned and every link absolute where the feed allowed it.</summary>
/// <param name="Id">The entry's identity: guid (or Atom id), else its link, else a hash of title and date.</param>
/// <param name="Title">Plain text, markup removed.</param>
/// <param name="Link">The article's address as the feed gives it (resolved against xml:base or the feed URL).</param>
/// <param name="Published">When it was published, in UTC; the fetch time when the feed gives no usable date.</param>
/// <param name="PublishedIsFetchTime">True when <paramref name="Published"/> is the fetch time, not a date from the feed.</param>
/// <param name="Author">The author's name, if any.</param>
/// <param name="Text">The content as clean plain text (paragraphs separated by blank lines).</param>
public sealed record FeedItem(
    string Id,
    string Title,
    string? Link,
    DateTimeOffset Published,
    bool PublishedIsFetchTime,
    string? Author,
    string Text);

/// <summary>A feed that could not be parsed at all; the message is one line that says why, for the source's status.</summary>
public sealed class FeedFormatException(string message, Exception? inner = null) : Exception(message, inner);
