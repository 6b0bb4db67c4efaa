namespace CryptoDigest.Feeds;

/// <summary>Where a report's items came from.</summary>
public enum SourceChannel
{
    /// <summary>The source's RSS or Atom feed.</summary>
    Feed,

    /// <summary>The source's issues in the newsletter mailbox.</summary>
    Email,

    /// <summary>The mailbox itself: its unclaimed and unreadable messages, or why it could not be read.</summary>
    Mailbox,
}
