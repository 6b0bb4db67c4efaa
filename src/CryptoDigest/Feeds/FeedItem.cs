namespace CryptoDigest.Feeds;

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
